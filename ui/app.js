// Clerkfolio desktop front end: builds the shell (sidebar, screens, alert and toast regions),
// loads the portfolio and routes between screens. No build step, no packages; api.js is the only
// module that talks to the engine.
//
// Stable hooks for end-to-end tests (data-testid unless noted):
//   Shell      nav-dashboard nav-education nav-experience nav-membership nav-evidence nav-packet
//              nav-profile (sidebar buttons; aria-current="page" on the shown one);
//              screen-<id> (each <section>); alert (error region, role=alert; text in
//              alert-message); dialog-alert (errors inside an open dialog); toast (success
//              messages, role=status); drop-overlay (shown while files are dragged over the window)
//   First run  welcome, start-demo, start-empty
//   Dashboard  program-<cmc|mmc> (a program's block), eligibility, requirement-<id> (cards, e.g.
//              requirement-education, earned figure in .earned, required in .required),
//              membership-card, checks (readiness checklist), missing (list), notes, reminders, reminder-<id> with
//              reminder-dismiss / reminder-snooze / reminder-open buttons, recent-activity
//   Certificates  nav-intake; intake-files, intake-folder (choose), intake-progress,
//              intake-progress-text, intake-failed, intake-queue, intake-empty, intake-item-<id>,
//              intake-review-<id>, intake-skip-<id>; review-dialog (the education form with
//              read-from-<field> beside each field read, review-notes, review-image, review-zoom)
//   Tables     add-education add-experience add-membership add-designation; filter-<screen>;
//              table-<screen>; rows row-<screen>-<id>; header buttons sort-<column>;
//              edit / delete buttons per row (data-testid edit, delete)
//   Dialogs    form fields by name (title, provider, category, start, end, hours, level,
//              assessment, certificate, learned, enter_points, points, reason, organisation,
//              current, notes, member_type, program, date); save, cancel; confirm (the
//              destructive button of a confirmation); error-<field> (inline messages);
//              points-preview (live points); attach-files, attached-files, attach-letter,
//              attached-letter, attach-certificate; the dialogs themselves: education-dialog,
//              experience-dialog, membership-dialog, designation-dialog, confirm-dialog
//   Evidence   add-evidence, evidence-row-<id>, evidence-open, evidence-remove, missing-evidence,
//              attach-<kind>-<id>
//   Packet     packet-program (radio group; inputs name="program"), paper (select), preflight,
//              generate-packet, packet-progress (<progress>), packet-progress-text, packet-report,
//              open-packet, reveal-packet, skipped-exhibits
//   Profile    profile-form (fields by name: full_name, title, municipality, state, country,
//              address, email, phone, member_id, ethics_affirmed), save-profile, data-dir,
//              paper-preference, backup-create, backup-restore, calendar-export, import-csv,
//              backup-automatic (checkbox), backup-folder, backup-change-folder, backup-default-folder,
//              backup-now, backup-restore-list, restore-dialog (restore-item-<day> buttons)
//   Dashboard  backup-status (backup-headline, backup-where, backup-warning-<kind>, backup-error,
//              backup-now, backup-pick-folder)
//              import-dialog (the preview; import-rows table of records to add, import-problems
//              list of bad rows "Line N: reason", import-skip-invalid checkbox, import-apply
//              button, cancel), export-csv, export-json

import * as api from './api.js';
import { h, fill, keepFocus } from './dom.js';
import { ctx, state } from './context.js';
import { recordsWithoutEvidence, dueReminders, fileName, platformClass } from './logic.js';
import * as welcome from './screen-welcome.js';
import * as dashboard from './screen-dashboard.js';
import * as reminders from './screen-reminders.js';

