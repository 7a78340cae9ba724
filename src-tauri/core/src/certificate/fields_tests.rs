//! The field finder on pages built line by line, with the traps real certificates set.

use super::find;
use crate::certificate::layout::{Line, Page};
use crate::certificate::FieldName::{self, *};

/// A page from (text, size) lines, 30 units apart, centred.
fn page(lines: &[(&str, f32)]) -> Page {
    let lines = lines
        .iter()
        .enumerate()
        .map(|(i, (text, size))| Line {
            text: text.to_string(),
            page: 0,
            x0: 200.0,
            x1: 800.0,
            top: 60.0 + 40.0 * i as f32,
            bottom: 60.0 + 40.0 * i as f32 + size,
            size: *size,
            conf: 1.0,
        })
        .collect();
    Page { lines, height: 1294.0 }
}

fn get(p: &Page, f: FieldName) -> Option<String> {
    find(p).fields.get(&f).map(|x| x.value.clone())
}

#[test]
fn a_classic_certificate() {
    let p = page(&[
        ("Northwest Clerks Institute", 16.0),
        ("CERTIFICATE OF COMPLETION", 26.0),
        ("This certifies that", 13.0),
        ("Jane Q. Doe", 30.0),
        ("has successfully completed", 13.0),
        ("Records Management Essentials", 20.0),
        ("March 18–22, 2024 · 21 contact hours", 12.0),
        ("Dana Whitlock", 12.0),
        ("Program Director", 10.0),
    ]);
    let found = find(&p);
    let v = |f| found.fields.get(&f).map(|x| x.value.as_str());
    assert_eq!(v(Recipient), Some("Jane Q. Doe"));
    assert_eq!(v(Title), Some("Records Management Essentials"));
    assert_eq!(v(Provider), Some("Northwest Clerks Institute"));
    assert_eq!((v(Date), v(EndDate)), (Some("2024-03-18"), Some("2024-03-22")));
    assert_eq!(v(Hours), Some("21"));
    assert_eq!(v(Category), Some("institute"));
    assert_eq!(found.fields[&Recipient].source, "Jane Q. Doe");
    assert!(found.fields.values().all(|f| f.confidence > 0.5 && f.confidence <= 1.0));
}

#[test]
fn the_issue_date_beside_the_course_date() {
    let p = page(&[("This certifies that", 12.0), ("Marcus Delgado", 26.0), ("attended the workshop on May 2, 2024", 12.0), ("Date issued: May 9, 2024", 9.0)]);
    assert_eq!(get(&p, Date).as_deref(), Some("2024-05-02"));
    // Only an issue date: no course date at all.
    let p = page(&[("This certifies that", 12.0), ("Marcus Delgado", 26.0), ("Issued on May 9, 2024", 9.0)]);
    assert_eq!(get(&p, Date), None);
}

#[test]
fn hours_in_the_title_are_not_the_hours_stated() {
    let p = page(&[
        ("This certifies that", 12.0),
        ("Priya Raman", 26.0),
        ("has completed", 12.0),
        ("PMP Exam Prep - 35 PDU Contact Hours", 18.0),
        ("This course provides 39 contact hours of instruction.", 11.0),
    ]);
    assert_eq!(get(&p, Title).as_deref(), Some("PMP Exam Prep - 35 PDU Contact Hours"));
    assert_eq!(get(&p, Hours).as_deref(), Some("39"));
    assert_eq!(get(&p, Credits), None);
}

#[test]
fn registry_numbers_and_form_codes_are_not_the_certificate_number() {
    let p = page(&[("This certifies that", 12.0), ("Priya Raman", 26.0), ("NASBA Sponsor #108234", 8.0), ("Form CE-101 (Rev. 2019)", 7.0), ("Course No. 4412", 8.0)]);
    assert_eq!(get(&p, CertificateNumber), None);
    assert_eq!(get(&p, Provider), None, "a sponsor number is not a provider");
    let p = page(&[("Certificate No.: MCI-2024-0173", 9.0)]);
    assert_eq!(get(&p, CertificateNumber).as_deref(), Some("MCI-2024-0173"));
}

