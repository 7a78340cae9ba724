//! The reminder actions: the clerk's own reminders, dismissals, snoozes, lead times and the
//! calendar export. What is due is computed (`reminders::compute`), never stored.

use std::path::Path;

use chrono::{DateTime, NaiveDate, Utc};

use super::Workspace;
use crate::error::{Error, Result};
use crate::model::ReminderChanges;
use crate::reminders::{self, MAX_DAYS, OwnReminder, Reminder, Settings};
use crate::text::{self, Kind};
use crate::{datadir, files, ics, store};

impl Workspace {
    // ------------------------------------------------------------ reminders

    /// Every reminder current on `day`, dismissed and snoozed ones marked (see `reminders::compute`).
    pub fn reminders(&mut self, day: NaiveDate) -> Result<Vec<Reminder>> {
        let tx = self.conn.transaction()?;
        let portfolio = store::load_portfolio(&tx)?;
        let stored = store::load_reminders(&tx)?;
        tx.finish()?;
        Ok(reminders::compute(&portfolio, &self.programs, &stored, day))
    }

    /// The reminder `id` current on `day`; a series id (without the year) names its current occurrence.
    fn current_reminder(&mut self, id: &str, day: NaiveDate) -> Result<Reminder> {
        let id = id.trim();
        let all = self.reminders(day)?;
        let found = all.iter().find(|r| r.id == id).or_else(|| all.iter().find(|r| r.series == id));
        found.cloned().ok_or_else(|| {
            Error::NotFound(format!("no current reminder '{id}' on {day}")).hint("see `clerkfolio reminders --all` for the ids")
        })
    }

    pub fn reminder_settings(&self) -> Result<Settings> {
        store::reminder_settings(&self.conn)
    }

    /// Changes the default lead time and/or the days after a course before its certificate is asked for.
    pub fn set_reminder_settings(&mut self, lead_days: Option<u32>, certificate_days: Option<u32>) -> Result<Settings> {
        for (value, what) in [(lead_days, "the lead time"), (certificate_days, "the certificate follow-up")] {
            check_days(value, what)?;
        }
        let tx = self.write()?;
        let mut settings = store::reminder_settings(&tx)?;
        settings.lead_days = lead_days.unwrap_or(settings.lead_days);
        settings.certificate_days = certificate_days.unwrap_or(settings.certificate_days);
        store::save_reminder_settings(&tx, &settings)?;
        tx.commit()?;
        Ok(settings)
    }

    pub fn own_reminders(&self) -> Result<Vec<OwnReminder>> {
        store::own_reminders(&self.conn)
    }

    pub fn add_reminder(&mut self, c: ReminderChanges) -> Result<i64> {
        let date = c.date.ok_or_else(|| Error::Invalid("a reminder needs a date".into()).hint("--date YYYY-MM-DD"))?;
        let blank = OwnReminder { id: 0, title: String::new(), date, yearly: false, notes: String::new(), lead_days: None };
        self.save_reminder(blank, c)
    }

    pub fn edit_reminder(&mut self, id: i64, c: ReminderChanges) -> Result<OwnReminder> {
        let current = store::own_reminder(&self.conn, id)?;
        self.save_reminder(current, c)?;
        store::own_reminder(&self.conn, id)
    }

    fn save_reminder(&mut self, mut o: OwnReminder, c: ReminderChanges) -> Result<i64> {
        if let Some(title) = c.title {
            o.title = text::field(&title, "the reminder's title", Kind::Line)?;
        }
        if o.title.is_empty() {
            return Err(Error::Invalid("a reminder needs a title".into()).hint("--title"));
        }
        o.date = c.date.unwrap_or(o.date);
        o.yearly = c.yearly.unwrap_or(o.yearly);
        if let Some(notes) = c.notes {
            o.notes = text::field(&notes, "the reminder's notes", Kind::Text)?;
        }
        check_days(c.lead_days, "the lead time")?;
        if c.clear_lead {
            o.lead_days = None;
        }
        o.lead_days = c.lead_days.or(o.lead_days);
        let tx = self.write()?;
        let id = store::save_own_reminder(&tx, &o)?;
        tx.commit()?;
        Ok(id)
    }

