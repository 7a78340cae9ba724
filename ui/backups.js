// Backups, as the dashboard and Settings show them: where they go and the last good one
// (backup_status), "Back up now", choosing the folder, and "Restore from a backup…" (the backups
// in the folder with their dates and contents; one restored the same atomic way as a file).
import { h, chip } from './dom.js';
import { backupView, backupContents, fmtDate } from './logic.js';

/** "Back up now": into the backup folder (today's replaced), checked; then the status again. */
export async function backupNow(ctx) {
  const report = await ctx.attempt(() => ctx.api.backupNow(), {
    success: (r) => `Backup written and checked: ${r.made ? r.made.file.split(/[\\/]/).pop() : ''}.`,
  });
  await ctx.attempt(() => ctx.refreshBackup());
  return report;
}

/** Picks the backup folder with the system's folder dialog and keeps it (automatic stays as it is). */
export async function pickBackupFolder(ctx) {
  const folder = await ctx.attempt(() => ctx.api.pickFolder('backups'));
  if (!folder) return;
  await saveSettings(ctx, { folder }, `Backups now go to ${folder}.`);
}

/** Saves the backup settings with `changes` ({ automatic?, folder? }; folder null: Documents). */
export async function saveSettings(ctx, changes, success) {
  const s = (ctx.state.backup && ctx.state.backup.status) || { automatic: true, folder: null, default_folder: true };
  const automatic = 'automatic' in changes ? changes.automatic : s.automatic;
  const folder = 'folder' in changes ? changes.folder : (s.default_folder ? null : s.folder);
  const done = await ctx.attempt(() => ctx.api.backupSettingsSave(automatic, folder), { success });
  await ctx.attempt(() => ctx.refreshBackup());
  return done;
}

/** The backups in the folder, newest first, each with a Restore button; the chosen one replaces
 *  the portfolio after a confirmation (the current data is kept aside, as for a file). */
export async function restoreFromList(ctx) {
  const listing = await ctx.attempt(() => ctx.api.backupList());
  if (!listing) return;
  let chosen = null;
  await ctx.dialog({
    title: 'Restore from a backup',
    testid: 'restore-dialog',
    wide: true,
    cancelLabel: 'Close',
    build: (body, form) => {
      form.querySelector('[data-testid="save"]').hidden = true;
      const close = () => form.querySelector('[data-testid="cancel"]').click();
      body.append(h('p', {}, `Backups in ${listing.folder}, newest first.`));
      if (!listing.backups.length) {
        body.append(h('p', { class: 'empty', 'data-testid': 'restore-empty' }, 'There are no backups in this folder yet.'));
        return;
      }
      body.append(h('div', { class: 'table-wrap' }, h('table', { class: 'records', 'data-testid': 'restore-list' },
        h('thead', {}, h('tr', {}, ['Made on', 'What it holds', ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, listing.backups.map((b) => h('tr', { 'data-testid': `restore-row-${b.day}` },
          h('td', {}, fmtDate(b.day)),
          h('td', {}, b.problem ? chip(`Cannot be restored: ${b.problem}`, 'warn') : backupContents(b)),
          h('td', {}, b.problem ? null : h('button', {
            type: 'button', class: 'small secondary', 'data-testid': `restore-item-${b.day}`,
            'aria-label': `Restore the backup of ${fmtDate(b.day)}`,
            onclick: () => { chosen = b; close(); },
          }, 'Restore…')),
        ))))));
    },
    submit: async () => true,
  });
  if (!chosen) return;
  const ok = await ctx.confirm({
    title: `Restore the backup of ${fmtDate(chosen.day)}?`,
    message: [
      `Your current portfolio will be replaced by this backup (${backupContents(chosen)}).`,
      'The current data is not deleted: it is kept aside in a folder next to the data folder.',
    ],
    action: 'Replace with backup',
  });
  if (!ok) return;
  const done = await ctx.attempt(() => ctx.api.backupRestore(chosen.file), { success: `Backup of ${fmtDate(chosen.day)} restored.` });
  if (done !== undefined) await ctx.attempt(() => ctx.refresh());
  await ctx.attempt(() => ctx.refreshBackup());
}

/** The backup panel of the dashboard: the last good backup and where; what to act on. */
export function backupStatusPanel(ctx) {
  const view = backupView(ctx.state.backup);
  return h('section', { class: `panel backup-status backup-${view.tone}`, 'data-testid': 'backup-status', 'aria-labelledby': 'backup-heading' },
    h('h2', { id: 'backup-heading' }, 'Backups'),
    h('p', { class: 'backup-headline', 'data-testid': 'backup-headline' }, view.tone === 'ok' ? h('span', { class: 'tick', 'aria-hidden': 'true' }, '✓ ') : null, view.headline),
    view.where ? h('p', { class: 'backup-where hint', 'data-testid': 'backup-where' }, view.where) : null,
    view.error ? h('p', { class: 'backup-warning', role: 'alert', 'data-testid': 'backup-error' }, view.error) : null,
    view.warnings.map((w) => h('div', { class: 'backup-warning', 'data-testid': `backup-warning-${w.kind}` },
      h('p', {}, w.message),
      w.action === 'pick'
        ? h('button', { type: 'button', class: 'small secondary', 'data-testid': 'backup-pick-folder', onclick: () => pickBackupFolder(ctx) }, 'Choose another folder…')
        : null)),
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'small secondary', 'data-testid': 'backup-now', onclick: () => backupNow(ctx) }, 'Back up now'),
      h('button', { type: 'button', class: 'link-button', onclick: () => ctx.navigate('profile') }, 'Backup settings…')),
  );
}

