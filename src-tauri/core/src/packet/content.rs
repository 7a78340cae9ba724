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
            w.placeholder(i, &x.label, &x.title, &x.evidence.original_name, &s.reason);
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
    w.y = layout::BOTTOM + 24.0;
    let note = format!(
        "Rules applied: {} as in force on {} ({}). Values marked \u{201c}estimate\u{201d} or \u{201c}claimed\u{201d} are the applicant's reckoning; {} decides the points it awards.",
        data.program.name, data.program.effective_from, data.program.origin, data.program.authority
    );
    for line in w.fonts().wrap(&note, w.text_width(), 7.6, false) {
        w.text(MARGIN_X, w.y, 7.6, false, layout::MUTED, &line);
        w.y -= 10.5;
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
            data.designations.iter().map(|d| format!("{} (awarded {})", d.program.to_uppercase(), d.awarded_on)).collect::<Vec<_>>().join("; "),
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
        if rule.continuity_status != Status::Verified && rule.min_years > 0 {
            text.push_str(" The rule does not say whether the years must be continuous; this is the conservative (continuous) reading.");
            if !m.lapses.is_empty()
                && let Some(c) = m.eligible_on_cumulative
            {
                text.push_str(&format!(" Counting time across lapses, the years would be reached on {c}."));
            }
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
    for r in &data.progress.requirements {
        w.ensure(60.0);
        w.text(MARGIN_X, w.y, 12.0, true, layout::INK, &r.label);
        let figure = format!("{} of {} points", fmt_points(r.earned), fmt_points(r.required));
        w.text_right(right, w.y, 12.0, true, if r.met { layout::GOOD } else { layout::INK }, &figure);
        w.y -= 12.0;
        let width = w.text_width();
        w.bar(MARGIN_X, w.y, width, (r.earned / r.required) as f32, r.met);
        w.y -= 14.0;
        let state = if r.met { "Met".to_string() } else { format!("{} points still needed", fmt_points(r.required - r.earned)) };
        w.text(MARGIN_X, w.y, 9.0, true, if r.met { layout::GOOD } else { layout::BAD }, &state);
        w.y -= 14.0;
        for item in r.items.iter().filter(|i| i.uncapped > 0.0 || i.earned > 0.0) {
            w.ensure(14.0);
            let mut label = item.label.clone();
            match item.status {
                Status::Inferred => label.push_str(" (estimate: inferred rate)"),
                Status::Open => label.push_str(" (claimed: no published rate)"),
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
    for m in &p.missing {
        w.item("✗", layout::BAD, m, None);
    }
    if !p.notes.is_empty() {
        w.y -= 4.0;
        w.subheading("Notes on the figures");
        for n in &p.notes {
            w.item("•", layout::MUTED, n, None);
        }
    }
}

fn basis_label(b: Basis) -> &'static str {
    match b {
        Basis::Computed => "computed",
        Basis::Estimate => "estimate",
        Basis::SponsorRate => "at the sponsor's stated rate",
        Basis::Entered => "stated",
        Basis::Claimed => "claimed",
        Basis::NotEntered => "no points entered",
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
    let mut totals = vec![vec![Span::strong("")], vec![Span::strong(format!("Total ({} records)", rows.len()))], vec![Span::body("")]];
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
    let mut note = format!("Prepared with Clerkfolio on {}.", data.today);
    if data.program.authority == "IIMC" {
        note.push_str(" Since 1 June 2023 IIMC takes designation applications through its online certification portal; this packet is the upload material and the applicant's record.");
    }
    w.paragraph(&note, 8.0, layout::MUTED);
}
