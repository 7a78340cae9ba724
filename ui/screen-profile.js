// Profile & settings: the applicant's details, data folder, paper size, backup and restore,
// calendar export, import of records from a CSV (with a preview) and export to CSV or JSON.
import { h, fill, field, input, formValues, showErrors } from './dom.js';
import { PROFILE_FIELDS, validateProfile, localToday, fmtDate, importPlanView, importDoneText, exportDoneText } from './logic.js';
import { PAPER_KEY, paperPreference } from './screen-packet.js';

const TYPES = { email: 'email', phone: 'tel', ethics_affirmed: 'date' };
const WIDE = new Set(['address']);
const HINTS = {
  full_name: 'As it should appear on the application and certificates.',
  ethics_affirmed: 'The day you affirmed the IIMC Code of Ethics (part of the application).',
};

function profileForm(ctx) {
  const p = ctx.state.profile || {};
  const form = h('form', { class: 'panel profile-form', 'data-testid': 'profile-form', novalidate: true, 'aria-labelledby': 'profile-heading' },
    h('h2', { id: 'profile-heading' }, 'Your details'),
    h('div', { class: 'form-grid' }, PROFILE_FIELDS.map(([name, label]) => field({
      name, label, required: name === 'full_name', wide: WIDE.has(name), hint: HINTS[name] || null,
      control: input(TYPES[name] || 'text', p[name] || '', { autocomplete: name === 'email' ? 'email' : name === 'phone' ? 'tel' : name === 'full_name' ? 'name' : 'off' }),
    }))),
    h('div', { class: 'button-row' }, h('button', { type: 'submit', class: 'primary', 'data-testid': 'save-profile' }, 'Save profile')),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const result = validateProfile(formValues(form));
    if (!showErrors(form, result.errors)) return;
    const ok = await ctx.attempt(() => ctx.api.profileSave(result.changes), { success: 'Profile saved.' });
    if (ok !== undefined) await ctx.attempt(() => ctx.refresh());
  });
  return form;
}

async function backup(ctx) {
  const name = `Clerkfolio backup ${localToday()}.zip`;
  const path = await ctx.attempt(() => ctx.api.pickSave(name, 'backup'));
  if (!path) return;
  await ctx.attempt(() => ctx.api.backupCreate(path), { success: 'Backup written and checked.' });
}

async function restore(ctx) {
  const path = await ctx.attempt(() => ctx.api.pickOpen('backup'));
  if (!path) return;
  const ok = await ctx.confirm({
    title: 'Restore this backup?',
    message: [
      `Your current portfolio will be replaced by the backup “${path.split(/[\\/]/).pop()}”.`,
      'The current data is not deleted: it is kept aside in a folder next to the data folder.',
    ],
    action: 'Replace with backup',
  });
  if (!ok) return;
  const done = await ctx.attempt(() => ctx.api.backupRestore(path), { success: 'Backup restored.' });
  if (done !== undefined) await ctx.attempt(() => ctx.refresh());
}

async function exportCalendar(ctx) {
  const path = await ctx.attempt(() => ctx.api.pickSave('clerkfolio-reminders.ics', 'ics'));
  if (!path) return;
  await ctx.attempt(() => ctx.api.calendarExport(path), {
    success: (n) => `Calendar file written with ${n} ${n === 1 ? 'event' : 'events'}. Open it with Outlook, Google Calendar or Apple Calendar.`,
  });
}

