// A stand-in for the Tauri backend, for looking at the UI in a plain browser. Classic script
// (loaded before ui/app.js) so it is honest under the real CSP: no inline code.
// Query parameters pick a scenario:
//   ?firstrun      no portfolio yet (welcome screen)
//   ?empty         an empty portfolio
//   ?cmc           a CMC designation recorded (the dashboard follows the MMC)
//   ?fail=COMMAND  that command rejects with { kind, message }
//   #screen        the screen to show first
(function () {
  const params = new URLSearchParams(location.search);
  const demo = JSON.parse(JSON.stringify(window.CLERKFOLIO_DEMO));
  const db = {
    info: { ...demo.info, has_portfolio: !params.has('firstrun') },
    profile: demo.profile,
    education: demo.education,
    experience: demo.experience,
    membership: demo.membership,
    designations: demo.designations,
    evidence: demo.evidence,
    reminders: demo.reminders,
    backup: {
      automatic: true, folder: 'E:\\Clerkfolio Backups', default_folder: false, folder_exists: true, same_disk: false, backups: 4,
      last: { file: 'E:\\Clerkfolio Backups\\Clerkfolio backup 2026-11-20.zip', day: '2026-11-20', bytes: 79042, created_at: '2026-11-20T15:02:11Z', app_version: demo.info.version,
        records: { education: 5, experience: 4, membership: 3, designation: 0, evidence: 6 }, files: 7, problem: null },
      days_since_last: 0, warnings: [],
    },
  };
  if (params.has('empty')) {
    Object.assign(db, { education: [], experience: [], membership: [], evidence: [], reminders: [] });
    db.profile = { full_name: '', title: '', municipality: '', state: '', country: '', address: '', email: '', phone: '', member_id: '', ethics_affirmed: null };
  }
  if (params.has('cmc')) db.designations = [{ id: 1, program: 'cmc', awarded_on: '2026-06-15', evidence: null }];
  const listeners = new Map();
  const emit = (event, payload) => (listeners.get(event) || []).forEach((cb) => cb({ event, payload }));
  const delay = (ms) => new Promise((r) => setTimeout(r, ms));
  let nextId = 100;

  function floorHalf(x) { return Math.floor(x * 2) / 2; }
  function recordPoints(kind, changes, program) {
    const title = changes.title || '';
    const dated = changes.end || changes.start || '2026-11-20';
    if (program === 'mmc' && !db.designations.some((d) => d.program === 'cmc')) {
      return { record: kind, id: 0, title, dated, item: '', raw: 0, points: 0, counted: 0, basis: 'excluded', excluded: 'counts only once the CMC is awarded (none recorded)', warnings: [] };
    }
    if (changes.entered) return { record: kind, id: 0, title, dated, item: 'x', raw: changes.entered.points, points: changes.entered.points, counted: changes.entered.points, basis: kind === 'experience' ? 'claimed' : 'entered', excluded: null, warnings: [] };
    const hours = Number(changes.hours) || 0;
    if (kind === 'education' && ['institute', 'academy'].includes(changes.category)) {
      const p = floorHalf(hours / 2);
      return { record: kind, id: 0, title, dated, item: 'institute', raw: hours / 2, points: p, counted: p, basis: 'estimate', excluded: null, warnings: [] };
    }
    if (kind === 'education' && changes.category === 'association') {
      if (!changes.assessment) return { record: kind, id: 0, title, dated, item: 'association', raw: 0, points: 0, counted: 0, basis: 'excluded', excluded: 'no learning assessment: IIMC-reviewed association programs require one', warnings: [] };
      const p = Math.max(0.5, floorHalf(hours / 4));
      return { record: kind, id: 0, title, dated, item: 'association', raw: hours / 4, points: p, counted: p, basis: 'computed', excluded: null, warnings: [] };
    }
    return { record: kind, id: 0, title, dated, item: 'other', raw: 0, points: 0, counted: 0, basis: 'not-entered', excluded: null, warnings: ['the program publishes no schedule for this category: enter the points you were awarded or claim'] };
  }
  function preview(kind, changes) {
    return [
      { program: 'cmc', program_name: 'Certified Municipal Clerk (CMC)', points: recordPoints(kind, changes, 'cmc') },
      { program: 'mmc', program_name: 'Master Municipal Clerk (MMC)', points: recordPoints(kind, changes, 'mmc') },
    ];
  }
  function save(list, id, changes, shape) {
    if (id === null || id === undefined) {
      const record = { id: nextId++, ...shape, ...changes };
      delete record.clear_end; delete record.clear_points; delete record.member_type;
      if (changes.member_type) record.type = changes.member_type;
      list.push(record);
      return record.id;
    }
    const record = list.find((r) => r.id === id);
    if (!record) throw { kind: 'not_found', message: `no record ${id}` };
    Object.assign(record, changes);
    if (changes.clear_end) record.end = null;
    if (changes.clear_points) record.entered = null;
    if (changes.member_type) record.type = changes.member_type;
    delete record.clear_end; delete record.clear_points; delete record.member_type;
    return id;
  }

  function statusOf(program) {
    if (params.has('empty')) {
      const s = JSON.parse(JSON.stringify(demo.status[program]));
      for (const r of s.requirements) { r.earned = 0; r.met = false; r.records = []; r.items.forEach((i) => { i.earned = 0; i.uncapped = 0; }); }
      s.membership = { ...s.membership, active: false, met: false, years_met: false, continuous_since: null, eligible_on_continuous: null, eligible_on_cumulative: null, lapses: [], current_type: null };
      s.missing = ['Education: 60 more points needed (0 of 60).', 'Experience: 50 more points needed (0 of 50).', 'No active IIMC membership: record your membership (`clerkfolio membership add --type full --start YYYY-MM-DD`).'];
      s.checks.forEach((c) => { c.met = false; });
      s.eligible_on = null;
      return s;
    }
    const s = JSON.parse(JSON.stringify(demo.status[program]));
    if (program === 'mmc' && params.has('cmc')) {
      s.missing = s.missing.filter((m) => !m.startsWith('CMC designation'));
      s.checks.forEach((c) => { if (c.id === 'prerequisite:cmc') { c.met = true; c.detail = 'CMC awarded 2026-06-15'; } });
      s.requirements[0].earned = 6; s.requirements[0].items[0].earned = 6;
    }
    return s;
  }

  const handlers = {
    start_demo: () => { db.info.has_portfolio = true; return null; },
    start_empty: () => { db.info.has_portfolio = true; return null; },
    profile_save: ({ changes }) => { Object.assign(db.profile, changes); return db.profile; },
    snapshot: () => ({
      info: db.info, programs: demo.programs, profile: db.profile, education: db.education, experience: db.experience,
      membership: db.membership, designations: db.designations, evidence: db.evidence, reminders: db.reminders,
      // As the shell: the programs the screens show (commands.rs SHOWN).
      status: Object.fromEntries(['cmc', 'mmc'].map((id) => [id, statusOf(id)])),
    }),
    education_save: ({ id, changes, files }) => {
      const newId = save(db.education, id, changes, { title: '', provider: '', category: '', certificate: '', start: '', end: null, hours: 0, entered: null, learned: '', level: null, assessment: false, evidence: [] });
      const record = db.education.find((r) => r.id === newId);
      for (const f of files || []) record.evidence.push(addEvidence(f, `education ${newId}`));
      return newId;
    },
    education_remove: ({ id }) => { db.education = db.education.filter((r) => r.id !== id); return null; },
    education_preview: ({ changes }) => preview('education', changes),
    experience_save: ({ id, changes, files, letter }) => {
      const newId = save(db.experience, id, changes, { category: '', title: '', organisation: '', start: '', end: null, entered: null, notes: '', evidence: [], letters: [] });
      const record = db.experience.find((r) => r.id === newId);
      for (const f of files || []) record.evidence.push(addEvidence(f, `experience ${newId}`));
      if (letter) record.letters.push(addEvidence(letter, `experience ${newId} (employment letter)`));
      return newId;
    },
    experience_remove: ({ id }) => { db.experience = db.experience.filter((r) => r.id !== id); return null; },
    experience_preview: ({ changes }) => preview('experience', changes),
    membership_save: ({ id, changes }) => save(db.membership, id, changes, { type: 'full', organisation: 'IIMC', start: '', end: null }),
    membership_remove: ({ id }) => { db.membership = db.membership.filter((r) => r.id !== id); return null; },
    designation_add: ({ program, date }) => { db.designations.push({ id: nextId++, program, awarded_on: date, evidence: null }); return null; },
    designation_remove: ({ id }) => { db.designations = db.designations.filter((d) => d.id !== id); return null; },
    evidence_add: ({ path, to }) => addEvidence(path, to ? to.replace(':', ' ') : null),
    evidence_remove: ({ id }) => {
      const e = db.evidence.find((x) => x.id === id);
      if (e && e.used_by.length) throw { kind: 'refused', message: `${e.original_name} backs ${e.used_by.join(', ')}: detach it first` };
      db.evidence = db.evidence.filter((x) => x.id !== id);
      return null;
    },
    evidence_open: () => null,
    evidence_thumbnail: ({ id }) => { const e = db.evidence.find((x) => x.id === id); return e && e.type !== 'pdf' ? window.CLERKFOLIO_THUMB : null; },
    pick_files: () => ['C:\\Users\\rcastaneda\\Documents\\Certificates\\Records Retention webinar certificate.pdf'],
    pick_save: ({ suggested }) => `C:\\Users\\rcastaneda\\Documents\\${suggested}`,
    pick_open: ({ kind }) => (kind === 'csv' ? 'C:\\Users\\rcastaneda\\Documents\\Training log.csv' : 'C:\\Users\\rcastaneda\\Documents\\Clerkfolio backup 2026-11-01.zip'),
    packet_check: () => (params.has('empty') ? [] : demo.check),
    packet_generate: async ({ path }) => {
      const stages = ['application pages', 'exhibits', 'bookmarks', 'writing'];
      for (let i = 0; i < 8; i += 1) {
        emit('packet-progress', { stage: stages[Math.min(3, Math.floor(i / 2))], done: i + 1, total: 8 });
        await delay(params.has('slow') ? 1500 : 60);
      }
      return { path, pages: 14, generated_pages: 8, exhibits: 6, bytes: 187_532, skipped: [{ exhibit: 'E-06', file: 'IIMC-Conference-2024-badge.jpg', reason: 'changed since it was added (hash mismatch)' }], folder_files: [] };
    },
    open_path: () => null,
    reveal_path: () => null,
    reminder_dismiss: ({ id }) => { const r = db.reminders.find((x) => x.id === id); if (r) r.dismissed = true; return `dismissed ${id}`; },
    reminder_snooze: ({ id, until }) => { const r = db.reminders.find((x) => x.id === id); if (r) r.snoozed_until = until; return `snoozed ${id}`; },
    calendar_export: () => 3,
    backup_create: () => null,
    backup_restore: () => null,
    // A clerk on Windows whose backups go to a USB stick (E:), the last one made today.
    backup_status: () => ({ status: db.backup, error: null }),
    backup_now: () => ({ folder: db.backup.folder, made: { file: `${db.backup.folder}\\Clerkfolio backup 2026-11-20.zip` }, reason: 'a backup was asked for', removed: [], backups: 4 }),
    backup_list: () => ({ folder: db.backup.folder, backups: ['2026-11-20', '2026-11-19', '2026-11-15', '2026-11-08'].map((day) => ({
      ...db.backup.last, day, file: `${db.backup.folder}\\Clerkfolio backup ${day}.zip` })) }),
    backup_settings_save: ({ automatic, folder }) => { Object.assign(db.backup, { automatic, folder: folder || db.backup.folder, default_folder: !folder }); return { automatic, folder }; },
    pick_folder: () => 'E:\\Clerkfolio Backups',
    import_preview: ({ path }) => ({
      file: path,
      rows: [
        { line: 2, record: 'education', title: 'Parliamentary procedure webinar', date: '2025-09-12', hours: 1.5, category: 'webinar' },
        { line: 4, record: 'experience', title: 'Election coordinator', start: '2022-01-01', category: 'service' },
      ],
      problems: [{ line: 3, message: 'an education record needs contact hours (column hours)' }],
    }),
    import_apply: ({ skipInvalid }) => {
      if (!skipInvalid) throw { kind: 'invalid', message: 'Training log.csv: 1 of 3 rows are invalid; nothing was imported.' };
      return { education: 1, experience: 1, skipped: 1 };
    },
    export_records: ({ path }) => ({ path, education: db.education.length, experience: db.experience.length }),
  };

  function addEvidence(path, use) {
    const name = String(path).split(/[\\/]/).pop();
    const type = /\.png$/i.test(name) ? 'png' : /\.jpe?g$/i.test(name) ? 'jpeg' : 'pdf';
    const e = { id: nextId++, sha256: 'f'.repeat(64), original_name: name, type, size: 48213, pages: 1, added_at: '2026-11-20T15:02:11Z', used_by: use ? [use] : [] };
    db.evidence.push(e);
    if (use) {
      const [kind, id] = use.split(' ');
      const list = kind === 'education' ? db.education : kind === 'experience' ? db.experience : [];
      const record = list.find((r) => r.id === Number(id));
      if (record && !record.evidence.includes(e.id)) record.evidence.push(e.id);
    }
    return e.id;
  }

  window.__TAURI__ = {
    core: {
      invoke: async (command, args = {}) => {
        await delay(5);
        if (params.get('fail') === command) throw { kind: 'io', message: `The disk is full: ${command} could not write (stub failure).` };
        const handler = handlers[command];
        if (!handler) throw `unknown command ${command}`;
        return JSON.parse(JSON.stringify(await handler(args) ?? null));
      },
    },
    event: {
      listen: async (event, cb) => {
        if (!listeners.has(event)) listeners.set(event, []);
        listeners.get(event).push(cb);
        return () => listeners.set(event, listeners.get(event).filter((x) => x !== cb));
      },
    },
    webview: {
      getCurrentWebview: () => ({
        onDragDropEvent: async (cb) => {
          window.__harnessDrag = (payload) => cb({ payload });
          return () => {};
        },
      }),
    },
  };
  window.__harnessEmit = emit;
}());