const SCREENS = [
  { id: 'dashboard', label: 'Dashboard', module: dashboard, icon: 'M3 13h8V3H3v10zm0 8h8v-6H3v6zm10 0h8V11h-8v10zm0-18v6h8V3h-8z' },
  { id: 'reminders', label: 'Reminders', module: reminders, icon: 'M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6V11c0-3.1-1.6-5.6-4.5-6.3V4a1.5 1.5 0 0 0-3 0v.7C7.6 5.4 6 7.9 6 11v5l-2 2v1h16v-1l-2-2z' },
  { id: 'education', label: 'Education', load: () => import('./screen-education.js'), icon: 'M12 3 1 9l11 6 9-4.9V17h2V9L12 3zm-7 10.2v4L12 21l7-3.8v-4L12 17l-7-3.8z' },
  { id: 'intake', label: 'Add from certificates', load: () => import('./screen-intake.js'), icon: 'M4 3h11l5 5v13H4V3zm10 1.5V9h4.5L14 4.5zM7 13l3 3 6-6-1.4-1.4L10 13.2 8.4 11.6 7 13z' },
  { id: 'experience', label: 'Experience', load: () => import('./screen-experience.js'), icon: 'M10 4h4a2 2 0 0 1 2 2v1h4a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1h4V6a2 2 0 0 1 2-2zm0 3h4V6h-4v1z' },
  { id: 'membership', label: 'Membership', load: () => import('./screen-membership.js'), icon: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-4 0-8 2-8 5v1h16v-1c0-3-4-5-8-5z' },
  { id: 'evidence', label: 'Evidence', load: () => import('./screen-evidence.js'), icon: 'M6 2h8l6 6v13a1 1 0 0 1-1 1H6a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1zm7 1.5V9h5.5L13 3.5zM8 13h8v2H8v-2zm0 4h8v2H8v-2z' },
  { id: 'packet', label: 'Application packet', load: () => import('./screen-packet.js'), icon: 'M4 4h16v4H4V4zm1 6h14v10H5V10zm4 2v2h6v-2H9z' },
  { id: 'profile', label: 'Profile & settings', load: () => import('./screen-profile.js'), icon: 'M12 8a4 4 0 1 0 0 8 4 4 0 0 0 0-8zm9 3h-2.1a7 7 0 0 0-1-2.5l1.5-1.5-1.4-1.4-1.5 1.5a7 7 0 0 0-2.5-1V3h-2v2.1a7 7 0 0 0-2.5 1L8 4.6 6.6 6l1.5 1.5a7 7 0 0 0-1 2.5H5v2h2.1a7 7 0 0 0 1 2.5L6.6 16 8 17.4l1.5-1.5a7 7 0 0 0 2.5 1V19h2v-2.1a7 7 0 0 0 2.5-1l1.5 1.5 1.4-1.4-1.5-1.5a7 7 0 0 0 1-2.5H21v-2z' },
];
const SCREEN_IDS = new Set(SCREENS.map((s) => s.id));

/** A screen's module, fetched the first time the screen is shown: the start draws the dashboard
 *  only, and JavaScriptCore compiling the other screens' code then cost the web process 0.9 MiB
 *  that a clerk who only looks at her progress never uses (docs/BENCHMARKS.md). */
async function loadScreen(id) {
  const screen = SCREENS.find((s) => s.id === id);
  if (!screen.module) screen.module = await screen.load();
  return screen.module;
}

const sections = new Map();
const navButtons = new Map();
let appRoot;
let mainEl;
let welcomeEl;

/** A sidebar icon: its 24-unit path cut out of a square of the text's colour (CSS `clip-path`,
 *  not an SVG element: see `ring` in dom.js), set through the CSSOM as the CSP asks. */
function icon(path) {
  const el = h('span', { class: 'nav-icon', 'aria-hidden': 'true' });
  el.style.setProperty('clip-path', `path('${path}')`);
  return el;
}

function buildShell() {
  const nav = h('nav', { class: 'sidebar', 'aria-label': 'Main' },
    h('div', { class: 'brand' },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, 'C'),
      h('span', { class: 'brand-text' }, h('span', { class: 'brand-name' }, 'Clerkfolio'), h('span', { class: 'brand-sub' }, 'CMC · MMC portfolio')),
    ),
  );
  const list = h('ul', { class: 'nav-list' });
  for (const screen of SCREENS) {
    const badge = h('span', { class: 'nav-badge', 'aria-hidden': 'true' });
    const button = h('button', { type: 'button', class: 'nav-button', 'data-testid': `nav-${screen.id}`, 'data-screen': screen.id, onclick: () => navigate(screen.id) },
      icon(screen.icon), h('span', { class: 'nav-label' }, screen.label), badge);
    navButtons.set(screen.id, { button, badge });
    list.append(h('li', {}, button));
  }
  nav.append(list, h('div', { class: 'sidebar-foot', id: 'sidebar-foot' }));

  mainEl = h('main', { class: 'main', id: 'main', tabindex: '-1' },
    h('div', { id: 'alert', class: 'alert', role: 'alert', 'data-testid': 'alert' }),
  );
  for (const screen of SCREENS) {
    const section = h('section', { class: 'screen', id: `screen-${screen.id}`, 'data-testid': `screen-${screen.id}`, 'aria-labelledby': `heading-${screen.id}`, hidden: true });
    sections.set(screen.id, section);
    mainEl.append(section);
  }
  // The first run's page is the main content then (the app's <main> is hidden until a portfolio exists).
  welcomeEl = h('main', { class: 'welcome-wrap', 'data-testid': 'welcome', 'aria-labelledby': 'heading-welcome', hidden: true });

  appRoot = h('div', { class: 'app' },
    h('a', { class: 'skip-link', href: '#main' }, 'Skip to content'),
    nav, mainEl, welcomeEl,
    h('div', { id: 'toasts', class: 'toasts', role: 'status', 'aria-live': 'polite', 'data-testid': 'toast' }),
    h('div', { class: 'drop-overlay', 'data-testid': 'drop-overlay', 'aria-hidden': 'true' },
      h('div', { class: 'drop-card' }, h('p', { class: 'drop-title', id: 'drop-title' }, 'Drop files to add them as evidence'), h('p', {}, 'PDF, JPEG, PNG, TIFF, WebP or HEIC'))),
  );
  document.body.append(appRoot);
}