    pub fn remove_reminder(&mut self, id: i64) -> Result<()> {
        let tx = self.write()?;
        if !store::delete_own_reminder(&tx, id)? {
            return Err(Error::NotFound(format!("no reminder of yours with id {id}")).hint("see `clerkfolio reminder list`"));
        }
        tx.commit()?;
        Ok(())
    }

    /// Dismisses the current occurrence of a reminder: a yearly one comes back next year, one
    /// whose date changes comes back at the new date.
    pub fn dismiss_reminder(&mut self, id: &str, day: NaiveDate) -> Result<Reminder> {
        let r = self.current_reminder(id, day)?;
        let tx = self.write()?;
        store::dismiss_reminder(&tx, &r.id, r.due)?;
        tx.commit()?;
        Ok(r)
    }

    /// Hides a reminder until `until` (it shows again that day).
    pub fn snooze_reminder(&mut self, id: &str, until: NaiveDate, day: NaiveDate) -> Result<Reminder> {
        if until <= day {
            return Err(Error::Invalid(format!("snooze until a day after {day} (got {until})")));
        }
        let r = self.current_reminder(id, day)?;
        let tx = self.write()?;
        store::snooze_reminder(&tx, &r.id, until)?;
        tx.commit()?;
        Ok(r)
    }

    /// Undoes a dismissal or snooze of the occurrence `id`.
    pub fn restore_reminder(&mut self, id: &str) -> Result<()> {
        let tx = self.write()?;
        if !store::clear_reminder_mark(&tx, id.trim())? {
            return Err(Error::NotFound(format!("reminder '{}' is neither dismissed nor snoozed", id.trim())));
        }
        tx.commit()?;
        Ok(())
    }

    /// The lead time of one reminder, every year for a yearly one; None: the default again.
    pub fn set_reminder_lead(&mut self, id: &str, lead_days: Option<u32>, day: NaiveDate) -> Result<Reminder> {
        check_days(lead_days, "the lead time")?;
        let r = self.current_reminder(id, day)?;
        // The clerk's own reminders keep their lead time in their own row.
        let own = (r.kind == reminders::Kind::Own).then(|| r.series.strip_prefix("own:")?.parse::<i64>().ok()).flatten();
        let tx = self.write()?;
        match own {
            Some(own) => {
                let mut o = store::own_reminder(&tx, own)?;
                o.lead_days = lead_days;
                store::save_own_reminder(&tx, &o)?;
            }
            None => store::set_reminder_lead(&tx, &r.series, lead_days)?,
        }
        tx.commit()?;
        self.current_reminder(&r.id, day)
    }

    /// The reminders as an iCalendar file's text and its number of events (see `ics::calendar`).
    pub fn calendar(&mut self, day: NaiveDate, stamp: DateTime<Utc>) -> Result<(String, usize)> {
        let all = self.reminders(day)?;
        let token = store::reminder_settings(&self.conn)?.calendar_token;
        ics::calendar(&all, &token, stamp, day).ok_or_else(|| {
            Error::NotFound(format!(
                "no reminder has a date on or after {day} to put in a calendar (record your membership or add a reminder of your own first); nothing was written"
            ))
        })
    }

    /// Writes the calendar to `path` atomically (temp file, fsync, rename); returns the number of events.
    pub fn export_calendar(&mut self, path: &Path, day: NaiveDate, stamp: DateTime<Utc>) -> Result<usize> {
        datadir::refuse_inside(&self.dir, path, "the calendar file")?;
        let (text, events) = self.calendar(day, stamp)?;
        files::existing_folder(path, "the calendar file")?;
        files::write_atomically(path, &files::temp_prefix_for(path), text.as_bytes(), format!("cannot write the calendar file {}", path.display()))?;
        Ok(events)
    }

}

fn check_days(days: Option<u32>, what: &str) -> Result<()> {
    match days {
        Some(d) if d > MAX_DAYS => Err(Error::Invalid(format!("{what} must be 0 to {MAX_DAYS} days (got {d})"))),
        _ => Ok(()),
    }
}