#[test]
fn a_browser_print_header_is_not_the_course_date() {
    let p = page(&[
        ("3/14/24, 10:22 AM  Certificate - Learning Hub", 7.0),
        ("Presented to", 12.0),
        ("Karen Whitfield", 28.0),
        ("for completing the webinar", 12.0),
        ("Budgeting Basics", 18.0),
        ("https://learn.example.com/cert/48213   1/1", 7.0),
    ]);
    assert_eq!(get(&p, Date), None);
    assert_eq!(get(&p, Category).as_deref(), Some("webinar"));
}

#[test]
fn the_employer_under_the_recipient_is_not_the_name_or_provider() {
    let p = page(&[("This certifies that", 12.0), ("Luis Martinez, CMC", 26.0), ("City Clerk, City of Santa Elena", 11.0), ("has successfully completed", 12.0), ("Ethics in Public Service", 18.0)]);
    assert_eq!(get(&p, Recipient).as_deref(), Some("Luis Martinez"));
    assert_eq!(get(&p, Title).as_deref(), Some("Ethics in Public Service"));
    assert_eq!(get(&p, Provider), None);
}

#[test]
fn an_ambiguous_numeric_date_is_left_out_with_a_warning() {
    let p = page(&[("Name: Anne-Marie Leblanc", 11.0), ("Course: Managing Municipal Elections", 11.0), ("Date: 03-02-2023", 11.0)]);
    let found = find(&p);
    assert_eq!(found.fields.get(&Date), None);
    assert!(found.warnings.iter().any(|w| w.contains("03-02-2023")), "{:?}", found.warnings);
    assert_eq!(found.fields[&Recipient].value, "Anne-Marie Leblanc");
}

#[test]
fn signers_are_not_recipients() {
    // No wording names the recipient; the only large name is a signer's.
    let p = page(&[("Certificate of Completion", 24.0), ("Records Essentials", 18.0), ("Dana Whitlock", 22.0), ("Executive Director", 10.0)]);
    assert_eq!(get(&p, Recipient), None);
}

#[test]
fn a_letter_of_attendance() {
    let p = page(&[
        ("League of Minnesota Cities", 16.0),
        ("145 University Avenue West, St. Paul, MN 55103", 9.0),
        ("July 1, 2024", 11.0),
        ("Dear Ms. Priya Raman:", 11.0),
        ("This letter confirms your attendance at the Clerks Institute Year 2,", 11.0),
        ("held June 3–5, 2024. You completed 21 hours of instruction.", 11.0),
        ("Sincerely,", 11.0),
    ]);
    let found = find(&p);
    let v = |f| found.fields.get(&f).map(|x| x.value.as_str());
    assert_eq!(v(Recipient), Some("Priya Raman"));
    assert_eq!(v(Title), Some("Clerks Institute Year 2"));
    assert_eq!((v(Date), v(EndDate)), (Some("2024-06-03"), Some("2024-06-05")), "the letter's own date is not the course's");
    assert_eq!(v(Hours), Some("21"));
    assert_eq!(v(Provider), Some("League of Minnesota Cities"));
}

#[test]
fn ceus_are_credits_not_hours() {
    let p = page(&[("has satisfactorily completed", 12.0), ("Open Meetings Law", 18.0), ("and is awarded 0.6 Continuing Education Units (CEUs)", 11.0)]);
    let found = find(&p);
    assert_eq!(found.fields.get(&Hours), None);
    assert_eq!(found.fields[&Credits].value, "0.6");
    assert_eq!(found.fields[&CreditsUnit].value, "CEU");
    assert!(found.warnings.iter().any(|w| w.contains("CEUs only")));
}
