//! The twelve layouts. Each draws a sheet from the facts and returns the labels: the fields as a
//! careful clerk would enter them from that sheet (a field the sheet does not state is absent).

use std::collections::BTreeMap;

use super::{Facts, Font, MONTHS, Sheet, iso, num, us_dates};

pub const NAMES: [&str; 12] = [
    "classic", "webinar", "letter", "transcript", "association", "university", "form", "conference", "academy", "european", "landscape",
    "pdu-title",
];

type Fields = BTreeMap<&'static str, String>;

fn later(d: (i32, u32, u32), months: u32) -> (i32, u32, u32) {
    let m = d.1 + months;
    (d.0 + ((m - 1) / 12) as i32, (m - 1) % 12 + 1, 2)
}

fn long(d: (i32, u32, u32)) -> String {
    format!("{} {}, {}", MONTHS[d.1 as usize - 1], d.2, d.0)
}

fn base(f: &Facts, with_end: bool) -> Fields {
    let mut l = Fields::new();
    l.insert("recipient", f.name.into());
    l.insert("title", f.title.into());
    l.insert("provider", f.provider.into());
    l.insert("date", iso(f.start));
    if with_end && let Some(e) = f.end {
        l.insert("end_date", iso(e));
    }
    l
}

/// The category a clerk would pick from the provider's name, where it says so.
fn category_from_provider(f: &Facts, l: &mut Fields) {
    if f.provider.contains("Clerks Institute") {
        l.insert("category", "institute".into());
    } else if f.provider.contains("Academy") {
        l.insert("category", "academy".into());
    }
}

fn signer(s: &mut Sheet, x: f32, y: f32, role: &str) {
    s.rule(x - 110.0, y + 18.0, x + 110.0);
    s.centre_at(x, "Dana Whitlock", y, 12.0, Font::Regular);
    s.centre_at(x, role, y - 15.0, 10.0, Font::Italic);
}

impl Sheet {
    fn centre_at(&mut self, x: f32, text: &str, y: f32, size: f32, font: Font) {
        self.texts.push(super::Text { text: text.into(), x, y, size, font, align: super::Align::Centre });
    }
}

