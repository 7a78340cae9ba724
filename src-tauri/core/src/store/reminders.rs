//! The reminder tables (migration 002): the default lead time and certificate follow-up, the
//! clerk's own reminders, and the marks (dismissed, snoozed, lead times) on computed reminders.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use super::{conversion_error, date, opt_date};
use crate::error::{Error, Result};
use crate::reminders::{Marks, OwnReminder, Settings, Stored};

fn days(value: i64, column: usize) -> rusqlite::Result<u32> {
    u32::try_from(value).map_err(|_| conversion_error(column, format!("{value} is not a number of days")))
}

pub fn reminder_settings(conn: &Connection) -> Result<Settings> {
    Ok(conn.query_row("SELECT lead_days, certificate_days, calendar_token FROM reminder_settings WHERE id = 1", [], |r| {
        Ok(Settings { lead_days: days(r.get(0)?, 0)?, certificate_days: days(r.get(1)?, 1)?, calendar_token: r.get(2)? })
    })?)
}

pub fn save_reminder_settings(tx: &Transaction, s: &Settings) -> Result<()> {
    tx.execute(
        "UPDATE reminder_settings SET lead_days = ?1, certificate_days = ?2 WHERE id = 1",
        params![s.lead_days, s.certificate_days],
    )?;
    Ok(())
}

const OWN_REMINDER_COLUMNS: &str = "id, title, due_date, yearly, notes, lead_days";

fn own_reminder_row(r: &Row) -> rusqlite::Result<OwnReminder> {
    Ok(OwnReminder {
        id: r.get(0)?,
        title: r.get(1)?,
        date: date(r.get(2)?)?,
        yearly: r.get(3)?,
        notes: r.get(4)?,
        lead_days: r.get::<_, Option<i64>>(5)?.map(|v| days(v, 5)).transpose()?,
    })
}

pub fn own_reminders(conn: &Connection) -> Result<Vec<OwnReminder>> {
    let mut stmt = conn.prepare(&format!("SELECT {OWN_REMINDER_COLUMNS} FROM own_reminder ORDER BY due_date, id"))?;
    let rows = stmt.query_map([], own_reminder_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn own_reminder(conn: &Connection, id: i64) -> Result<OwnReminder> {
    conn.query_row(&format!("SELECT {OWN_REMINDER_COLUMNS} FROM own_reminder WHERE id = ?1"), [id], own_reminder_row)
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("no reminder of yours with id {id}")).hint("see `clerkfolio reminder list`"))
}

pub fn save_own_reminder(tx: &Transaction, o: &OwnReminder) -> Result<i64> {
    let values = params![o.title, o.date.to_string(), o.yearly, o.notes, o.lead_days];
    if o.id == 0 {
        tx.execute("INSERT INTO own_reminder (title, due_date, yearly, notes, lead_days) VALUES (?1, ?2, ?3, ?4, ?5)", values)?;
        Ok(tx.last_insert_rowid())
    } else {
        tx.execute(
            "UPDATE own_reminder SET title = ?1, due_date = ?2, yearly = ?3, notes = ?4, lead_days = ?5 WHERE id = ?6",
            params![o.title, o.date.to_string(), o.yearly, o.notes, o.lead_days, o.id],
        )?;
        Ok(o.id)
    }
}

/// Removes one of the clerk's reminders with the marks of all its occurrences.
pub fn delete_own_reminder(tx: &Transaction, id: i64) -> Result<bool> {
    let series = crate::reminders::own_series(id);
    tx.execute("DELETE FROM reminder_mark WHERE reminder_id = ?1 OR reminder_id LIKE ?1 || ':%'", [&series])?;
    tx.execute("DELETE FROM reminder_lead WHERE series = ?1", [&series])?;
    Ok(tx.execute("DELETE FROM own_reminder WHERE id = ?1", [id])? == 1)
}

/// Dismisses the occurrence of `reminder_id` due on `due`.
pub fn dismiss_reminder(tx: &Transaction, reminder_id: &str, due: NaiveDate) -> Result<()> {
    tx.execute(
        "INSERT INTO reminder_mark (reminder_id, dismissed_due) VALUES (?1, ?2)
         ON CONFLICT (reminder_id) DO UPDATE SET dismissed_due = excluded.dismissed_due",
        params![reminder_id, due.to_string()],
    )?;
    Ok(())
}

pub fn snooze_reminder(tx: &Transaction, reminder_id: &str, until: NaiveDate) -> Result<()> {
    tx.execute(
        "INSERT INTO reminder_mark (reminder_id, snoozed_until) VALUES (?1, ?2)
         ON CONFLICT (reminder_id) DO UPDATE SET snoozed_until = excluded.snoozed_until",
        params![reminder_id, until.to_string()],
    )?;
    Ok(())
}

/// Forgets a dismissal or snooze; false if there was none.
pub fn clear_reminder_mark(tx: &Transaction, reminder_id: &str) -> Result<bool> {
    Ok(tx.execute("DELETE FROM reminder_mark WHERE reminder_id = ?1", [reminder_id])? == 1)
}

/// The lead time for a computed series; None goes back to the default.
pub fn set_reminder_lead(tx: &Transaction, series: &str, lead_days: Option<u32>) -> Result<()> {
    match lead_days {
        Some(lead) => tx.execute(
            "INSERT INTO reminder_lead (series, lead_days) VALUES (?1, ?2)
             ON CONFLICT (series) DO UPDATE SET lead_days = excluded.lead_days",
            params![series, lead],
        )?,
        None => tx.execute("DELETE FROM reminder_lead WHERE series = ?1", [series])?,
    };
    Ok(())
}

fn reminder_marks(conn: &Connection) -> Result<Marks> {
    let mut marks = Marks::default();
    let mut stmt = conn.prepare("SELECT reminder_id, dismissed_due, snoozed_until FROM reminder_mark")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, opt_date(r.get(1)?)?, opt_date(r.get(2)?)?)))?;
    for row in rows {
        let (id, dismissed, snoozed) = row?;
        if let Some(due) = dismissed {
            marks.dismissed.insert(id.clone(), due);
        }
        if let Some(until) = snoozed {
            marks.snoozed.insert(id, until);
        }
    }
    let mut stmt = conn.prepare("SELECT series, lead_days FROM reminder_lead")?;
    for row in stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, days(r.get(1)?, 1)?)))? {
        let (series, lead) = row?;
        marks.leads.insert(series, lead);
    }
    Ok(marks)
}

/// Everything reminders keep, inside a transaction the caller holds.
pub fn load_reminders(conn: &Connection) -> Result<Stored> {
    Ok(Stored { settings: reminder_settings(conn)?, own: own_reminders(conn)?, marks: reminder_marks(conn)? })
}
