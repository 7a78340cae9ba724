//! `clerkfolio reminders` (what is due, or all of it as a calendar) and `clerkfolio reminder`
//! (the clerk's own reminders, dismissals, snoozes, lead times, settings).

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate, Utc};
use clap::{Args, Subcommand};

use clerkfolio_core::model::ReminderChanges;
use clerkfolio_core::reminders::{self, Reminder};
use clerkfolio_core::{Result, Workspace};

use super::output::{Out, wrap};
use super::{date_arg, today};

#[derive(Args)]
pub struct RemindersArgs {
    /// The day to look from (default: today)
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
    today: Option<NaiveDate>,
    /// Also list what is due within this many days (default: each reminder's own lead time)
    #[arg(long, value_name = "DAYS")]
    within: Option<u32>,
    /// Every current reminder, also dismissed, snoozed and not yet due ones
    #[arg(long, conflicts_with = "within")]
    all: bool,
    #[arg(long)]
    json: bool,
    /// Write them as an iCalendar file (.ics, `-` for stdout) for Outlook, Google or Apple Calendar
    #[arg(long, value_name = "FILE", conflicts_with_all = ["within", "all", "json"])]
    ics: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum ReminderCommand {
    /// Add a reminder of your own (e.g. a state's recurring training); prints its id
    Add {
        #[arg(long, value_name = "T")]
        title: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        date: NaiveDate,
        /// Repeat every year on this date
        #[arg(long)]
        yearly: bool,
        #[arg(long, value_name = "TEXT")]
        notes: Option<String>,
        /// Days before the date it starts to show (default: the reminder settings' lead time)
        #[arg(long, value_name = "DAYS")]
        lead: Option<u32>,
    },
    /// Change one of your reminders (only the fields given)
    Edit {
        id: i64,
        #[arg(long, value_name = "T")]
        title: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        date: Option<NaiveDate>,
        /// Repeat every year
        #[arg(long, conflicts_with = "once")]
        yearly: bool,
        /// Stop repeating: only the date given
        #[arg(long)]
        once: bool,
        #[arg(long, value_name = "TEXT")]
        notes: Option<String>,
        #[arg(long, value_name = "DAYS", conflicts_with = "default_lead")]
        lead: Option<u32>,
        /// Go back to the default lead time
        #[arg(long)]
        default_lead: bool,
    },
    /// Remove one of your reminders
    Remove { id: i64 },
    /// List your own reminders
    List {
        #[arg(long)]
        json: bool,
    },
    /// Dismiss a reminder (this occurrence: a yearly one comes back next year)
    Dismiss {
        /// Reminder id, as `clerkfolio reminders` shows it
        id: String,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        today: Option<NaiveDate>,
    },
    /// Hide a reminder until a day
    Snooze {
        id: String,
        /// It shows again on this day
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        until: NaiveDate,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        today: Option<NaiveDate>,
    },
    /// Undo a dismissal or a snooze
    Restore { id: String },
    /// How many days ahead one reminder shows (every year for a yearly one)
    Lead {
        id: String,
        #[arg(long, value_name = "DAYS", required_unless_present = "default", conflicts_with = "default")]
        days: Option<u32>,
        /// Go back to the default lead time
        #[arg(long)]
        default: bool,
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = date_arg)]
        today: Option<NaiveDate>,
    },
    /// Show or change the default lead time and the certificate follow-up
    Settings {
        /// Days before a date that its reminder starts to show (default 30)
        #[arg(long, value_name = "DAYS")]
        lead: Option<u32>,
        /// Days after a course ends before a missing certificate is asked for (default 30)
        #[arg(long, value_name = "DAYS")]
        certificate_days: Option<u32>,
        #[arg(long)]
        json: bool,
    },
}

/// `clerkfolio reminders`: what is due on a day, or every date as an iCalendar file.
pub fn show(args: RemindersArgs, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    let day = args.today.unwrap_or_else(today);
    match args.ics {
        Some(file) if file.as_os_str() == "-" => out.raw(&ws.calendar(day, Utc::now())?.0),
        Some(file) => {
            let events = ws.export_calendar(&file, day, Utc::now())?;
            out.line(format_args!(
                "Wrote {events} calendar event(s) to {}: import it into Outlook, Google Calendar or Apple Calendar.",
                file.display()
            ));
        }
        None => {
            let every = ws.reminders(day)?;
            let shown: Vec<&Reminder> = if args.all { every.iter().collect() } else { reminders::due_on(&every, day, args.within.unwrap_or(0)) };
            if args.json {
                return out.json(&shown.iter().map(|r| r.to_json(day)).collect::<Vec<_>>());
            }
            let lead = ws.reminder_settings()?.lead_days;
            show_due(&shown, day, args.all, args.within, lead, out);
        }
    }
    Ok(())
}