pub fn draw(layout: usize, v: usize, f: &Facts) -> (Sheet, Fields) {
    let mut s = Sheet::new(layout == 10);
    let name_font = if v.is_multiple_of(2) { Font::Italic } else { Font::Bold };
    let mut l;
    match layout {
        0 => {
            s.border();
            s.centre(f.provider, 700.0, 16.0, Font::Bold);
            s.centre("CERTIFICATE OF COMPLETION", 640.0, 26.0, Font::Bold);
            s.centre("This certifies that", 585.0, 14.0, Font::Regular);
            let shown = if v == 2 { f.name.to_uppercase() } else { f.name.to_string() };
            s.centre(&shown, 540.0, 30.0, name_font);
            if v % 2 == 1 {
                s.centre(f.employer, 515.0, 12.0, Font::Regular);
            }
            s.centre("has successfully completed", 480.0, 14.0, Font::Regular);
            s.centre(f.title, 445.0, 20.0, Font::Bold);
            s.centre(&format!("{}  -  {} contact hours", us_dates(f), num(f.hours)), 405.0, 13.0, Font::Regular);
            signer(&mut s, 306.0, 185.0, "Program Director");
            s.centre(&format!("Certificate No. {}", f.number), 110.0, 10.0, Font::Regular);
            l = base(f, true);
            l.insert("hours", num(f.hours));
            l.insert("certificate_number", f.number.into());
            category_from_provider(f, &mut l);
        }
        1 => {
            let hours = [1.5, 1.0, 0.75, 2.0][v];
            s.left(&format!("{}/{}/{}, 10:22 AM", later(f.start, 1).1, 14, f.start.0 % 100), 24.0, 775.0, 8.0, Font::Regular);
            s.right(&format!("Certificate - {}", f.provider), 588.0, 775.0, 8.0, Font::Regular);
            s.left(&format!("https://learn.example.com/certificates/{}", f.number), 24.0, 14.0, 8.0, Font::Regular);
            s.right("1/1", 588.0, 14.0, 8.0, Font::Regular);
            s.left(f.provider, 60.0, 720.0, 14.0, Font::Bold);
            s.centre("Certificate of Completion", 620.0, 28.0, Font::Bold);
            s.centre("Presented to", 560.0, 13.0, Font::Regular);
            s.centre(f.name, 515.0, 32.0, name_font);
            s.centre("for completing the webinar", 470.0, 13.0, Font::Regular);
            s.centre(&format!("\u{201C}{}\u{201D}", f.title), 435.0, 18.0, Font::Bold);
            s.left(&format!("Date: {}", long(f.start)), 90.0, 330.0, 12.0, Font::Regular);
            s.left(&format!("Duration: {} minutes", (hours * 60.0) as u32), 90.0, 310.0, 12.0, Font::Regular);
            s.left(&format!("Certificate ID: {}", f.number), 90.0, 150.0, 10.0, Font::Regular);
            l = base(f, false);
            l.insert("hours", num(hours));
            l.insert("certificate_number", f.number.into());
            l.insert("category", "webinar".into());
        }
        2 => {
            s.left(f.provider, 72.0, 730.0, 16.0, Font::Bold);
            s.left("200 Main Street, Suite 4, Springfield, IL 62701", 72.0, 714.0, 9.0, Font::Regular);
            s.left(&long(later(f.end.unwrap_or(f.start), 1)), 72.0, 660.0, 11.0, Font::Regular);
            let honorific = if v.is_multiple_of(2) { "Ms." } else { "Mr." };
            s.left(&format!("Dear {honorific} {}:", f.name), 72.0, 620.0, 11.0, Font::Regular);
            let body = [
                format!("This letter confirms your attendance at the {},", f.title),
                format!("held {} in Tacoma, Washington. You completed {} hours of", us_dates(f), num(f.hours)),
                "instruction. We appreciate your commitment to professional development.".to_string(),
                String::new(),
                "Sincerely,".to_string(),
            ];
            for (i, line) in body.iter().enumerate() {
                s.left(line, 72.0, 592.0 - 16.0 * i as f32, 11.0, Font::Regular);
            }
            s.left("Dana Whitlock", 72.0, 470.0, 11.0, Font::Regular);
            s.left("Executive Director", 72.0, 455.0, 11.0, Font::Regular);
            l = base(f, true);
            l.insert("hours", num(f.hours));
            category_from_provider(f, &mut l);
        }
        3 => {
            s.centre(f.provider, 720.0, 18.0, Font::Bold);
            s.centre("Transcript of Continuing Education", 690.0, 15.0, Font::Regular);
            s.left(&format!("Participant: {}", f.name), 72.0, 640.0, 11.0, Font::Regular);
            s.left(&format!("Program: {}", f.title), 72.0, 622.0, 11.0, Font::Regular);
            s.left(&format!("Dates: {}", us_dates(f)), 72.0, 604.0, 11.0, Font::Regular);
            s.left(&format!("Transcript No. T{}{:03}", f.start.0, v * 7 + 11), 380.0, 640.0, 9.0, Font::Regular);
            s.left("Session", 72.0, 570.0, 11.0, Font::Bold);
            s.right("Hours", 520.0, 570.0, 11.0, Font::Bold);
            let parts = [f.hours / 2.0, f.hours / 4.0, f.hours / 4.0];
            for (i, (topic, h)) in ["Opening session and law update", "Workshop and case studies", "Panel and assessment"].iter().zip(parts).enumerate() {
                s.left(topic, 72.0, 550.0 - 18.0 * i as f32, 11.0, Font::Regular);
                s.right(&format!("{h:.2}"), 520.0, 550.0 - 18.0 * i as f32, 11.0, Font::Regular);
            }
            s.rule(72.0, 490.0, 540.0);
            s.left(&format!("Total Contact Hours: {}", num(f.hours)), 72.0, 470.0, 12.0, Font::Bold);
            l = base(f, true);
            l.insert("hours", num(f.hours));
            category_from_provider(f, &mut l);
        }
        4 => {
            let points = ((f.hours / 4.0) * 2.0).floor().max(1.0) / 2.0;
            s.centre(f.provider, 700.0, 18.0, Font::Bold);
            s.centre("Certificate of Attendance", 650.0, 24.0, Font::Bold);
            s.centre("is hereby presented to", 600.0, 13.0, Font::Regular);
            s.centre(f.name, 560.0, 28.0, name_font);
            s.centre("for attending", 520.0, 13.0, Font::Regular);
            s.centre(f.title, 485.0, 18.0, Font::Bold);
            let when = if f.end.is_some() { format!("held {}", us_dates(f)) } else { format!("on {}", long(f.start)) };
            s.centre(&when, 455.0, 13.0, Font::Regular);
            s.centre(&format!("This program was reviewed by IIMC for {} CMC/MMC Education Points.", num(points)), 400.0, 11.0, Font::Regular);
            s.left(&format!("Date issued: {}", long(later(f.end.unwrap_or(f.start), 1))), 72.0, 120.0, 10.0, Font::Regular);
            s.left("Sponsor No. 20441", 72.0, 104.0, 9.0, Font::Regular);
            l = base(f, true);
            l.insert("credits", num(points));
            l.insert("credits_unit", "CMC/MMC points".into());
            if f.provider.contains("Association") || f.provider.contains("League") {
                l.insert("category", "association".into());
            } else {
                category_from_provider(f, &mut l);
            }
        }
        5 => {
            let ceu = f.hours / 10.0;
            s.centre("Northern State University", 710.0, 20.0, Font::Bold);
            s.centre("Office of Continuing Education", 688.0, 12.0, Font::Regular);
            s.centre("This is to certify that", 620.0, 13.0, Font::Regular);
            s.centre(f.name, 580.0, 26.0, name_font);
            s.centre("has satisfactorily completed", 540.0, 13.0, Font::Regular);
            s.centre(f.title, 505.0, 18.0, Font::Bold);
            s.centre(&us_dates(f), 475.0, 12.0, Font::Regular);
            s.centre(&format!("and is awarded {} Continuing Education Units (CEUs)", num(ceu)), 450.0, 12.0, Font::Regular);
            signer(&mut s, 306.0, 200.0, "Dean, Continuing Education");
            s.left("Form CE-101 (Rev. 2019)", 40.0, 40.0, 7.0, Font::Regular);
            l = base(f, true);
            l.insert("provider", "Northern State University".into());
            l.insert("credits", num(ceu));
            l.insert("credits_unit", "CEU".into());
        }
        6 => {
            s.centre("CERTIFICATE OF TRAINING", 700.0, 20.0, Font::Bold);
            let (y, m, d) = f.start;
            let date = if v.is_multiple_of(2) { iso(f.start) } else { format!("{m:02}/{d:02}/{y}") };
            let mut rows = vec![
                ("Name:", f.name.to_string()),
                ("Course:", f.title.to_string()),
                ("Provider:", f.provider.to_string()),
                ("Date of Completion:", date),
                ("Contact Hours:", num(f.hours)),
                ("Certificate Number:", f.number.to_string()),
            ];
            if v.is_multiple_of(2) {
                rows.push(("Level:", "Intermediate".into()));
            }
            for (i, (k, val)) in rows.iter().enumerate() {
                s.left(k, 72.0, 640.0 - 24.0 * i as f32, 11.0, Font::Bold);
                s.left(val, 230.0, 640.0 - 24.0 * i as f32, 11.0, Font::Regular);
            }
            l = base(f, false);
            // A numeric date that reads two ways (05/08/2023) is not something a reader can enter.
            if v % 2 == 1 && d <= 12 && d != m {
                l.remove("date");
            }
            l.insert("hours", num(f.hours));
            l.insert("certificate_number", f.number.into());
            if v.is_multiple_of(2) {
                l.insert("level", "intermediate".into());
            }
            category_from_provider(f, &mut l);
        }
        7 => {
            let title = format!("{} IIMC Annual Conference", f.start.0);
            s.centre("Certificate of Attendance", 680.0, 22.0, Font::Bold);
            s.centre("This certifies that", 630.0, 13.0, Font::Regular);
            s.centre(f.name, 590.0, 28.0, name_font);
            s.centre(&format!("Municipal Clerk, {}", f.employer), 566.0, 11.0, Font::Regular);
            s.centre("attended the education sessions of the", 530.0, 13.0, Font::Regular);
            s.centre(&title, 495.0, 20.0, Font::Bold);
            s.centre(&format!("{}, Grand Rapids, Michigan", us_dates(f)), 465.0, 12.0, Font::Regular);
            s.centre(&format!("for a total of {} contact hours", num(f.hours)), 445.0, 12.0, Font::Regular);
            s.centre("Presented by the International Institute of Municipal Clerks", 300.0, 12.0, Font::Regular);
            signer(&mut s, 306.0, 180.0, "Executive Director");
            l = base(f, true);
            l.insert("title", title);
            l.insert("provider", "International Institute of Municipal Clerks".into());
            l.insert("hours", num(f.hours));
            l.insert("category", "conference".into());
        }
        8 => {
            s.centre("Carolina Clerks Academy", 710.0, 20.0, Font::Bold);
            s.centre("certifies that", 640.0, 13.0, Font::Regular);
            s.centre(f.name, 600.0, 28.0, name_font);
            s.centre("has successfully completed the session", 560.0, 13.0, Font::Regular);
            s.centre(f.title, 525.0, 18.0, Font::Bold);
            s.centre(&us_dates(f), 495.0, 12.0, Font::Regular);
            s.centre(&format!("Contact Hours: {}     Course level: Advanced", num(f.hours)), 470.0, 12.0, Font::Regular);
            signer(&mut s, 306.0, 200.0, "Academy Director");
            l = base(f, true);
            l.insert("provider", "Carolina Clerks Academy".into());
            l.insert("hours", num(f.hours));
            l.insert("level", "advanced".into());
            l.insert("category", "academy".into());
        }
        9 => {
            let (y, m, d) = f.start;
            let date = if v.is_multiple_of(2) { format!("{d} {} {y}", MONTHS[m as usize - 1]) } else { format!("{d:02}.{m:02}.{y}") };
            s.centre("Certificate of Participation", 680.0, 24.0, Font::Bold);
            s.centre("awarded to", 630.0, 13.0, Font::Regular);
            s.centre(f.name, 590.0, 26.0, name_font);
            s.centre("for participation in", 550.0, 13.0, Font::Regular);
            s.centre(f.title, 515.0, 18.0, Font::Bold);
            s.centre(&format!("organised by {}", f.provider), 485.0, 12.0, Font::Regular);
            s.left(&format!("Date: {date}"), 90.0, 400.0, 12.0, Font::Regular);
            s.left(&format!("Duration: {} hours", num(f.hours)), 90.0, 382.0, 12.0, Font::Regular);
            l = base(f, false);
            if v % 2 == 1 && d <= 12 && d != m {
                l.remove("date");
            }
            l.insert("hours", num(f.hours));
            category_from_provider(f, &mut l);
        }
        10 => {
            s.border();
            s.centre(f.provider, 540.0, 15.0, Font::Bold);
            s.centre("CERTIFICATE OF ACHIEVEMENT", 490.0, 30.0, Font::Bold);
            s.centre("presented to", 440.0, 13.0, Font::Regular);
            s.centre(f.name, 395.0, 34.0, name_font);
            s.centre("in recognition of completing", 350.0, 13.0, Font::Regular);
            s.centre(f.title, 315.0, 20.0, Font::Bold);
            s.centre(&format!("Awarded {} Continuing Education Hours", num(f.hours)), 285.0, 12.0, Font::Regular);
            s.left(&long(f.start), 110.0, 150.0, 12.0, Font::Regular);
            s.rule(100.0, 145.0, 300.0);
            s.left("Date", 110.0, 130.0, 10.0, Font::Italic);
            signer(&mut s, 600.0, 130.0, "President");
            l = base(f, false);
            l.insert("hours", num(f.hours));
            category_from_provider(f, &mut l);
        }
        _ => {
            let title = "Project Management Fundamentals - 35 PDU Contact Hours";
            s.centre(f.provider, 710.0, 16.0, Font::Bold);
            s.centre("Certificate of Completion", 660.0, 24.0, Font::Bold);
            s.centre("This certifies that", 610.0, 13.0, Font::Regular);
            s.centre(f.name, 570.0, 28.0, name_font);
            s.centre("has completed", 530.0, 13.0, Font::Regular);
            s.centre(title, 495.0, 16.0, Font::Bold);
            s.centre("This course provides 39 contact hours of instruction.", 455.0, 12.0, Font::Regular);
            s.centre(&format!("Course completed: {}", long(f.start)), 435.0, 12.0, Font::Regular);
            s.left(&format!("Printed on {}", long(later(f.start, 2))), 40.0, 50.0, 8.0, Font::Regular);
            l = base(f, false);
            l.insert("title", title.into());
            l.insert("hours", "39".into());
            category_from_provider(f, &mut l);
        }
    }
    (s, l)
}
