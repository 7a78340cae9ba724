//! What the generated pages say. Layout mechanics live in `layout`; this file decides content
//! and order: cover, applicant and membership, point summary, ledgers, exhibit index, readiness
//! checklist, attestation, then placeholder pages for exhibits that could not be read.

use super::layout::{self, Align, Column, Drawn, MARGIN_X, Paper, Row, Span, Writer};
use super::{LedgerRow, PacketData, Skipped};
use crate::error::Result;
use crate::program::Status;
use crate::rules::{Basis, fmt_points};

pub const SECTION_APPLICANT: &str = "Applicant and membership";
pub const SECTION_SUMMARY: &str = "Point summary";
pub const SECTION_EDUCATION: &str = "Education ledger";
pub const SECTION_EXPERIENCE: &str = "Experience ledger";
pub const SECTION_INDEX: &str = "Exhibit index";
pub const SECTION_CHECKLIST: &str = "Readiness checklist";
pub const SECTION_ATTESTATION: &str = "Attestation";

pub fn title(data: &PacketData) -> String {
    format!("{} — Application Packet", data.program.name)
}

/// Lays the pages out until page numbers settle (the cover lists section pages and ledgers cite
/// exhibit pages, both known only after a pass), then renders them.
pub fn render(data: &mut PacketData, paper: Paper, skipped: &[Skipped]) -> Result<(Vec<u8>, Drawn)> {
    let mut sections: Vec<(String, usize)> = Vec::new();
    let mut front_pages = 0;
    for _ in 0..4 {
        let (bytes, drawn) = layout::render(&title(data), paper, |w| draw(w, data, &sections, skipped), running_head(data))?;
        let front = drawn.pages.len() - drawn.placeholders.len();
        if front == front_pages && drawn.sections == sections {
            return Ok((bytes, drawn));
        }
        front_pages = front;
        sections = drawn.sections.clone();
        let mut next = front + 1;
        for x in &mut data.exhibits {
            x.start_page = next;
            next += x.pages;
        }
    }
    unreachable!("the layout settles in two or three passes: only page numbers change between them")
}

fn running_head(data: &PacketData) -> String {
    let name = if data.profile.full_name.is_empty() { "Applicant".to_string() } else { data.profile.full_name.clone() };
    format!("{} — {name}", title(data))
}

fn draw(w: &mut Writer, data: &PacketData, sections: &[(String, usize)], skipped: &[Skipped]) -> Result<()> {
    cover(w, data, sections);
    applicant(w, data);
    summary(w, data);
    ledger(w, data, SECTION_EDUCATION, &data.education, true);
    ledger(w, data, SECTION_EXPERIENCE, &data.experience, false);
    index(w, data);
    checklist(w, data);
    attestation(w, data);
    for s in skipped {
        if let Some(i) = data.exhibits.iter().position(|x| x.label == s.exhibit) {
            let x = &data.exhibits[i];
            w.placeholder(i, &x.label, &x.title, &x.evidence.original_name);
        }
    }
    Ok(())
}

fn authority_name(authority: &str) -> String {
    match authority {
        "IIMC" => "International Institute of Municipal Clerks (IIMC)".into(),
        "MCFOA" => "Minnesota Clerks and Finance Officers Association (MCFOA)".into(),
        other => other.into(),
    }
}