pub fn run(command: ReminderCommand, ws: &mut Workspace, out: &mut Out) -> Result<()> {
    match command {
        ReminderCommand::Add { title, date, yearly, notes, lead } => {
            let changes = ReminderChanges { title: Some(title), date: Some(date), yearly: Some(yearly), notes, lead_days: lead, clear_lead: false };
            out.line(ws.add_reminder(changes)?);
        }
        ReminderCommand::Edit { id, title, date, yearly, once, notes, lead, default_lead } => {
            let yearly = (yearly || once).then_some(yearly);
            ws.edit_reminder(id, ReminderChanges { title, date, yearly, notes, lead_days: lead, clear_lead: default_lead })?;
        }
        ReminderCommand::Remove { id } => ws.remove_reminder(id)?,
        ReminderCommand::List { json: true } => out.json(&ws.own_reminders()?)?,
        ReminderCommand::List { json: false } => {
            for o in ws.own_reminders()? {
                let repeat = if o.yearly { "yearly" } else { "once" };
                let lead = o.lead_days.map_or(String::new(), |d| format!(", shown {d} days ahead"));
                let notes = if o.notes.is_empty() { String::new() } else { format!(" — {}", o.notes) };
                out.line(format_args!("{:>4}  {}  {repeat:<6} {}{notes}{lead}", o.id, o.date, o.title));
            }
        }
        ReminderCommand::Dismiss { id, today: day } => {
            let r = ws.dismiss_reminder(&id, day.unwrap_or_else(today))?;
            let again = if r.yearly { format!("; it comes back for {}", r.in_year(r.due.year() + 1)) } else { String::new() };
            out.line(format_args!("Dismissed {} (due {}){again}.", r.id, r.due));
        }
        ReminderCommand::Snooze { id, until, today: day } => {
            let r = ws.snooze_reminder(&id, until, day.unwrap_or_else(today))?;
            out.line(format_args!("Snoozed {} until {until}.", r.id));
        }
        ReminderCommand::Restore { id } => ws.restore_reminder(&id)?,
        ReminderCommand::Lead { id, days, default: _, today: day } => {
            let r = ws.set_reminder_lead(&id, days, day.unwrap_or_else(today))?;
            out.line(format_args!("{} shows from {} ({} days before {}).", r.series, r.shows_from, r.lead_days, r.due));
        }
        ReminderCommand::Settings { lead, certificate_days, json } => {
            let settings = if lead.is_some() || certificate_days.is_some() {
                ws.set_reminder_settings(lead, certificate_days)?
            } else {
                ws.reminder_settings()?
            };
            if json {
                return out.json(&settings);
            }
            out.line(format_args!("Lead time: reminders show {} days before their date.", settings.lead_days));
            out.line(format_args!("Certificates: asked for {} days after a course ends if none is attached.", settings.certificate_days));
        }
    }
    Ok(())
}

fn show_due(shown: &[&Reminder], day: NaiveDate, all: bool, within: Option<u32>, lead: u32, out: &mut Out) {
    if shown.is_empty() {
        let window = match within {
            Some(days) => format!("within {days} days of {day}"),
            None => format!("on {day} (a reminder shows from {lead} days before its date; --within 365 looks a year ahead)"),
        };
        out.line(format_args!("Nothing due {window}."));
        return;
    }
    out.line(format_args!("Reminders on {day}"));
    for r in shown {
        let when = match (r.due - day).num_days() {
            0 => "today".to_string(),
            1 => "tomorrow".to_string(),
            d if d > 0 => format!("in {d} days"),
            d => format!("overdue by {} days", -d),
        };
        let mut tags = vec![r.id.clone()];
        if r.yearly {
            tags.push("yearly".into());
        }
        if r.dismissed {
            tags.push("dismissed".into());
        }
        if let Some(until) = r.snoozed_until {
            tags.push(format!("snoozed until {until}"));
        }
        out.line("");
        out.line(format_args!("  {} ({when})  {}", r.due, r.title));
        for line in wrap(&r.detail, 96) {
            out.line(format_args!("      {line}"));
        }
        if let Some(command) = &r.hint {
            out.line(format_args!("      `{command}`"));
        }
        out.line(format_args!("      [{}]", tags.join(" · ")));
    }
    out.line("");
    if !all {
        out.line("Dismiss one with `clerkfolio reminder dismiss ID`, or hide it a while with `clerkfolio reminder snooze ID --until YYYY-MM-DD`.");
    }
}