/** Picks a CSV, shows what it would add and every bad row, and imports only when the clerk says so. */
async function importCsv(ctx) {
  const path = await ctx.attempt(() => ctx.api.pickOpen('csv'));
  if (!path) return;
  const plan = await ctx.attempt(() => ctx.api.importPreview(path));
  if (!plan) return;
  const view = importPlanView(plan);
  let done;
  const saved = await ctx.dialog({
    title: `Import records from ${view.file}`,
    testid: 'import-dialog',
    wide: true,
    saveLabel: view.action,
    build: (body, form) => {
      const apply = form.querySelector('[data-testid="save"]');
      apply.dataset.testid = 'import-apply';
      const skip = input('checkbox', false, { 'data-testid': 'import-skip-invalid' });
      const update = () => { apply.disabled = !view.canImport(skip.checked); };
      skip.addEventListener('change', update);
      body.append(h('p', { class: 'import-summary' }, view.summary));
      if (view.problems.length) {
        body.append(
          h('h3', { class: 'import-heading' }, 'Rows with problems'),
          h('ul', { class: 'import-problems', 'data-testid': 'import-problems' }, view.problems.map((p) => h('li', {},
            h('strong', {}, `Line ${p.line}: `), p.message))),
          field({ name: 'skip_invalid', label: `Skip the rows with problems and import the other ${view.rows.length === 1 ? 'record' : `${view.rows.length} records`}`, control: skip }),
        );
      }
      body.append(h('h3', { class: 'import-heading' }, 'Records to be added'),
        h('div', { class: 'table-wrap import-table' }, h('table', { class: 'records', 'data-testid': 'import-rows' },
          h('thead', {}, h('tr', {}, ['Line', 'Kind', 'Title', 'Date'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, view.rows.length === 0
            ? h('tr', { class: 'empty-row' }, h('td', { colspan: '4' }, 'No rows can be imported.'))
            : view.rows.map((r) => h('tr', {}, h('td', {}, String(r.line)), h('td', {}, r.kind), h('td', {}, r.title), h('td', {}, fmtDate(r.date))))))));
      update();
    },
    submit: async (form) => {
      const skip = form.querySelector('[data-testid="import-skip-invalid"]');
      const skipInvalid = !!(skip && skip.checked);
      if (!view.canImport(skipInvalid)) return false;
      done = await ctx.api.importApply(path, skipInvalid);
      return true;
    },
  });
  if (!saved) return;
  ctx.toast(importDoneText(done));
  await ctx.attempt(() => ctx.refresh());
}

async function exportRecords(ctx, format) {
  const path = await ctx.attempt(() => ctx.api.pickSave(`Clerkfolio records ${localToday()}.${format}`, format));
  if (!path) return;
  await ctx.attempt(() => ctx.api.exportRecords(format, path), { success: exportDoneText });
}

/** Which programs' points the forms show: the CMC and the MMC unless she follows another too
 *  (a state program such as Minnesota's). */
function followedPanel(ctx) {
  const followed = new Set(ctx.followedPrograms());
  const boxes = ctx.state.programs.map((p) => {
    const id = `follow-${p.id}`;
    const box = h('input', { type: 'checkbox', id, 'data-testid': id, checked: followed.has(p.id), onchange: () => {
      const chosen = ctx.state.programs.map((q) => q.id).filter((q) => document.getElementById(`follow-${q}`).checked);
      ctx.followPrograms(chosen);
      ctx.toast(box.checked ? `Following the ${p.name}.` : `No longer following the ${p.name}.`);
    } });
    return h('li', {}, box, h('label', { for: id }, ` ${p.name}`));
  });
  return h('section', { class: 'panel', 'aria-labelledby': 'follow-heading' },
    h('h2', { id: 'follow-heading' }, 'Programs you follow'),
    h('p', { class: 'hint' }, 'The points a record would earn are shown for these programs while you fill in a form.'),
    h('ul', { class: 'follow-list', 'data-testid': 'followed-programs' }, boxes));
}

export function render(ctx, root) {
  const info = ctx.state.info || {};
  const paper = h('select', { id: 'paper-preference', 'data-testid': 'paper-preference', onchange: () => {
    try { localStorage.setItem(PAPER_KEY, paper.value); ctx.toast('Paper size saved.'); } catch { /* private mode */ }
  } }, h('option', { value: 'letter' }, 'US Letter'), h('option', { value: 'a4' }, 'A4'));
  paper.value = paperPreference();
  fill(root,
    h('header', { class: 'screen-header' },
      h('div', {},
        h('h1', { id: 'heading-profile' }, 'Profile & settings'),
        h('p', { class: 'subtitle' }, 'Your details appear on the application packet’s cover and applicant pages.'),
      ),
    ),
    h('div', { class: 'settings-layout' },
      profileForm(ctx),
      h('div', { class: 'settings-side' },
        followedPanel(ctx),
        h('section', { class: 'panel', 'aria-labelledby': 'safety-heading' },
          h('h2', { id: 'safety-heading' }, 'Backup and restore'),
          h('p', {}, 'A backup is one file with every record and evidence file. Keep one on a USB stick or network drive.'),
          h('div', { class: 'button-row' },
            h('button', { type: 'button', class: 'primary', 'data-testid': 'backup-create', onclick: () => backup(ctx) }, 'Back up now…'),
            h('button', { type: 'button', class: 'secondary', 'data-testid': 'backup-restore', onclick: () => restore(ctx) }, 'Restore from backup…'),
          ),
        ),
        h('section', { class: 'panel', 'aria-labelledby': 'calendar-heading' },
          h('h2', { id: 'calendar-heading' }, 'Calendar'),
          h('p', {}, 'Export your reminders (renewals, anniversaries, follow-ups) to your calendar. Exporting again updates the same events.'),
          h('button', { type: 'button', class: 'secondary', 'data-testid': 'calendar-export', onclick: () => exportCalendar(ctx) }, 'Export to calendar…'),
        ),
        h('section', { class: 'panel', 'aria-labelledby': 'import-heading' },
          h('h2', { id: 'import-heading' }, 'Import records from a spreadsheet (CSV)'),
          h('p', {}, 'Add education and experience records from a CSV file (for example one saved from Excel). You see every row first; rows with problems are listed with their line number.'),
          h('div', { class: 'button-row' },
            h('button', { type: 'button', class: 'secondary', 'data-testid': 'import-csv', onclick: () => importCsv(ctx) }, 'Import from CSV…'),
          ),
          h('h3', { class: 'import-heading' }, 'Export records'),
          h('p', {}, 'Save every education and experience record to a file you can open in Excel (CSV) or keep as data (JSON).'),
          h('div', { class: 'button-row' },
            h('button', { type: 'button', class: 'secondary', 'data-testid': 'export-csv', onclick: () => exportRecords(ctx, 'csv') }, 'Export CSV…'),
            h('button', { type: 'button', class: 'secondary', 'data-testid': 'export-json', onclick: () => exportRecords(ctx, 'json') }, 'Export JSON…'),
          ),
        ),
        h('section', { class: 'panel', 'aria-labelledby': 'prefs-heading' },
          h('h2', { id: 'prefs-heading' }, 'Preferences'),
          h('div', { class: 'field' }, h('label', { for: 'paper-preference', class: 'field-label' }, 'Packet paper size'), paper),
          h('div', { class: 'field' },
            h('span', { class: 'field-label', id: 'data-dir-label' }, 'Data folder'),
            // Text, read after its label (a code element may not be named: aria-labelledby is refused there).
            h('code', { class: 'path', 'data-testid': 'data-dir' }, info.data_dir || '—'),
            h('p', { class: 'hint' }, 'Your records and evidence files live here. Back up rather than copying it while the app is open.'),
          ),
          h('p', { class: 'hint' }, `Clerkfolio ${info.version || ''}${info.today ? ` · today is ${fmtDate(info.today)}` : ''}`),
        ),
      ),
    ),
  );
}
