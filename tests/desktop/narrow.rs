//! The window at 1024 × 700, the smallest a clerk's laptop gives it: every table fits its width,
//! so each row's Edit and Delete are on screen without scrolling sideways (issue "Everyday use":
//! they hid behind a horizontal scroll at the table's bottom).

use serde_json::json;

use crate::e2e::{LONG, SHORT, Session, launch, one_window_at_a_time, tools};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_1024_by_700_every_table_fits_and_its_row_actions_show() {
    let _window = one_window_at_a_time().await;
    let tools = tools();
    let session = Session::start(&tools);
    let w = launch(&session.driver).await;
    w.client.set_window_rect(0, 0, 1024, 700).await.expect("the window at 1024x700");
    w.shown("[data-testid=start-demo]", LONG).await;
    w.click("[data-testid=start-demo]").await;
    w.shown("[data-testid=screen-dashboard] h1", LONG).await;
    let inner = w.js("return [window.innerWidth, window.innerHeight];", vec![]).await;
    assert_eq!(inner[0], json!(1024), "the page is 1024 px wide: {inner}");
    for screen in ["education", "experience", "membership", "evidence"] {
        w.nav(screen).await;
        let table = format!("[data-testid=screen-{screen}] .table-wrap");
        w.shown(&table, SHORT).await;
        let fit = w
            .js(
                "const wrap = document.querySelector(arguments[0]);
                 const buttons = [...wrap.querySelectorAll('tbody button')];
                 const outside = buttons.filter((b) => b.getBoundingClientRect().right > window.innerWidth + 0.5).map((b) => b.textContent);
                 return { overflow: wrap.scrollWidth - wrap.clientWidth, buttons: buttons.length, outside };",
                vec![json!(table)],
            )
            .await;
        assert!(fit["buttons"].as_u64().unwrap() > 0, "{screen}: the demo's rows have buttons: {fit}");
        assert_eq!(fit["overflow"], json!(0), "{screen}: the table scrolls sideways at 1024 px: {fit}");
        assert_eq!(fit["outside"], json!([]), "{screen}: buttons beyond the window's right edge: {fit}");
        w.screenshot_as(&format!("narrow-{screen}"), 1024, 700).await;
    }
    // Every other screen: nothing wider than the window either.
    for screen in ["dashboard", "reminders", "intake", "packet", "profile"] {
        w.nav(screen).await;
        let overflow = w.js("const m = document.getElementById('main'); return m.scrollWidth - m.clientWidth;", vec![]).await;
        assert_eq!(overflow, json!(0), "{screen} is wider than a 1024 px window");
        w.screenshot_as(&format!("narrow-{screen}"), 1024, 700).await;
    }
    // At 1920 × 1080 the secondary columns are back in their own column.
    w.client.set_window_rect(0, 0, 1920, 1080).await.expect("the window at 1920x1080");
    w.nav("education").await;
    let shown = w.js("const th = [...document.querySelectorAll('[data-testid=table-education] thead th')].find((t) => t.textContent.includes('Category'));
        return th ? getComputedStyle(th).display : null;", vec![]).await;
    assert_eq!(shown, json!("table-cell"), "the category column at 1920 px");
    for screen in ["dashboard", "education"] {
        w.nav(screen).await;
        w.screenshot_as(&format!("wide-{screen}"), 1920, 1080).await;
    }
    w.close().await;
    drop(session);
}