function updateNav() {
  const missing = recordsWithoutEvidence(state.education, state.experience).length;
  const due = dueReminders(state.reminders, ctx.today()).length;
  const badges = { reminders: due, dashboard: due, education: state.education.length, intake: (state.intake || []).length, experience: state.experience.length, membership: state.membership.length, evidence: missing };
  for (const [id, { button, badge }] of navButtons) {
    const current = id === state.screen;
    if (current) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
    const count = badges[id] || 0;
    badge.textContent = count ? String(count) : '';
    badge.classList.toggle('nav-badge-warn', (id === 'evidence' || id === 'dashboard' || id === 'reminders') && count > 0);
    let description = '';
    if (id === 'evidence' && count) description = `${count} ${count === 1 ? 'record has' : 'records have'} no evidence`;
    if ((id === 'dashboard' || id === 'reminders') && count) description = `${count} ${count === 1 ? 'reminder is' : 'reminders are'} due`;
    if (id === 'intake' && count) description = `${count} ${count === 1 ? 'certificate waits' : 'certificates wait'} for you to check`;
    // The tooltip names the screen too: at 200% zoom the sidebar shows only the icons.
    const label = SCREENS.find((s) => s.id === id).label;
    button.setAttribute('title', description ? `${label}: ${description}` : label);
  }
  const foot = document.getElementById('sidebar-foot');
  if (foot && state.profile) {
    fill(foot,
      state.profile.full_name ? h('p', { class: 'foot-name' }, state.profile.full_name) : null,
      state.profile.municipality ? h('p', { class: 'foot-sub' }, state.profile.municipality) : null,
      state.info ? h('p', { class: 'foot-version' }, `Version ${state.info.version}`) : null,
    );
  }
}

function render() {
  if (!state.info) return;
  if (!state.info.has_portfolio) {
    appRoot.classList.add('first-run');
    mainEl.hidden = true;
    welcomeEl.hidden = false;
    welcome.render(ctx, welcomeEl);
    return;
  }
  appRoot.classList.remove('first-run');
  mainEl.hidden = false;
  welcomeEl.hidden = true;
  const screen = SCREENS.find((s) => s.id === state.screen) || SCREENS[0];
  if (!screen.module) {
    // Not shown before (a drop or a change of screen from outside): drawn once its code is here.
    ctx.attempt(() => loadScreen(screen.id)).then(() => { if (screen.module && state.screen === screen.id) render(); });
    return;
  }
  for (const [id, section] of sections) section.hidden = id !== screen.id;
  document.getElementById('drop-title').textContent = screen.id === 'intake' ? 'Drop certificates to read them' : 'Drop files to add them as evidence';
  // A redraw (a save, a change from outside) keeps a keyboard user's place.
  const lost = keepFocus(sections.get(screen.id), () => screen.module.render(ctx, sections.get(screen.id)));
  if (lost) focusScreen({ scroll: false }); // her place is gone (a deleted row): the screen, where she was
  updateNav();
}

