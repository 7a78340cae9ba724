// Profile & settings: the applicant's details, data folder, paper size, backup and restore,
// calendar export.
import { h, fill, field, input, formValues, showErrors } from './dom.js';
import { PROFILE_FIELDS, validateProfile, localToday, fmtDate } from './logic.js';
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
        h('section', { class: 'panel', 'aria-labelledby': 'prefs-heading' },
          h('h2', { id: 'prefs-heading' }, 'Preferences'),
          h('div', { class: 'field' }, h('label', { for: 'paper-preference', class: 'field-label' }, 'Packet paper size'), paper),
          h('div', { class: 'field' },
            h('span', { class: 'field-label', id: 'data-dir-label' }, 'Data folder'),
            h('code', { class: 'path', 'data-testid': 'data-dir', 'aria-labelledby': 'data-dir-label' }, info.data_dir || '—'),
            h('p', { class: 'hint' }, 'Your records and evidence files live here. Back up rather than copying it while the app is open.'),
          ),
          h('p', { class: 'hint' }, `Clerkfolio ${info.version || ''}${info.today ? ` · today is ${fmtDate(info.today)}` : ''}`),
        ),
      ),
    ),
  );
}