/** Settings: automatic backups on or off, the folder, Back up now, and the two ways to restore. */
export function backupSettingsPanel(ctx, { backupToFile, restoreFromFile }) {
  const view = backupView(ctx.state.backup);
  const s = ctx.state.backup && ctx.state.backup.status;
  const automatic = h('input', { type: 'checkbox', id: 'backup-automatic', 'data-testid': 'backup-automatic', checked: !s || s.automatic,
    onchange: () => saveSettings(ctx, { automatic: automatic.checked }, automatic.checked ? 'Automatic backups are on.' : 'Automatic backups are off.') });
  return h('section', { class: 'panel', 'aria-labelledby': 'safety-heading', 'data-testid': 'backup-settings' },
    h('h2', { id: 'safety-heading' }, 'Backup and restore'),
    h('p', {}, 'A backup is one checked file with every record and evidence file. Clerkfolio makes one after you change something (at most once a day, and when you close the app) and keeps the last 7 daily and 8 weekly ones.'),
    h('p', { class: 'check-row' }, automatic, h('label', { for: 'backup-automatic' }, ' Back up automatically')),
    h('div', { class: 'field' },
      h('span', { class: 'field-label', id: 'backup-folder-label' }, 'Backup folder'),
      h('code', { class: 'path', 'data-testid': 'backup-folder', 'aria-labelledby': 'backup-folder-label' }, s ? s.folder : '…'),
      h('p', { class: 'hint' }, 'Best on another drive: a USB stick, a network drive or a synced cloud folder.'),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'secondary', 'data-testid': 'backup-change-folder', onclick: () => pickBackupFolder(ctx) }, 'Change folder…'),
        s && !s.default_folder ? h('button', { type: 'button', class: 'link-button', 'data-testid': 'backup-default-folder',
          onclick: () => saveSettings(ctx, { folder: null }, 'Backups go to your Documents again.') }, 'Use Documents') : null),
    ),
    h('p', { class: 'backup-headline', 'data-testid': 'backup-headline' }, view.headline),
    view.error ? h('p', { class: 'backup-warning', role: 'alert' }, view.error) : null,
    view.warnings.map((w) => h('p', { class: 'backup-warning', 'data-testid': `backup-warning-${w.kind}` }, w.message)),
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'backup-now', onclick: () => backupNow(ctx) }, 'Back up now'),
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'backup-restore-list', onclick: () => restoreFromList(ctx) }, 'Restore from a backup…'),
    ),
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'link-button', 'data-testid': 'backup-create', onclick: backupToFile }, 'Back up to a file…'),
      h('button', { type: 'button', class: 'link-button', 'data-testid': 'backup-restore', onclick: restoreFromFile }, 'Restore from a file…'),
    ),
  );
}