async function navigate(id, { focus = true } = {}) {
  if (!SCREEN_IDS.has(id)) id = 'dashboard';
  if (await ctx.attempt(() => loadScreen(id)) === undefined) return;
  const changed = state.screen !== id;
  state.screen = id;
  ctx.clearAlert();
  render();
  if (changed && focus) focusScreen();
}

/** Focus on the shown screen's heading (a screen reader reads where she is; Tab goes on from there),
 *  and the screen scrolled to its top unless `scroll` is false. */
function focusScreen({ scroll = true } = {}) {
  const heading = document.getElementById(`heading-${state.screen}`);
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: !scroll });
  }
  if (scroll) mainEl.scrollTop = 0;
}

async function onDrop(paths, position = null) {
  if (!paths.length || !state.info || !state.info.has_portfolio) return;
  if (ctx.dropTarget) {
    ctx.dropTarget(paths, position);
    return;
  }
  // On the certificates screen a drop is certificates to read (folders too).
  if (state.screen === 'intake') {
    const intake = await ctx.attempt(() => loadScreen('intake'));
    if (intake) await intake.addPaths(ctx, paths);
    return;
  }
  let added = 0;
  for (const path of paths) {
    const ok = await ctx.attempt(() => api.evidenceAdd(path, null));
    if (ok !== undefined) added += 1;
  }
  if (added) {
    ctx.toast(added === 1 ? `Added ${fileName(paths[0])} to your evidence.` : `Added ${added} files to your evidence.`);
    state.screen = 'evidence';
    await ctx.attempt(() => ctx.refresh());
  }
}

async function start() {
  const platform = platformClass(navigator.userAgent);
  if (platform) document.documentElement.classList.add(platform);
  buildShell();
  ctx.render = render;
  ctx.navigate = navigate;
  ctx.focusScreen = focusScreen;
  const fromHash = location.hash.replace('#', '');
  if (SCREEN_IDS.has(fromHash)) state.screen = fromHash;
  if (state.screen !== 'dashboard') await ctx.attempt(() => loadScreen(state.screen));
  // The launch timeline (src-tauri/benches/launch.rs, docs/BENCHMARKS.md).
  performance.mark('clerkfolio:modules-loaded');
  await ctx.attempt(() => ctx.refresh({ render: false }));
  performance.mark('clerkfolio:data-loaded');
  render();
  // The frame after this render is on screen (a task queued from the next animation frame).
  requestAnimationFrame(() => setTimeout(() => {
    performance.mark('clerkfolio:painted');
    const marks = Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime]));
    api.startupReport(performance.now(), marks).catch(() => {});
  }, 0));
  // Events from the shell: notification clicks ask for a screen; files dropped on the window.
  ctx.attempt(() => api.on('navigate', (screen) => navigate(String(screen))));
  // Changes made outside the window (the command line, another program) show without a restart:
  // the shell reports other processes' commits, and coming back to the window looks again.
  ctx.attempt(() => api.on('data-changed', () => ctx.attempt(() => ctx.refresh({ onlyIfChanged: true }))));
  window.addEventListener('focus', () => ctx.attempt(() => ctx.refresh({ onlyIfChanged: true })));
  // Backups: where they stand once at start, and again after each automatic one.
  ctx.attempt(() => ctx.refreshBackup());
  ctx.attempt(() => api.on('backup-done', () => ctx.attempt(() => ctx.refreshBackup())));
  ctx.attempt(() => api.onFileDrop(onDrop, (over) => {
    appRoot.classList.toggle('dragging', !!over && !!state.info && state.info.has_portfolio);
  }));
}

start();
