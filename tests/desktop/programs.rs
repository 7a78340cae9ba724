//! Issue 13 in the real window: a designation recorded in the form moves the MMC cut-off (a CMC
//! recertification too), which the MMC screens show with why; an institute's sponsor is chosen in
//! the education form; once the MMC is held the dashboard follows the Education PLUS Program's
//! cycle, with the figures `status` gives; the MMC checklist shows IIMC's fees.

use serde_json::{Value, json};

use crate::e2e::{LONG, SHORT, Window};
use crate::everyday::demo_app;

async fn record_designation(w: &Window, program: &str, date: &str) {
    w.nav("membership").await;
    // At 1024 × 700 the last toast ("Designation recorded") sits over the button until it goes.
    w.gone("#toasts .toast", LONG).await;
    w.click("[data-testid=add-designation]").await;
    w.shown("[data-testid=designation-dialog]", SHORT).await;
    w.set_value("[data-testid=designation-dialog] [name=program]", program).await;
    w.set_value("[data-testid=designation-dialog] [name=date]", date).await;
    w.click("[data-testid=designation-dialog] [data-testid=save]").await;
    w.gone("[data-testid=designation-dialog]", LONG).await;
}

fn hours(status: &Value) -> (f64, f64) {
    let r = &status["requirements"][0];
    (r["earned"].as_f64().unwrap(), r["required"].as_f64().unwrap())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cutoff_the_sponsor_and_the_epp_cycle_in_the_window() {
    let (_window, session, w) = demo_app().await;
    w.client.set_window_rect(0, 0, 1024, 700).await.expect("the window at 1024x700");

    // The CMC, then a CMC recertification: the MMC dashboard and screens say from when points count, and why.
    record_designation(&w, "cmc", "2025-04-01").await;
    w.nav("dashboard").await;
    let cutoff = w.text("[data-testid=program-mmc] [data-testid=cutoff]", LONG).await;
    assert_eq!(cutoff, "Cut-off: points dated after 2025-04-01, your CMC award.");
    // The MMC readiness checklist shows IIMC's fees, as information with their source.
    let fees = w.text("[data-testid=program-mmc] [data-testid=fees]", SHORT).await;
    assert!(fees.contains("MMC Certification Fee (includes the MMC certificate and lapel pin): $400.00"), "{fees}");
    assert!(fees.contains("Walnut plaque (US only) (optional): $40"), "{fees}");
    assert!(fees.contains("Source: 'MMC Certification Fee = $400.00"), "{fees}");
    record_designation(&w, "cmc-recert", "2025-09-01").await;
    w.nav("dashboard").await;
    w.wait_js("the cut-off moved", LONG, "const c = document.querySelector('[data-testid=program-mmc] [data-testid=cutoff]'); return c && c.textContent.includes('2025-09-01');", vec![]).await;
    let snapshot = w.snapshot().await;
    assert_eq!(snapshot["status"]["mmc"]["cutoff"]["designation"], "cmc-recert");
    assert_eq!(
        w.text("[data-testid=program-mmc] [data-testid=cutoff]", SHORT).await,
        format!("Cut-off: {}.", snapshot["status"]["mmc"]["cutoff"]["reason"].as_str().unwrap()),
        "the screen says what status says"
    );
    w.js("document.querySelector('[data-testid=program-mmc] [data-testid=cutoff]').scrollIntoView({ block: 'start' }); return true;", vec![]).await;
    w.screenshot_as("dashboard-mmc-cutoff", 1024, 700).await;
    w.js("document.querySelector('[data-testid=program-mmc] [data-testid=fees]').scrollIntoView({ block: 'center' }); return true;", vec![]).await;
    w.screenshot_as("dashboard-mmc-fees", 1024, 700).await;
    w.nav("education").await;
    assert_eq!(w.text("[data-testid=screen-education] [data-testid=cutoff]", SHORT).await, "Cut-off: points dated after 2025-09-01, your CMC recertification.");
    w.nav("membership").await;
    let held = w.text("[data-testid=screen-membership] .designation-list", SHORT).await;
    assert!(held.contains("CMC recertification"), "{held}");
    w.js("document.querySelector('[data-testid=screen-membership] .designations').scrollIntoView({ block: 'center' }); return true;", vec![]).await;
    w.screenshot_as("designations", 1024, 700).await;

    // The sponsor in the education form: the first institute year as state-association sponsored.
    w.nav("education").await;
    let first = snapshot["education"].as_array().unwrap().iter().find(|e| e["category"] == "institute").unwrap()["id"].as_i64().unwrap();
    w.click(&format!("[data-testid=row-education-{first}] [data-testid=edit]")).await;
    w.shown("[data-testid=education-dialog] [name=sponsor]", SHORT).await;
    let hint = w.text("[data-testid=education-dialog] [data-field=sponsor]", SHORT).await;
    assert!(hint.contains("the sponsor’s statement, not IIMC’s"), "{hint}");
    w.set_value("[data-testid=education-dialog] [name=sponsor]", "state-association").await;
    w.click("[data-testid=education-dialog] [data-testid=save]").await;
    w.gone("[data-testid=education-dialog]", LONG).await;
    let record = w.snapshot().await["education"].as_array().unwrap().iter().find(|e| e["id"] == json!(first)).cloned().unwrap();
    assert_eq!(record["sponsor"], "state-association");

    // The MMC: the dashboard now follows the EPP's current cycle, with status's own figures.
    record_designation(&w, "mmc", "2026-10-01").await;
    w.nav("dashboard").await;
    let headline = w.text("[data-testid=program-epp] .eligibility-headline", LONG).await;
    let epp = w.snapshot().await["status"]["epp"].clone();
    let (earned, required) = hours(&epp);
    let end = epp["cycle"]["end"].as_str().unwrap();
    assert_eq!(required, 30.0);
    if earned < required {
        let remaining = required - earned;
        assert!(headline.starts_with(&format!("Education PLUS: {remaining} more hours by ")), "{headline} ({epp})");
    }
    let card = w.text("[data-testid=program-epp] [data-testid=requirement-hours]", SHORT).await;
    assert!(card.contains(&format!("{earned}")) && card.contains("30"), "{card}");
    let detail = w.text("[data-testid=program-epp] [data-testid=epp-cycle]", SHORT).await;
    assert!(detail.contains("Hours do not carry over"), "{detail}");
    assert!(!end.is_empty());
    // The reminders name the EPP once the MMC is held.
    let reminders = w.snapshot().await["reminders"].as_array().unwrap().iter().filter(|r| r["kind"].as_str().unwrap().starts_with("epp-")).count();
    assert!(reminders >= 1, "the EPP's reminders once the MMC is held");
    w.screenshot_as("dashboard-epp", 1024, 700).await;
    w.close().await;
    drop(session);
}