fn cover(w: &mut Writer, data: &PacketData, sections: &[(String, usize)]) {
    w.new_page(false);
    let width = w.paper.width;
    w.fill(0.0, w.paper.height - 10.0, width, 10.0, layout::ACCENT);
    w.y -= 30.0;
    w.text(MARGIN_X, w.y, 10.0, true, layout::MUTED, "APPLICATION PACKET");
    w.y -= 34.0;
    for line in w.fonts().wrap(&data.program.name, w.text_width(), 26.0, true) {
        w.text(MARGIN_X, w.y, 26.0, true, layout::INK, &line);
        w.y -= 32.0;
    }
    w.text(MARGIN_X, w.y, 12.0, false, layout::MUTED, &authority_name(&data.program.authority));
    w.y -= 56.0;
    let p = &data.profile;
    w.text(MARGIN_X, w.y, 9.0, true, layout::MUTED, "APPLICANT");
    w.y -= 26.0;
    let name = if p.full_name.is_empty() { "(name not recorded)" } else { &p.full_name };
    for line in w.fonts().wrap(name, w.text_width(), 22.0, true) {
        w.text(MARGIN_X, w.y, 22.0, true, layout::INK, &line);
        w.y -= 28.0;
    }
    let role = [p.title.as_str(), p.municipality.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ");
    let place = [p.state.as_str(), p.country.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ");
    for line in [role, place] {
        if !line.is_empty() {
            w.text(MARGIN_X, w.y, 12.0, false, layout::INK, &line);
            w.y -= 17.0;
        }
    }
    w.y -= 8.0;
    let member = if p.member_id.is_empty() { "not recorded".to_string() } else { p.member_id.clone() };
    w.text(MARGIN_X, w.y, 10.5, false, layout::INK, &format!("IIMC member number: {member}"));
    w.y -= 16.0;
    w.text(MARGIN_X, w.y, 10.5, false, layout::INK, &format!("Prepared {}", data.today.format("%B %-d, %Y")));
    w.y -= 36.0;

    let progress = &data.progress;
    let (headline, color) = if progress.eligible {
        (format!("Every requirement is met as of {}.", progress.as_of), layout::GOOD)
    } else {
        match progress.eligible_on {
            Some(d) => (format!("Not yet eligible as of {}: every requirement is expected to be met on {d}.", progress.as_of), layout::BAD),
            None => (format!("Not yet eligible as of {}: see the readiness checklist for what is missing.", progress.as_of), layout::BAD),
        }
    };
    w.fill(MARGIN_X, w.y - 10.0, 4.0, 26.0, color);
    for line in w.fonts().wrap(&headline, w.text_width() - 16.0, 11.0, true) {
        w.text(MARGIN_X + 14.0, w.y, 11.0, true, layout::INK, &line);
        w.y -= 15.0;
    }
    w.y -= 30.0;

    w.text(MARGIN_X, w.y, 9.0, true, layout::MUTED, "CONTENTS");
    w.y -= 8.0;
    w.rule(w.y, layout::RULE, 0.6);
    w.y -= 16.0;
    let right = w.paper.width - MARGIN_X;
    for (title, page) in sections {
        w.text(MARGIN_X, w.y, 10.5, false, layout::INK, title);
        w.text_right(right, w.y, 10.5, false, layout::INK, &(page + 1).to_string());
        w.y -= 16.0;
    }
    if let (Some(first), Some(last)) = (data.exhibits.first(), data.exhibits.last()) {
        let label = format!("Exhibits {} to {} ({} documents)", first.label, last.label, data.exhibits.len());
        w.text(MARGIN_X, w.y, 10.5, false, layout::INK, &label);
        w.text_right(right, w.y, 10.5, false, layout::INK, &first.start_page.to_string());
        w.y -= 16.0;
    }
}

fn applicant(w: &mut Writer, data: &PacketData) {
    w.section(SECTION_APPLICANT);
    let p = &data.profile;
    w.fields(&[
        ("Full name", p.full_name.clone()),
        ("Position / title", p.title.clone()),
        ("Municipality", p.municipality.clone()),
        ("State / province", p.state.clone()),
        ("Country", p.country.clone()),
        ("Mailing address", p.address.clone()),
        ("E-mail", p.email.clone()),
        ("Phone", p.phone.clone()),
        ("IIMC member number", p.member_id.clone()),
        ("Code of Ethics affirmed", p.ethics_affirmed.map_or(String::new(), |d| d.to_string())),
        (
            "Designations held",
            data.designations.iter().map(|d| format!("{} (awarded {})", d.describe(), d.awarded_on)).collect::<Vec<_>>().join("; "),
        ),
    ]);
    w.y -= 8.0;
    w.subheading("Membership history");
    let rows: Vec<Row> = data
        .memberships
        .iter()
        .map(|m| {
            let until = m.end.unwrap_or(data.today).min(data.today);
            let months = if until >= m.start { (until - m.start).num_days() as f64 / 30.44 } else { 0.0 };
            let length = if m.start > data.today {
                "starts later".to_string()
            } else {
                format!("{} y {} m", (months / 12.0).floor(), (months % 12.0).floor())
            };
            Row {
                cells: vec![
                    vec![Span::body(m.member_type.label())],
                    vec![Span::body(&m.organisation)],
                    vec![Span::body(m.start.to_string())],
                    vec![Span::body(m.end.map_or("ongoing".to_string(), |d| d.to_string()))],
                    vec![Span::body(length)],
                ],
                link: None,
                bold_rule: false,
            }
        })
        .collect();
    let columns = [
        Column { title: "TYPE", share: 0.22, align: Align::Left },
        Column { title: "ORGANISATION", share: 0.22, align: Align::Left },
        Column { title: "FROM", share: 0.18, align: Align::Left },
        Column { title: "PAID THROUGH", share: 0.18, align: Align::Left },
        Column { title: "LENGTH", share: 0.20, align: Align::Right },
    ];
    if rows.is_empty() {
        w.paragraph("No membership periods are recorded.", 9.5, layout::BAD);
    } else {
        w.table(&columns, &rows);
    }
    if let (Some(m), Some(rule)) = (&data.progress.membership, &data.program.membership) {
        let mut text = match (m.continuous_since, m.eligible_on_continuous) {
            (Some(since), Some(on)) if rule.min_years > 0 => format!(
                "Qualifying {} membership without a break since {since}; {} years of membership {} on {on}.",
                rule.organisation,
                rule.min_years,
                if on <= data.today { "were reached" } else { "are reached" }
            ),
            (Some(since), _) => format!("Active qualifying {} member since {since}.", rule.organisation),
            _ => format!("No current qualifying {} membership is recorded.", rule.organisation),
        };
        // The years are counted without a break (the stricter reading); across lapses the
        // reviewer also sees the date counting every period.
        if rule.continuity_status != Status::Verified
            && rule.min_years > 0
            && !m.lapses.is_empty()
            && let Some(c) = m.eligible_on_cumulative
        {
            text.push_str(&format!(" Counting every period of membership together, {} years are reached on {c}.", rule.min_years));
        }
        w.paragraph(&text, 9.5, layout::INK);
        for lapse in &m.lapses {
            let to = lapse.to.map_or("now".to_string(), |d| d.to_string());
            w.paragraph(&format!("Lapse: {} to {to}.", lapse.from), 9.0, layout::MUTED);
        }
    }
}

fn summary(w: &mut Writer, data: &PacketData) {
    w.section(SECTION_SUMMARY);
    let right = w.paper.width - MARGIN_X;
    // The MMC counts only material dated after the latest prior designation: say which.
    if let Some(c) = &data.progress.cutoff
        && let (Some(date), Some(key)) = (c.date, c.designation.as_deref())
    {
        let what = match key.strip_suffix("-recert") {
            Some(program) => format!("{} recertification", program.to_uppercase()),
            None => format!("{} award", key.to_uppercase()),
        };
        w.paragraph(&format!("Counted: material dated after {date}, the applicant's {what} (the latest prior designation)."), 10.0, layout::INK);
        w.y -= 4.0;
    }
    for r in &data.progress.requirements {
        w.ensure(60.0);
        w.text(MARGIN_X, w.y, 12.0, true, layout::INK, &r.label);
        let figure = format!("{} of {} {}", fmt_points(r.earned), fmt_points(r.required), r.unit.words(r.required));
        w.text_right(right, w.y, 12.0, true, if r.met { layout::GOOD } else { layout::INK }, &figure);
        w.y -= 12.0;
        let width = w.text_width();
        w.bar(MARGIN_X, w.y, width, (r.earned / r.required) as f32, r.met);
        w.y -= 14.0;
        let short = r.required - r.earned;
        let state = if r.met { "Met".to_string() } else { format!("{} {} still needed", fmt_points(short), r.unit.words(short)) };
        w.text(MARGIN_X, w.y, 9.0, true, if r.met { layout::GOOD } else { layout::BAD }, &state);
        w.y -= 14.0;
        for item in r.items.iter().filter(|i| i.uncapped > 0.0 || i.earned > 0.0) {
            w.ensure(14.0);
            let mut label = item.label.clone();
            match item.status {
                Status::Inferred => label.push_str(" (estimate)"),
                Status::Open => label.push_str(" (claimed)"),
                Status::Sponsor => label.push_str(" (at the sponsor's stated rate)"),
                Status::Verified => {}
            }
            for (i, line) in w.fonts().wrap(&label, w.text_width() - 150.0, 9.0, false).iter().enumerate() {
                w.text(MARGIN_X + 10.0, w.y, 9.0, false, layout::INK, line);
                if i == 0 {
                    let value = if item.capped {
                        format!("{} (capped from {})", fmt_points(item.earned), fmt_points(item.uncapped))
                    } else {
                        fmt_points(item.earned)
                    };
                    w.text_right(right, w.y, 9.0, false, layout::INK, &value);
                }
                w.y -= 12.5;
            }
        }
        w.y -= 12.0;
    }
    w.subheading("Eligibility");
    let p = &data.progress;
    let verdict = if p.eligible {
        format!("Every rule of the program holds on {}{}.", p.as_of, p.eligible_on.map_or(String::new(), |d| format!(" (since {d})")))
    } else {
        match p.eligible_on {
            Some(d) => format!("Not yet eligible on {}. If nothing else changes, every requirement is met on {d}.", p.as_of),
            None => format!("Not yet eligible on {}.", p.as_of),
        }
    };
    w.paragraph(&verdict, 10.0, if p.eligible { layout::GOOD } else { layout::INK });
    // What does not hold yet, as the checklist states it: the steps the clerk is shown are
    // addressed to her (what to record where) and stay out of a packet IIMC reads.
    for c in p.checks.iter().filter(|c| !c.met) {
        w.item("✗", layout::BAD, &c.label, Some(&c.detail));
    }
    w.y -= 4.0;
    w.subheading("About these figures");
    w.paragraph(&reckoning(data), 9.5, layout::INK);
}

/// The one statement of whose figures these are: the applicant's own reckoning, each kind of
/// figure present named with what it means, and that the program's authority decides.
pub fn reckoning(data: &PacketData) -> String {
    let authority = &data.program.authority;
    let bases: Vec<Basis> = data.education.iter().chain(&data.experience).map(|r| r.basis).collect();
    let mut text = format!(
        "The figures in this packet are the applicant's own reckoning from the records and documents attached; {authority} decides the points it awards."
    );
    let kinds = [
        (Basis::Computed, "\u{201c}computed\u{201d}: at the rate the program publishes (for example 1 point per 4 hours for a reviewed association program)".to_string()),
        (Basis::SponsorRate, "\u{201c}at the sponsor's stated rate\u{201d}: contact hours converted at the rate the sponsoring state association states for its institute or academy, 2 contact hours = 1 point".to_string()),
        (Basis::Estimate, "\u{201c}estimate\u{201d}: contact hours converted at 2 contact hours = 1 point where the sponsor is not recorded".to_string()),
        (Basis::Entered, "\u{201c}stated\u{201d}: points the applicant took from the certificate or from the award, with the reason given".to_string()),
        (Basis::Claimed, format!("\u{201c}claimed\u{201d}: points the applicant claims where the applicant found no published {authority} schedule")),
        (Basis::NotEntered, "\u{201c}none claimed\u{201d}: activities listed without points".to_string()),
    ];
    let present: Vec<String> = kinds.into_iter().filter(|(b, _)| bases.contains(b)).map(|(_, words)| words).collect();
    if !present.is_empty() {
        text.push_str(&format!(" Points marked {}.", present.join("; ")));
    }
    text
}

fn basis_label(b: Basis) -> &'static str {
    match b {
        Basis::Computed => "computed",
        Basis::Estimate => "estimate",
        Basis::SponsorRate => "at the sponsor's stated rate",
        Basis::Entered => "stated",
        Basis::Claimed => "claimed",
        Basis::NotEntered => "none claimed",
        Basis::Excluded => "not counted",
    }
}

fn ledger(w: &mut Writer, data: &PacketData, title: &str, rows: &[LedgerRow], education: bool) {
    w.section(title);
    if rows.is_empty() {
        w.paragraph("No records count toward this program.", 10.0, layout::MUTED);
        return;
    }
    let mut table_rows: Vec<Row> = rows
        .iter()
        .map(|r| {
            let mut main = vec![Span::strong(&r.title)];
            if !r.detail.is_empty() {
                main.push(Span::note(&r.detail));
            }
            if !r.learned.is_empty() {
                main.push(Span::note(format!("Learned: {}", r.learned)));
            }
            for n in &r.notes {
                main.push(Span::note(n).colored(layout::MUTED));
            }
            let refs = data.refs(r);
            let mut cells = vec![vec![Span::body(&r.dated)], main, vec![Span::body(&r.category)]];
            if education {
                cells.push(vec![Span::body(r.hours.map_or(String::new(), fmt_points))]);
            }
            cells.push(vec![Span::strong(fmt_points(r.points)), Span::note(basis_label(r.basis))]);
            cells.push(vec![Span::body(if refs.is_empty() { "none attached".to_string() } else { refs })]);
            let link = r.exhibits.first().map(|&x| (cells.len() - 1, x));
            Row { cells, link, bold_rule: false }
        })
        .collect();
    let total = crate::rules::total(rows.iter().map(|r| r.points));
    let mut totals = vec![vec![Span::strong("")], vec![Span::strong(format!("Total ({} record{})", rows.len(), if rows.len() == 1 { "" } else { "s" }))], vec![Span::body("")]];
    if education {
        totals.push(vec![Span::strong(fmt_points(crate::rules::total(rows.iter().filter_map(|r| r.hours))))]);
    }
    totals.push(vec![Span::strong(fmt_points(total))]);
    totals.push(vec![Span::body("")]);
    if let Some(last) = table_rows.last_mut() {
        last.bold_rule = true;
    }
    table_rows.push(Row { cells: totals, link: None, bold_rule: false });
    let columns: Vec<Column> = if education {
        vec![
            Column { title: "DATE", share: 0.15, align: Align::Left },
            Column { title: "EDUCATION", share: 0.39, align: Align::Left },
            Column { title: "CATEGORY", share: 0.13, align: Align::Left },
            Column { title: "HOURS", share: 0.08, align: Align::Right },
            Column { title: "POINTS", share: 0.10, align: Align::Right },
            Column { title: "EXHIBIT", share: 0.15, align: Align::Left },
        ]
    } else {
        vec![
            Column { title: "DATES", share: 0.17, align: Align::Left },
            Column { title: "EXPERIENCE", share: 0.37, align: Align::Left },
            Column { title: "CATEGORY", share: 0.18, align: Align::Left },
            Column { title: "POINTS", share: 0.11, align: Align::Right },
            Column { title: "EXHIBIT", share: 0.17, align: Align::Left },
        ]
    };
    w.table(&columns, &table_rows);
}

fn index(w: &mut Writer, data: &PacketData) {
    w.section(SECTION_INDEX);
    if data.exhibits.is_empty() {
        w.paragraph("No supporting documents are attached.", 10.0, layout::BAD);
        return;
    }
    w.paragraph("Each entry links to the exhibit. Every page of the packet carries its exhibit number and page number.", 9.0, layout::MUTED);
    let rows: Vec<Row> = data
        .exhibits
        .iter()
        .enumerate()
        .map(|(i, x)| match &x.submitted_with {
            // Listed, not appended again: IIMC has it from the earlier application.
            Some((_, words)) => Row {
                cells: vec![
                    vec![Span::strong(&x.label)],
                    vec![
                        Span::body(&x.title),
                        Span::note(&x.evidence.original_name),
                        Span::note(format!("{}{}; not attached again", words[..1].to_uppercase(), &words[1..])),
                    ],
                    vec![Span::body(x.evidence.kind.id().to_uppercase())],
                    vec![Span::body("\u{2014}")],
                    vec![Span::body("\u{2014}")],
                ],
                link: None,
                bold_rule: false,
            },
            None => Row {
                cells: vec![
                    vec![Span::strong(&x.label)],
                    vec![Span::body(&x.title), Span::note(&x.evidence.original_name)],
                    vec![Span::body(x.evidence.kind.id().to_uppercase())],
                    vec![Span::body(x.pages.to_string())],
                    vec![Span::strong(x.start_page.to_string())],
                ],
                link: Some((1, i)),
                bold_rule: false,
            },
        })
        .collect();
    w.table(
        &[
            Column { title: "NO.", share: 0.09, align: Align::Left },
            Column { title: "DOCUMENT", share: 0.6, align: Align::Left },
            Column { title: "TYPE", share: 0.09, align: Align::Left },
            Column { title: "PAGES", share: 0.09, align: Align::Right },
            Column { title: "PAGE", share: 0.13, align: Align::Right },
        ],
        &rows,
    );
}

fn checklist(w: &mut Writer, data: &PacketData) {
    w.section(SECTION_CHECKLIST);
    for c in &data.progress.checks {
        let status = match c.status {
            Status::Verified => "",
            Status::Inferred => " (inferred rule)",
            Status::Open => " (rule not published)",
            Status::Sponsor => " (stated by the program's sponsors)",
        };
        let (marker, color) = if c.met { ("✓", layout::GOOD) } else { ("✗", layout::BAD) };
        w.item(marker, color, &format!("{}{status}", c.label), Some(&c.detail));
    }
    let p = &data.progress;
    w.y -= 6.0;
    let verdict = if p.eligible { "Ready: every rule holds." } else { "Not ready: the rules marked ✗ do not hold yet." };
    w.paragraph(verdict, 11.0, if p.eligible { layout::GOOD } else { layout::BAD });
    if !p.fees.is_empty() {
        w.y -= 6.0;
        w.subheading("Fees (for information)");
        for fee in &p.fees {
            let optional = if fee.optional { " (optional)" } else { "" };
            // A fee no source states is named without a figure: never a made-up number.
            let amount = fee.amount.clone().unwrap_or_else(|| "amount not stated in the sources cited".into());
            w.item("•", layout::MUTED, &format!("{}{optional}: {amount}", fee.label), Some(&format!("Source: {}", fee.source)));
        }
    }
}

fn attestation(w: &mut Writer, data: &PacketData) {
    w.section(SECTION_ATTESTATION);
    let p = &data.profile;
    let name = if p.full_name.is_empty() { "the applicant" } else { &p.full_name };
    let role = [p.title.as_str(), p.municipality.as_str()].iter().filter(|s| !s.is_empty()).copied().collect::<Vec<_>>().join(", ");
    let mut text = format!(
        "I, {name}{}, affirm that the information in this application packet and the supporting documents attached to it are true and complete to the best of my knowledge",
        if role.is_empty() { String::new() } else { format!(" ({role})") }
    );
    if data.program.paperwork.iter().any(|x| x.kind == crate::program::PaperworkKind::Ethics) {
        text.push_str(&format!(", and that I affirm and practise the {} Code of Ethics.", data.program.authority));
    } else {
        text.push('.');
    }
    w.paragraph(&text, 11.0, layout::INK);
    w.y -= 60.0;
    let half = w.text_width() * 0.55;
    w.line(MARGIN_X, w.y, MARGIN_X + half, w.y, layout::INK, 0.7);
    w.line(MARGIN_X + half + 30.0, w.y, w.paper.width - MARGIN_X, w.y, layout::INK, 0.7);
    w.y -= 13.0;
    w.text(MARGIN_X, w.y, 8.5, false, layout::MUTED, "Signature");
    w.text(MARGIN_X + half + 30.0, w.y, 8.5, false, layout::MUTED, "Date");
    w.y -= 40.0;
    w.text(MARGIN_X, w.y, 11.0, false, layout::INK, name);
    w.y -= 4.0;
    w.line(MARGIN_X, w.y, MARGIN_X + half, w.y, layout::INK, 0.7);
    w.y -= 13.0;
    w.text(MARGIN_X, w.y, 8.5, false, layout::MUTED, "Printed name");
    w.y -= 40.0;
    w.paragraph(&format!("Prepared on {}.", data.today), 8.0, layout::MUTED);
}
