// Tests of ui/api.js against a stubbed window.__TAURI__: command names, argument casing, and
// rejections turned into { kind, message }.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';

const calls = [];
let reply = async () => null;

globalThis.window = {
  __TAURI__: {
    core: { invoke: async (command, args) => { calls.push({ command, args }); return reply(command, args); } },
    event: { listen: async (event, cb) => { calls.push({ listen: event }); globalThis.__emit = (payload) => cb({ event, payload }); return () => 'unlistened'; } },
    webview: { getCurrentWebview: () => ({ onDragDropEvent: async (cb) => { globalThis.__drag = (payload) => cb({ payload }); return () => {}; } }) },
  },
};

const api = await import('../../ui/api.js');

beforeEach(() => {
  calls.length = 0;
  reply = async () => null;
});

function last() {
  return calls[calls.length - 1];
}

test('every command name and its arguments, as the Rust side expects them', async () => {
  const expectations = [
    [() => api.startDemo(), 'start_demo', {}],
    [() => api.startEmpty(), 'start_empty', {}],
    [() => api.profileSave({ full_name: 'R' }), 'profile_save', { changes: { full_name: 'R' } }],
    [() => api.snapshot(), 'snapshot', { today: null }],
    [() => api.educationSave(null, { title: 'T' }, ['a.pdf']), 'education_save', { id: null, changes: { title: 'T' }, files: ['a.pdf'] }],
    [() => api.educationSave(3, { hours: 2 }), 'education_save', { id: 3, changes: { hours: 2 }, files: [] }],
    [() => api.educationRemove(3), 'education_remove', { id: 3 }],
    [() => api.educationPreview({ hours: 12 }), 'education_preview', { changes: { hours: 12 } }],
    [() => api.experienceSave(null, { title: 'City Clerk' }, [], 'letter.pdf'), 'experience_save', { id: null, changes: { title: 'City Clerk' }, files: [], letter: 'letter.pdf' }],
    [() => api.experienceSave(2, {}), 'experience_save', { id: 2, changes: {}, files: [], letter: null }],
    [() => api.experienceRemove(2), 'experience_remove', { id: 2 }],
    [() => api.experiencePreview({ category: 'service' }), 'experience_preview', { changes: { category: 'service' } }],
    [() => api.membershipSave(null, { member_type: 'full' }), 'membership_save', { id: null, changes: { member_type: 'full' } }],
    [() => api.membershipRemove(1), 'membership_remove', { id: 1 }],
    [() => api.designationAdd('cmc', '2026-06-15'), 'designation_add', { program: 'cmc', date: '2026-06-15', file: null }],
    [() => api.designationRemove(1), 'designation_remove', { id: 1 }],
    [() => api.evidenceAdd('c.pdf', 'education:5'), 'evidence_add', { path: 'c.pdf', to: 'education:5' }],
    [() => api.evidenceAdd('c.pdf'), 'evidence_add', { path: 'c.pdf', to: null }],
    [() => api.evidenceRemove(6), 'evidence_remove', { id: 6 }],
    [() => api.evidenceOpen(6), 'evidence_open', { id: 6 }],
    [() => api.evidenceThumbnail(6), 'evidence_thumbnail', { id: 6 }],
    [() => api.pickFiles(), 'pick_files', {}],
    [() => api.pickSave('X Application Packet.pdf', 'pdf'), 'pick_save', { suggested: 'X Application Packet.pdf', kind: 'pdf' }],
    [() => api.pickOpen('backup'), 'pick_open', { kind: 'backup' }],
    [() => api.packetCheck('cmc'), 'packet_check', { program: 'cmc', today: null }],
    [() => api.packetGenerate('cmc', 'C:\\p.pdf', 'a4'), 'packet_generate', { program: 'cmc', path: 'C:\\p.pdf', paper: 'a4', referSubmitted: false }],
    [() => api.packetGenerate('mmc', 'C:\\p.pdf', 'a4', true), 'packet_generate', { program: 'mmc', path: 'C:\\p.pdf', paper: 'a4', referSubmitted: true }],
    [() => api.applicationSubmit('cmc', 'C:\\p.pdf', '2026-05-01'), 'application_submit', { program: 'cmc', path: 'C:\\p.pdf', date: '2026-05-01' }],
    [() => api.applicationDecide(1, '2026-06-10'), 'application_decide', { id: 1, approved: '2026-06-10', note: null }],
    [() => api.applicationDecide(1, null, 'Missing forms'), 'application_decide', { id: 1, approved: null, note: 'Missing forms' }],
    [() => api.openPath('C:\\p.pdf'), 'open_path', { path: 'C:\\p.pdf' }],
    [() => api.revealPath('C:\\p.pdf'), 'reveal_path', { path: 'C:\\p.pdf' }],
    [() => api.reminderDismiss('dues:membership:2'), 'reminder_dismiss', { id: 'dues:membership:2' }],
    [() => api.reminderSnooze('x', '2026-11-27'), 'reminder_snooze', { id: 'x', until: '2026-11-27' }],
    [() => api.calendarExport('r.ics'), 'calendar_export', { path: 'r.ics' }],
    [() => api.backupCreate('b.zip'), 'backup_create', { path: 'b.zip' }],
    [() => api.backupRestore('b.zip'), 'backup_restore', { path: 'b.zip' }],
    [() => api.backupStatus(), 'backup_status', { today: null }],
    [() => api.backupNow(), 'backup_now', {}],
    [() => api.backupList(), 'backup_list', {}],
    [() => api.backupSettingsSave(true, 'E:\\Backups'), 'backup_settings_save', { automatic: true, folder: 'E:\\Backups' }],
    [() => api.backupSettingsSave(false, null), 'backup_settings_save', { automatic: false, folder: null }],
    [() => api.pickFolder('backups'), 'pick_folder', { purpose: 'backups' }],
    [() => api.pickFolder(), 'pick_folder', { purpose: null }],
    [() => api.importPreview('C:\\records.csv'), 'import_preview', { path: 'C:\\records.csv' }],
    [() => api.importApply('C:\\records.csv'), 'import_apply', { path: 'C:\\records.csv', skipInvalid: false }],
    [() => api.importApply('C:\\records.csv', true), 'import_apply', { path: 'C:\\records.csv', skipInvalid: true }],
    [() => api.exportRecords('csv', 'C:\\out.csv'), 'export_records', { format: 'csv', path: 'C:\\out.csv' }],
    [() => api.exportRecords('json', '/home/r/out.json'), 'export_records', { format: 'json', path: '/home/r/out.json' }],
    [() => api.pickSave('records.csv', 'csv'), 'pick_save', { suggested: 'records.csv', kind: 'csv' }],
    [() => api.pickOpen('csv'), 'pick_open', { kind: 'csv' }],
  ];
  for (const [run, command, args] of expectations) {
    await run();
    assert.deepEqual(last(), { command, args }, command);
  }
  assert.equal(calls.length, expectations.length);
});

test('results come back as the backend gives them', async () => {
  reply = async (command) => (command === 'snapshot' ? { info: { version: '1', has_portfolio: true } } : null);
  assert.deepEqual(await api.snapshot(), { info: { version: '1', has_portfolio: true } });
});

test('a structured rejection passes through unchanged', async () => {
  reply = async () => { throw { kind: 'refused', message: 'MMCI-Year-1-Certificate.pdf backs education 1' }; };
  await assert.rejects(api.evidenceRemove(1), (e) => e.kind === 'refused' && e.message === 'MMCI-Year-1-Certificate.pdf backs education 1');
});

test('a bare string or Error rejection becomes { kind: "io", message }', async () => {
  reply = async () => { throw 'command education_save not found'; };
  await assert.rejects(api.educationSave(null, {}), (e) => {
    assert.deepEqual(e, { kind: 'io', message: 'command education_save not found' });
    return true;
  });
  reply = async () => { throw new TypeError('boom'); };
  await assert.rejects(api.snapshot(), (e) => {
    // An Error has a message: it is passed on as it is (never a stack for the clerk to read).
    assert.equal(e.message, 'boom');
    return true;
  });
  reply = async () => { throw undefined; };
  await assert.rejects(api.snapshot(), (e) => e.kind === 'io' && e.message === 'undefined');
});

test('on() subscribes with the event name and hands over the payload only', async () => {
  const seen = [];
  const unlisten = await api.on('packet-progress', (p) => seen.push(p));
  assert.deepEqual(last(), { listen: 'packet-progress' });
  globalThis.__emit({ stage: 'exhibits', done: 2, total: 5 });
  assert.deepEqual(seen, [{ stage: 'exhibits', done: 2, total: 5 }]);
  assert.equal(unlisten(), 'unlistened');
});

test('onFileDrop reports hovering and dropped paths', async () => {
  const dropped = [];
  const hover = [];
  await api.onFileDrop((paths) => dropped.push(paths), (h) => hover.push(h));
  globalThis.__drag({ type: 'enter', paths: ['a.pdf'] });
  globalThis.__drag({ type: 'over', position: { x: 1, y: 1 } });
  globalThis.__drag({ type: 'leave' });
  globalThis.__drag({ type: 'drop', paths: ['C:\\a.pdf', 'C:\\b.png'] });
  globalThis.__drag({ type: 'drop' });
  assert.deepEqual(hover, [true, true, false, false, false]);
  assert.deepEqual(dropped, [['C:\\a.pdf', 'C:\\b.png'], []]);
});

test('index.html preloads every module the app imports, and nothing else', async () => {
  const { readFile, readdir } = await import('node:fs/promises');
  const ui = new URL('../../ui/', import.meta.url);
  const html = await readFile(new URL('index.html', ui), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const source = async (file) => readFile(new URL(file, ui), 'utf8');
  // The modules `roots` import, directly or not (static imports only).
  const imports = async (roots) => {
    const found = new Set();
    const queue = [...roots];
    while (queue.length) {
      for (const m of (await source(queue.pop())).matchAll(/^import .* from '\.\/([^']+)';$/gm)) {
        if (!found.has(m[1])) { found.add(m[1]); queue.push(m[1]); }
      }
    }
    return found;
  };
  const atStart = await imports(['app.js']);
  assert.deepEqual(preloaded, [...atStart].sort());
  // The screens fetched on first visit (app.js SCREENS): imported by no module loaded at start.
  const lazy = [...(await source('app.js')).matchAll(/import\('\.\/([^']+)'\)/g)].map((m) => m[1]).sort();
  assert.deepEqual(lazy, ['screen-education.js', 'screen-evidence.js', 'screen-experience.js', 'screen-intake.js', 'screen-membership.js', 'screen-packet.js', 'screen-profile.js']);
  for (const file of lazy) assert.ok(!atStart.has(file), `${file} is fetched on first visit, yet a module loaded at start imports it`);
  // And every module is used by one or the other.
  const used = new Set(['app.js', ...atStart, ...lazy, ...await imports(lazy)]);
  assert.deepEqual((await readdir(ui)).filter((f) => f.endsWith('.js') && !used.has(f)), []);
});

test('startupReport sends the page clock and marks', async () => {
  await api.startupReport(412.5, { 'clerkfolio:painted': 400 });
  assert.deepEqual(last(), { command: 'startup_report', args: { now: 412.5, marks: { 'clerkfolio:painted': 400 } } });
});
