// Unit tests of ui/logic.js: run with `node --test tests/ui/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as L from '../../ui/logic.js';

const demo = JSON.parse(readFileSync(new URL('./fixtures/demo.json', import.meta.url), 'utf8'));
const clone = (x) => JSON.parse(JSON.stringify(x));

test('fmtPoints keeps at most two decimals and drops trailing zeros', () => {
  assert.equal(L.fmtPoints(61.5), '61.5');
  assert.equal(L.fmtPoints(60), '60');
  assert.equal(L.fmtPoints(1.625), '1.63');
  assert.equal(L.fmtPoints(0), '0');
  assert.equal(L.fmtPoints(-0), '0');
  assert.equal(L.fmtPoints(null), '—');
  assert.equal(L.pointsText(1), '1 point');
  assert.equal(L.pointsText(0.5), '0.5 points');
});

test('dates: validity, display, ranges, arithmetic', () => {
  assert.ok(L.isIsoDate('2024-02-29'));
  assert.ok(!L.isIsoDate('2023-02-29'));
  assert.ok(!L.isIsoDate('2023-13-01'));
  assert.ok(!L.isIsoDate('03/20/2023'));
  assert.ok(!L.isIsoDate(''));
  assert.equal(L.fmtDate('2023-03-20'), 'Mar 20, 2023');
  assert.equal(L.fmtDate('2026-11-24T11:33:42Z'), 'Nov 24, 2026');
  assert.equal(L.fmtDate(null), '');
  assert.equal(L.fmtRange('2023-01-01', null), 'Jan 1, 2023 – present');
  assert.equal(L.fmtRange('2024-05-19', '2024-05-22'), 'May 19, 2024 – May 22, 2024');
  assert.equal(L.fmtRange('2024-05-19', '2024-05-19'), 'May 19, 2024');
  assert.equal(L.addDays('2026-11-20', 7), '2026-11-27');
  assert.equal(L.addDays('2024-02-28', 1), '2024-02-29');
  assert.equal(L.addDays('2026-12-30', 3), '2027-01-02');
  assert.equal(L.localToday(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
});

test('fmtSize reads like Explorer', () => {
  assert.equal(L.fmtSize(1), '1 byte');
  assert.equal(L.fmtSize(812), '812 bytes');
  assert.equal(L.fmtSize(1180), '1.2 KB');
  assert.equal(L.fmtSize(66633), '65.1 KB');
  assert.equal(L.fmtSize(187532), '183 KB');
  assert.equal(L.fmtSize(3.4 * 1024 * 1024), '3.4 MB');
});

test('fmtDaysUntil', () => {
  assert.equal(L.fmtDaysUntil(0), 'today');
  assert.equal(L.fmtDaysUntil(1), 'tomorrow');
  assert.equal(L.fmtDaysUntil(12), 'in 12 days');
  assert.equal(L.fmtDaysUntil(-1), '1 day overdue');
  assert.equal(L.fmtDaysUntil(-35), '35 days overdue');
});

test('platformClass picks the Linux font stack for WebKitGTK only', () => {
  assert.equal(L.platformClass('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15'), 'linux');
  assert.equal(L.platformClass('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0'), null);
  assert.equal(L.platformClass('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)'), null);
  assert.equal(L.platformClass('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36'), null);
  assert.equal(L.platformClass(undefined), null);
});

test('engine words reach the screens without command-line hints: they travel apart', () => {
  const reminder = demo.reminders.find((r) => r.kind === 'missing-certificate');
  assert.ok(reminder.detail.endsWith('documentation: attach it.'), reminder.detail);
  assert.ok(!reminder.detail.includes('clerkfolio'), reminder.detail);
  assert.match(reminder.hint, /^clerkfolio evidence add FILE --to education:\d+$/);
  const [shown] = L.remindersView([reminder], demo.info.today);
  assert.equal(shown.detail, reminder.detail);
  for (const text of [...demo.status.cmc.missing, ...demo.reminders.map((r) => r.detail), ...demo.check.map((f) => f.message)]) {
    assert.ok(!text.includes('`clerkfolio') && !text.includes('(--'), text);
  }
});

test('labels never turn an estimate or a claim into IIMC’s word', () => {
  assert.equal(L.statusLabel('verified'), 'IIMC rule');
  assert.equal(L.statusLabel('inferred'), 'estimate');
  assert.equal(L.statusLabel('open'), 'claimed');
  assert.equal(L.basisLabel('estimate'), 'estimate');
  assert.equal(L.basisLabel('claimed'), 'claimed');
  assert.equal(L.basisLabel('excluded'), 'not counted');
  assert.equal(L.memberTypeLabel('additional-full'), 'Additional Full');
});

test('filterRows: every word, case- and accent-insensitive', () => {
  const rows = demo.education;
  const text = (r) => `${r.title} ${r.provider}`;
  assert.equal(L.filterRows(rows, '', text).length, 5);
  assert.deepEqual(L.filterRows(rows, 'institute year 2', text).map((r) => r.id), [2]);
  assert.deepEqual(L.filterRows(rows, 'ELECTION', text).map((r) => r.id), [4]);
  assert.equal(L.filterRows(rows, 'nothing like this', text).length, 0);
  const people = [{ name: 'Renée Castañeda-Wójcik' }, { name: 'Jordan Ellis' }];
  assert.deepEqual(L.filterRows(people, 'renee castaneda', (r) => r.name).map((r) => r.name), ['Renée Castañeda-Wójcik']);
});

test('sortRows: numbers, text, dates, both directions, blanks last, stable', () => {
  const rows = [
    { id: 1, hours: 40, title: 'b', end: '2023-03-24' },
    { id: 2, hours: 6.5, title: 'A', end: null },
    { id: 3, hours: 40, title: 'c', end: '2022-01-01' },
    { id: 4, hours: 1.5, title: 'a10', end: '2025-01-01' },
    { id: 5, hours: 1.5, title: 'a9', end: '' },
  ];
  assert.deepEqual(L.sortRows(rows, (r) => r.hours, 'asc').map((r) => r.id), [4, 5, 2, 1, 3]);
  assert.deepEqual(L.sortRows(rows, (r) => r.hours, 'desc').map((r) => r.id), [1, 3, 2, 4, 5]);
  assert.deepEqual(L.sortRows(rows, (r) => r.title, 'asc').map((r) => r.id), [2, 5, 4, 1, 3]);
  assert.deepEqual(L.sortRows(rows, (r) => r.end, 'asc').map((r) => r.id), [3, 1, 4, 2, 5]);
  assert.deepEqual(L.sortRows(rows, (r) => r.end, 'desc').map((r) => r.id), [4, 1, 3, 2, 5]);
  assert.deepEqual(rows.map((r) => r.id), [1, 2, 3, 4, 5], 'input untouched');
});

test('nextSort flips the same column and starts a new one ascending', () => {
  assert.deepEqual(L.nextSort(null, 'date'), { column: 'date', direction: 'asc' });
  assert.deepEqual(L.nextSort({ column: 'date', direction: 'asc' }, 'date'), { column: 'date', direction: 'desc' });
  assert.deepEqual(L.nextSort({ column: 'date', direction: 'desc' }, 'date'), { column: 'date', direction: 'asc' });
  assert.deepEqual(L.nextSort({ column: 'date', direction: 'desc' }, 'title'), { column: 'title', direction: 'asc' });
});

test('categoryOptions: union across programs, first label wins, labels shortened on demand', () => {
  const edu = L.categoryOptions(demo.programs, 'education');
  const ids = edu.map((o) => o.value);
  assert.ok(ids.includes('institute') && ids.includes('webinar') && ids.includes('degree-bachelor-related'));
  assert.equal(new Set(ids).size, ids.length, 'no duplicates');
  assert.equal(edu.find((o) => o.value === 'institute').label, demo.programs[0].categories.education.institute);
  assert.equal(L.shortLabel(L.categoryLabel(demo.programs, 'education', 'institute')), 'Municipal Clerks Institute session');
  assert.equal(L.categoryLabel(demo.programs, 'education', 'unknown-id'), 'unknown-id');
  assert.ok(L.categoryOptions(demo.programs, 'experience').some((o) => o.value === 'conference-iimc'));
  assert.deepEqual([...L.letterCategories(demo.programs)].sort(), ['service', 'service-business', 'service-government', 'service-local-other']);
});

test('dashboardPrograms follows the CMC, then the MMC', () => {
  assert.deepEqual(L.dashboardPrograms([]), ['cmc']);
  assert.deepEqual(L.dashboardPrograms([{ program: 'cmc' }]), ['mmc']);
  assert.deepEqual(L.dashboardPrograms([{ program: 'cmc' }, { program: 'mmc' }]), []);
});

test('designations: the CMC, then its recertifications, and the MMC; the EPP once the MMC is held', () => {
  assert.deepEqual(L.designationOptions([]).map((o) => o.value), ['cmc', 'mmc']);
  const cmc = { program: 'cmc', recertification: false };
  assert.deepEqual(L.designationOptions([cmc]).map((o) => o.value), ['cmc-recert', 'mmc']);
  const recert = { program: 'cmc', recertification: true };
  assert.deepEqual(L.designationOptions([cmc, recert, { program: 'mmc' }]).map((o) => o.value), ['cmc-recert']);
  assert.equal(L.designationName(recert), 'CMC recertification');
  assert.ok(L.validateDesignation({ program: 'cmc-recert', date: '2026-06-15' }).valid);
  assert.ok(!L.followsEpp([cmc]) && L.followsEpp([cmc, { program: 'mmc' }]));
  assert.equal(L.cutoffText({ cutoff: { date: '2024-05-02', designation: 'cmc-recert', reason: 'points dated after 2024-05-02, your CMC recertification' } }),
    'Cut-off: points dated after 2024-05-02, your CMC recertification.');
  assert.equal(L.cutoffText({ cutoff: null }), null);
});

test('eppView and the hours card: the cycle containing the day', () => {
  const progress = {
    program: 'epp', cycle: { start: '2025-07-01', end: '2027-07-31', counts_from: '2025-08-01', enrolment_end: '2025-07-31' },
    requirements: [{ id: 'hours', label: 'Education hours in the cycle', earned: 18, required: 30, unit: 'hours', met: false, planned: 0, items: [], records: [] }],
  };
  const view = L.eppView(progress);
  assert.equal(view.state, 'expected');
  assert.equal(view.headline, 'Education PLUS: 12 more hours by Jul 31, 2027');
  assert.equal(view.lines[0], 'Cycle Jul 1, 2025 – Jul 31, 2027; enrolment Jul 1, 2025 – Jul 31, 2025.');
  assert.match(view.lines[2], /Activities from Jul 1, 2025 to Jul 31, 2025 count toward the cycle that ended then/);
  const [card] = L.requirementCards(progress);
  assert.equal(card.summary, '12 more hours needed');
  progress.requirements[0] = { ...progress.requirements[0], earned: 31, met: true };
  assert.equal(L.eppView(progress).headline, 'Education PLUS: this cycle’s 30 hours are done');
  assert.equal(L.requirementCards(progress)[0].summary, 'Met: 31 of 30 hours');
  assert.equal(L.eppView({ cycle: null, requirements: [] }), null);
});

test('requirementCards from the demo status', () => {
  const cards = L.requirementCards(demo.status.cmc);
  assert.deepEqual(cards.map((c) => c.id), ['education', 'experience']);
  const [edu, exp] = cards;
  assert.equal(edu.earned, 61.5);
  assert.equal(edu.fraction, 1, 'over the requirement caps at a full ring');
  assert.ok(edu.met);
  assert.equal(edu.summary, 'Met: 61.5 of 60 points');
  assert.deepEqual(edu.caveats, ['includes estimates'], 'the webinar counts 0 so its claim does not show');
  assert.equal(exp.fraction, 44 / 50);
  assert.equal(exp.percent, 88);
  assert.equal(exp.summary, '6 more points needed');
  assert.deepEqual(exp.caveats, ['includes claimed points']);
  assert.deepEqual(edu.items.map((i) => [i.id, i.statusText]), [['institute', 'estimate'], ['association', 'IIMC rule'], ['other-education', 'claimed']],
    'the items her records fall under, each with its standing (no row of zeros for sponsors she has none of)');
  assert.equal(L.requirementCards(null).length, 0);
});

test('eligibilityView: not yet, expected, eligible', () => {
  const notYet = L.eligibilityView(demo.status.cmc, '2026-11-20');
  assert.equal(notYet.state, 'not-yet');
  assert.match(notYet.headline, /Not yet eligible for the CMC/);
  assert.match(notYet.detail, /One thing is still to do/);

  const expected = clone(demo.status.cmc);
  expected.eligible_on = '2027-02-01';
  const e = L.eligibilityView(expected, '2026-11-20');
  assert.equal(e.state, 'expected');
  assert.equal(e.headline, 'Expected to be eligible on Feb 1, 2027');
  assert.match(e.detail, /estimate/);

  const eligible = clone(demo.status.cmc);
  eligible.eligible = true;
  eligible.eligible_on = '2026-10-01';
  const ok = L.eligibilityView(eligible, '2026-11-20');
  assert.equal(ok.state, 'eligible');
  assert.match(ok.detail, /Oct 1, 2026/);
});

test('membershipView explains the continuous reading and the lapse', () => {
  const v = L.membershipView({ ...demo.status.cmc.membership, as_of: '2026-11-20' });
  assert.equal(v.headline, '2 years reached');
  assert.ok(v.met);
  assert.ok(v.estimate, 'the continuity reading is open: flagged');
  assert.ok(v.lines.some((l) => l.includes('May 31, 2023') && l.includes('IIMC does not say')));
  assert.ok(v.lines.some((l) => l === 'Lapse: Feb 1, 2022 – May 31, 2022.'));
  const associate = L.membershipView({ ...demo.status.cmc.membership, type_allowed: false, current_type: 'associate', met: false });
  assert.equal(associate.headline, 'Associate members cannot certify');
  const none = L.membershipView({ ...demo.status.cmc.membership, active: false });
  assert.equal(none.headline, 'No active IIMC membership');
});

test('remindersView hides dismissed and snoozed ones and orders by date', () => {
  const list = clone(demo.reminders);
  list.push({ ...list[1], id: 'x:snoozed', due: '2026-12-01', snoozed_until: '2026-12-01' });
  list.push({ ...list[1], id: 'x:dismissed', due: '2026-11-25', dismissed: true });
  list.push({ ...list[1], id: 'x:woke', due: '2026-11-22', days_until: 2, snoozed_until: '2026-11-19' });
  const view = L.remindersView(list, '2026-11-20');
  assert.deepEqual(view.map((r) => r.id), ['certificate:education:5', 'x:woke', 'anniversary:membership:2:2027', 'anniversary:membership:3:2027']);
  assert.equal(view[0].tone, 'overdue');
  assert.equal(view[0].when, '35 days overdue');
  assert.equal(view[0].screen, 'evidence');
  assert.ok(!view[0].detail.includes('clerkfolio'));
  assert.equal(view[1].tone, 'soon');
  assert.equal(view[2].tone, 'later');
});

test('recentActivity: most recent dates first, across kinds', () => {
  const rows = L.recentActivity(demo.education, demo.experience, demo.membership, 4);
  assert.equal(rows.length, 4);
  assert.deepEqual(rows.map((r) => `${r.kind}:${r.id}`), ['education:5', 'education:4', 'experience:4', 'education:3']);
  const current = L.recentActivity([], [{ id: 9, title: 'City Clerk', organisation: 'X', start: '2027-01-01', end: null }], [], 5);
  assert.equal(current[0].date, '2027-01-01');
});

test('recordsWithoutEvidence: letters count for a position', () => {
  const list = L.recordsWithoutEvidence(demo.education, demo.experience);
  assert.deepEqual(list.map((r) => r.target), ['education:5', 'experience:1', 'experience:4']);
  // Matches the engine's preflight (packet --check) for the same portfolio.
  const engine = demo.check.filter((f) => f.kind === 'no-evidence').length;
  assert.equal(list.length, engine);
});

test('describeUse names records for people', () => {
  assert.equal(L.describeUse('education 1', demo.education, demo.experience), 'Education: Minnesota Municipal Clerks Institute, Year 1');
  assert.equal(L.describeUse('experience 2 (employment letter)', demo.education, demo.experience), 'Experience: City Clerk (employment letter)');
  assert.equal(L.describeUse('education 99', demo.education, demo.experience), 'Education: #99');
  assert.equal(L.describeUse('something else', [], []), 'something else');
  assert.equal(L.fileName('C:\\Users\\me\\Docs\\cert.pdf'), 'cert.pdf');
  assert.equal(L.fileName('/home/me/cert.pdf'), 'cert.pdf');
});

test('groupFindings: fixed order, plain words, unknown kinds last', () => {
  const groups = L.groupFindings([
    ...demo.check,
    { kind: 'brand-new', message: 'x' },
    { kind: 'missing-file', message: 'E-02 gone' },
  ]);
  assert.deepEqual(groups.map((g) => g.kind), ['requirement', 'missing-file', 'no-evidence', 'brand-new']);
  assert.equal(groups[2].items.length, 3);
  assert.equal(groups[1].items[0], 'E-02 gone');
  assert.deepEqual(L.groupFindings([]), []);
});

test('packet names and report', () => {
  assert.equal(L.packetFileName(demo.profile, 'cmc'), 'Renée Castañeda-Wójcik CMC Application Packet.pdf');
  assert.equal(L.packetFileName({ full_name: 'A/B: "C"' }, 'mmc'), 'A B C MMC Application Packet.pdf');
  assert.equal(L.packetFileName({ full_name: '' }, 'cmc'), 'CMC Application Packet.pdf');
  const r = L.packetReportView({ path: 'C:\\x\\P.pdf', pages: 14, generated_pages: 8, exhibits: 1, bytes: 187532, skipped: [{ exhibit: 'E-06', file: 'a.jpg', reason: 'changed' }] });
  assert.equal(r.name, 'P.pdf');
  assert.equal(r.summary, '14 pages: 8 application pages and 1 exhibit, 183 KB');
  assert.deepEqual(r.skipped, [{ exhibit: 'E-06', file: 'a.jpg', reason: 'changed' }]);
  assert.deepEqual(L.progressView({ stage: 'exhibits', done: 3, total: 8 }), { fraction: 3 / 8, text: 'Exhibits: 3 of 8' });
  assert.deepEqual(L.progressView({ stage: 'writing', done: 0, total: 0 }), { fraction: 0, text: 'Writing' });
  assert.equal(L.progressView({ stage: 'x', done: 12, total: 8 }).fraction, 1);
});

test('previewLines: points, basis and exclusions per program', () => {
  const lines = L.previewLines([
    { program: 'cmc', program_name: 'Certified Municipal Clerk (CMC)', points: { basis: 'estimate', points: 6, excluded: null, warnings: [] } },
    { program: 'mmc', program_name: 'Master Municipal Clerk (MMC)', points: { basis: 'excluded', points: 0, excluded: 'counts only once the CMC is awarded (none recorded)', warnings: [] } },
    { program: 'mn-cmc', program_name: 'MN', points: null },
  ]);
  assert.equal(lines[0].text, '6 points');
  assert.equal(lines[0].basisText, 'estimate');
  assert.ok(!lines[0].excluded);
  assert.ok(lines[1].excluded);
  assert.equal(lines[1].text, 'not counted: counts only once the CMC is awarded (none recorded)');
  assert.equal(lines[2].text, 'does not count for this program');
});

test('debounce calls once, after the last call, with its arguments', async () => {
  const calls = [];
  const d = L.debounce((x) => calls.push(x), 20);
  d(1); d(2); d(3);
  assert.deepEqual(calls, []);
  await new Promise((r) => setTimeout(r, 50));
  assert.deepEqual(calls, [3]);
  d(4);
  d.cancel();
  await new Promise((r) => setTimeout(r, 40));
  assert.deepEqual(calls, [3]);
});

test('validateEducation: required fields, dates, hours, entered points', () => {
  const empty = L.validateEducation({});
  assert.ok(!empty.valid);
  assert.deepEqual(Object.keys(empty.errors).sort(), ['category', 'hours', 'provider', 'start', 'title']);

  const good = L.validateEducation({ title: ' Academy ', provider: 'MCFOA', category: 'academy', start: '2026-10-01', end: '', hours: '12', level: 'advanced', assessment: true, certificate: '', learned: '' });
  assert.ok(good.valid, JSON.stringify(good.errors));
  assert.deepEqual(good.changes, { title: 'Academy', provider: 'MCFOA', category: 'academy', start: '2026-10-01', hours: 12, certificate: '', learned: '', level: 'advanced', assessment: true, sponsor: 'unknown' });
  assert.equal(L.validateEducation({ ...good.changes, hours: '12', sponsor: 'state-association' }).changes.sponsor, 'state-association');
  assert.match(L.validateEducation({ ...good.changes, hours: '12', sponsor: 'county' }).errors.sponsor, /who sponsored/);
  assert.equal(L.educationFormValues({ sponsor: 'unknown' }).sponsor, '', 'not recorded shows as the empty choice');
  assert.equal(L.educationFormValues({ sponsor: 'university' }).sponsor, 'university');

  const base = { title: 't', provider: 'p', category: 'course', start: '2026-10-01', hours: '3' };
  assert.match(L.validateEducation({ ...base, hours: '-1' }).errors.hours, /0 or more/);
  assert.match(L.validateEducation({ ...base, hours: 'abc' }).errors.hours, /number/);
  assert.equal(L.validateEducation({ ...base, hours: '0' }).changes.hours, 0);
  assert.match(L.validateEducation({ ...base, start: '2026-02-30' }).errors.start, /YYYY-MM-DD/);
  assert.match(L.validateEducation({ ...base, end: '2026-09-01' }).errors.end, /before the start/);
  assert.match(L.validateEducation({ ...base, enter_points: true, points: '3' }).errors.reason, /where the points come from/);
  assert.match(L.validateEducation({ ...base, enter_points: true, points: '', reason: 'x' }).errors.points, /Enter the points/);
  const entered = L.validateEducation({ ...base, enter_points: true, points: '2.5', reason: 'stated on the certificate' });
  assert.deepEqual(entered.changes.entered, { points: 2.5, reason: 'stated on the certificate' });
});

test('validateEducation on edit clears what was emptied', () => {
  const original = demo.education[0];
  const values = { ...L.educationFormValues(original), end: '', enter_points: false };
  const r = L.validateEducation(values, { ...original, entered: { points: 20, reason: 'x' } });
  assert.ok(r.valid);
  assert.equal(r.changes.clear_end, true);
  assert.equal(r.changes.clear_points, true);
  assert.ok(!('end' in r.changes));
  // Untouched values round-trip.
  const same = L.validateEducation(L.educationFormValues(original), original);
  assert.equal(same.changes.end, original.end);
  assert.equal(same.changes.hours, 40);
  assert.ok(!same.changes.clear_end && !same.changes.clear_points);
});

test('validateExperience: current position has no end; claimed points need a reason', () => {
  const base = { category: 'service', title: 'City Clerk', organisation: 'City of Riverton', start: '2023-01-01', notes: '' };
  const current = L.validateExperience({ ...base, current: true, end: '2024-01-01', enter_points: true, points: '12', reason: 'claimed: 3 years' });
  assert.ok(current.valid);
  assert.ok(!('end' in current.changes), 'a current position sends no end date');
  assert.deepEqual(current.changes.entered, { points: 12, reason: 'claimed: 3 years' });
  const ended = L.validateExperience({ ...base, current: false, end: '2022-12-31' });
  assert.match(ended.errors.end, /before the start/);
  const noReason = L.validateExperience({ ...base, enter_points: true, points: '4', reason: '  ' });
  assert.ok(noReason.errors.reason);
  const missing = L.validateExperience({});
  assert.deepEqual(Object.keys(missing.errors).sort(), ['category', 'start', 'title']);
  const edit = L.validateExperience({ ...L.experienceFormValues(demo.experience[0]), current: true }, demo.experience[0]);
  assert.equal(edit.changes.clear_end, true);
  assert.equal(L.experienceFormValues(demo.experience[1]).current, true);
  assert.equal(L.experienceFormValues(null).current, false);
});

test('validateMembership, validateProfile, validateDesignation', () => {
  const m = L.validateMembership({ member_type: 'full', organisation: 'IIMC', start: '2022-06-01', end: '' });
  assert.ok(m.valid);
  assert.deepEqual(m.changes, { member_type: 'full', organisation: 'IIMC', start: '2022-06-01' });
  assert.ok(L.validateMembership({ member_type: 'gold', organisation: 'IIMC', start: '2022-06-01' }).errors.member_type);
  assert.ok(L.validateMembership({ member_type: 'full', organisation: '', start: 'x' }).errors.start);
  const paid = demo.membership.find((m) => m.end);
  const edit = L.validateMembership({ ...L.membershipFormValues(paid), end: '' }, paid);
  assert.equal(edit.changes.clear_end, true);

  const p = L.validateProfile({ ...demo.profile });
  assert.ok(p.valid, JSON.stringify(p.errors));
  assert.equal(p.changes.ethics_affirmed, '2024-01-15');
  assert.ok(L.validateProfile({ ...demo.profile, email: 'not-an-email' }).errors.email);
  assert.ok(L.validateProfile({ ...demo.profile, full_name: ' ' }).errors.full_name);
  assert.ok(!('ethics_affirmed' in L.validateProfile({ ...demo.profile, ethics_affirmed: '' }).changes));

  assert.ok(L.validateDesignation({ program: 'cmc', date: '2026-06-15' }).valid);
  assert.ok(!L.validateDesignation({ program: 'cmc', date: '' }).valid);
  assert.ok(!L.validateDesignation({ program: 'xyz', date: '2026-06-15' }).valid);
});

test('pointsByRecord indexes the status records', () => {
  const map = L.pointsByRecord(demo.status.cmc);
  assert.equal(map.get('education:1').basis, 'estimate');
  assert.equal(map.get('education:4').points, 1.5);
  assert.equal(map.get('experience:2').basis, 'claimed');
  assert.equal(map.size, 9);
});

test('membershipView makes no continuity caveat without a membership', () => {
  const none = L.membershipView({ ...demo.status.cmc.membership, active: false, met: false, continuous_since: null, eligible_on_continuous: null, eligible_on_cumulative: null, lapses: [] });
  assert.equal(none.estimate, false);
  assert.deepEqual(none.lines, []);
  const mmc = L.membershipView({ ...demo.status.mmc.membership, as_of: '2026-11-20' });
  assert.equal(mmc.headline, 'Active Full member');
  assert.equal(mmc.estimate, false, 'no years to count: no reading to caveat');
});

test('importPlanView: rows to add with kind, title and date; bad rows with line and reason', () => {
  const plan = {
    file: '/home/renee/records.csv',
    rows: [
      { line: 2, record: 'education', title: 'Ethics webinar', date: '2025-02-01', provider: 'IIMC' },
      { line: 4, record: 'experience', title: 'City Clerk', start: '2019-05-01', end: null },
    ],
    problems: [{ line: 3, message: 'hours: contact hours must be 0 or more', hint: null }],
  };
  const view = L.importPlanView(plan);
  assert.equal(view.file, 'records.csv');
  assert.deepEqual(view.rows, [
    { line: 2, kind: 'Education', title: 'Ethics webinar', date: '2025-02-01' },
    { line: 4, kind: 'Experience', title: 'City Clerk', date: '2019-05-01' },
  ]);
  assert.deepEqual(view.problems, [{ line: 3, message: 'hours: contact hours must be 0 or more' }]);
  assert.equal(view.action, 'Import 2 records');
  assert.match(view.summary, /^1 row has a problem: nothing is imported/);
  assert.equal(view.canImport(false), false);
  assert.equal(view.canImport(true), true);
});

test('importPlanView: a clean plan may be imported; an empty one may not', () => {
  const clean = L.importPlanView({ file: 'C:\\r.csv', rows: [{ line: 2, record: 'education', title: 'T', date: '2025-01-01' }], problems: [] });
  assert.equal(clean.file, 'r.csv');
  assert.equal(clean.action, 'Import 1 record');
  assert.equal(clean.summary, '1 record ready to import.');
  assert.equal(clean.canImport(false), true);
  const empty = L.importPlanView({ file: 'e.csv', rows: [], problems: [] });
  assert.equal(empty.canImport(true), false);
  const allBad = L.importPlanView({ file: 'b.csv', rows: [], problems: [{ line: 2, message: 'x' }, { line: 5, message: 'y' }] });
  assert.equal(allBad.canImport(true), false);
  assert.match(allBad.summary, /^2 rows have problems/);
  assert.deepEqual(L.importPlanView(null).rows, []);
});

test('import and export toasts', () => {
  assert.equal(L.importDoneText({ education: 2, experience: 1, skipped: 0 }), 'Imported 3 records (2 education, 1 experience).');
  assert.equal(L.importDoneText({ education: 1, experience: 0, skipped: 2 }), 'Imported 1 record (1 education, 0 experience); 2 rows with problems were left out.');
  assert.equal(L.importDoneText({ education: 0, experience: 1, skipped: 1 }), 'Imported 1 record (0 education, 1 experience); 1 row with a problem was left out.');
  assert.equal(L.exportDoneText({ path: '/tmp/x/records.csv', education: 3, experience: 2 }), 'Exported 5 records to records.csv.');
});

test('readingFormValues: only what was read is filled in, each with the words it came from', () => {
  const fields = {
    title: { value: 'Records Management Essentials', confidence: 0.9, source: 'Records Management Essentials' },
    date: { value: '2024-03-18', confidence: 0.9, source: 'March 18–22, 2024 - 21 contact hours' },
    end_date: { value: '2024-03-22', confidence: 0.9, source: 'March 18–22, 2024 - 21 contact hours' },
    hours: { value: '21', confidence: 0.9, source: 'March 18–22, 2024 - 21 contact hours' },
    credits: { value: '0.6', confidence: 0.9, source: '0.6 CEU' },
    credits_unit: { value: 'CEU', confidence: 0.9, source: '0.6 CEU' },
  };
  const { values, sources } = L.readingFormValues(fields);
  assert.equal(values.title, 'Records Management Essentials');
  assert.equal(values.start, '2024-03-18');
  assert.equal(values.end, '2024-03-22');
  assert.equal(values.hours, '21');
  assert.equal(values.provider, '', 'not read: left empty, never guessed');
  assert.equal(values.enter_points, false, 'CEUs are not CMC points');
  assert.equal(sources.hours, 'March 18–22, 2024 - 21 contact hours');
  assert.equal(sources.provider, undefined);
  const points = L.readingFormValues({ credits: { value: '1.5', source: 'approved for 1.5 CMC/MMC Education Points' }, credits_unit: { value: 'CMC/MMC points', source: 'x' } });
  assert.deepEqual([points.values.enter_points, points.values.points, points.values.reason], [true, '1.5', 'stated on the certificate']);
  assert.equal(points.sources.points, 'approved for 1.5 CMC/MMC Education Points');
});

test('intakeItemView: ready, to check, or not read, in words', () => {
  const base = { id: 3, name: 'cert.pdf', text_from: 'pdf-text', fields: { title: { value: 'Ethics', source: 'Ethics' }, date: { value: '2024-03-18', source: 'x' } }, checks: [], warnings: [], missing: [] };
  assert.deepEqual(L.intakeItemView(base).status, { label: 'ready to accept', tone: 'ok' });
  assert.equal(L.intakeItemView(base).title, 'Ethics');
  assert.deepEqual(L.intakeItemView({ ...base, missing: ['category'] }).status, { label: 'not read: category', tone: 'warn' });
  assert.deepEqual(L.intakeItemView({ ...base, checks: ['a', 'b'] }).status, { label: '2 things to check', tone: 'warn' });
  assert.equal(L.intakeItemView({ ...base, text_from: 'none', fields: {} }).status.label, 'could not be read');
  assert.equal(L.intakeItemView({ ...base, fields: {} }).title, 'Title not read');
});

test('membershipView: time across lapses only when there was a lapse', () => {
  const unbroken = { organisation: 'IIMC', active: true, type_allowed: true, current_type: 'full', years_required: 2, years_met: false,
    continuous_since: '2024-03-15', eligible_on_continuous: '2026-03-15', eligible_on_cumulative: '2026-03-14', reading_status: 'open', lapses: [], met: false };
  assert.ok(!L.membershipView(unbroken).lines.some((l) => l.includes('across lapses')), L.membershipView(unbroken).lines.join(' | '));
  const lapsed = { ...unbroken, continuous_since: '2022-01-01', eligible_on_continuous: '2024-01-01', eligible_on_cumulative: '2023-07-02', lapses: [{ from: '2021-07-01', to: '2021-12-31' }] };
  assert.ok(L.membershipView(lapsed).lines.some((l) => l.includes('Counting time across lapses it would be')));
});

test('nothing claimed is not "0 claimed": no points entered', () => {
  assert.equal(L.basisLabel('not-entered'), 'no points entered');
  const [line] = L.previewLines([{ program: 'cmc', program_name: 'CMC', points: { basis: 'not-entered', points: 0, raw: 0, warnings: ['no points entered: …'] } }]);
  assert.equal(line.text, 'no points entered yet');
  assert.equal(line.basisText, 'no points entered');
});

test('followedPrograms: the CMC and the MMC unless she chose; previews only for those', () => {
  const programs = [{ id: 'cmc' }, { id: 'mmc' }, { id: 'mn-cmc' }];
  assert.deepEqual(L.followedPrograms(null, programs), ['cmc', 'mmc']);
  assert.deepEqual(L.followedPrograms('["cmc","mn-cmc"]', programs), ['cmc', 'mn-cmc']);
  assert.deepEqual(L.followedPrograms('not json', programs), ['cmc', 'mmc']);
  assert.deepEqual(L.followedPrograms('["gone"]', programs), []);
  const preview = [
    { program: 'cmc', program_name: 'Certified Municipal Clerk (CMC)', points: { basis: 'computed', points: 2, warnings: [] } },
    { program: 'mn-cmc', program_name: 'Minnesota CMC', points: { basis: 'computed', points: 1, warnings: [] } },
  ];
  assert.deepEqual(L.previewLines(preview, ['cmc', 'mmc']).map((l) => l.name), ['Certified Municipal Clerk (CMC)']);
  assert.equal(L.previewLines(preview).length, 2);
});

test('a new experience record can be saved without points', () => {
  const values = L.experienceFormValues(null);
  assert.equal(values.enter_points, false);
  const result = L.validateExperience({ ...values, category: 'service', title: 'City Clerk', start: '2023-01-01' });
  assert.ok(result.valid, JSON.stringify(result.errors));
  assert.equal(result.changes.entered, undefined);
});

test('a date typed only in part is refused with the field, never dropped', () => {
  const base = { title: 'Budget basics', provider: 'IIMC', category: 'course', start: '2025-03-14', hours: '6', enter_points: false };
  const r = L.validateEducation({ ...base, end: 'incomplete-date' });
  assert.equal(r.valid, false);
  assert.equal(r.errors.end, 'Enter the end date in full: day, month and year.');
  assert.equal(r.changes.end, undefined);
});

test('overlappingMembership: a second ongoing period of the same organisation overlaps the first', () => {
  const recorded = [
    { id: 1, type: 'additional-full', organisation: 'IIMC', start: '2021-02-01', end: '2022-01-31' },
    { id: 2, type: 'full', organisation: 'IIMC', start: '2022-06-01', end: null },
    { id: 3, type: 'full', organisation: 'MCFOA', start: '2019-09-01', end: null },
  ];
  assert.equal(L.overlappingMembership({ organisation: 'IIMC', start: '2024-01-01', end: '' }, recorded).id, 2);
  assert.equal(L.overlappingMembership({ organisation: 'iimc', start: '2021-12-01', end: '2022-02-01' }, recorded).id, 1);
  assert.equal(L.overlappingMembership({ organisation: 'IIMC', start: '2022-02-01', end: '2022-05-31' }, recorded), null, 'the gap');
  assert.equal(L.overlappingMembership({ organisation: 'IIMC', start: '2022-06-01', end: '' }, recorded, 2), null, 'itself, edited');
  assert.equal(L.overlappingMembership({ organisation: 'Other', start: '2024-01-01', end: '' }, recorded), null);
});

test('one definition of due: the engine says due_now; the groups of the reminders screen', () => {
  const today = demo.info.today;
  const due = L.dueReminders(demo.reminders, today);
  assert.deepEqual(due.map((r) => r.id), demo.reminders.filter((r) => r.due_now).map((r) => r.id));
  assert.ok(due.length >= 1, 'the demo has a reminder due');
  const list = clone(demo.reminders);
  list.push({ ...list[0], id: 'x:snoozed', due_now: false, snoozed_until: '2099-01-01' });
  list.push({ ...list[0], id: 'x:dismissed', due_now: false, dismissed: true });
  const g = L.reminderGroups(list, today);
  assert.deepEqual(g.due.map((r) => r.id), due.map((r) => r.id));
  assert.ok(g.upcoming.every((r) => !r.dueNow) && g.upcoming.length === demo.reminders.length - due.length);
  assert.deepEqual(g.snoozed.map((r) => [r.id, r.until]), [['x:snoozed', 'Jan 1, 2099']]);
  assert.deepEqual(g.dismissed.map((r) => r.id), ['x:dismissed']);
});

test('planned activities: sent when changed, shown apart, and the projected date', () => {
  const base = { title: 'Institute, Year 1', provider: 'St. Cloud', category: 'institute', start: '2027-03-15', end: '2027-03-19', hours: '40', enter_points: false };
  assert.equal(L.validateEducation({ ...base, planned: true }).changes.planned, true);
  assert.equal(L.validateEducation({ ...base, planned: false }).changes.planned, undefined, 'a new record is done by default');
  assert.equal(L.validateEducation({ ...base, planned: false }, { planned: true, end: '2027-03-19' }).changes.planned, false, 'marked done');
  assert.ok(L.isFuture('2027-03-15', '2026-12-01') && !L.isFuture('2026-12-01', '2026-12-01') && !L.isFuture('', '2026-12-01'));
  const progress = clone(demo.status.cmc);
  progress.projected_eligible_on = '2027-03-17';
  progress.requirements[1].planned = 7;
  progress.requirements[1].records.push({ ...progress.requirements[1].records[0], planned: true });
  const view = L.eligibilityView(progress, '2026-12-01');
  assert.equal(view.state, 'projected');
  assert.equal(view.headline, 'With your planned activity: eligible on Mar 17, 2027');
  assert.ok(L.requirementCards(progress)[1].caveats.includes('7 more planned'));
});

test('not yet eligible and nothing planned: the way to a date is named', () => {
  const view = L.eligibilityView(demo.status.cmc, demo.info.today);
  assert.equal(view.state, 'not-yet');
  assert.ok(view.detail.includes('as planned'), view.detail);
});

test('a sponsor’s stated rate is labelled as the sponsor’s, not IIMC’s word and not an estimate', () => {
  assert.equal(L.basisLabel('sponsor-rate'), 'sponsor’s rate');
  assert.equal(L.statusLabel('sponsor'), 'sponsor’s rate');
});

test('stepsView: a step about records links to their screen', () => {
  const progress = { missing: ['a', 'b'], steps: [
    { text: 'Experience: no points entered for "Committee"; enter the points…', hint: 'x', records: ['experience:4'] },
    { text: 'Experience: 6 more points needed (44 of 50).', hint: null, records: [] },
  ] };
  assert.deepEqual(L.stepsView(progress), [
    { text: 'Experience: no points entered for "Committee"; enter the points…', screen: 'experience', link: 'Go to Experience' },
    { text: 'Experience: 6 more points needed (44 of 50).', screen: null, link: null },
  ]);
  assert.deepEqual(L.stepsView({ missing: ['plain'] }), [{ text: 'plain', screen: null, link: null }]);
});

test('backupView: the last good backup and where; warnings offer what to do', () => {
  assert.equal(L.backupView(null).headline, 'Checking your backups…');
  const last = { day: '2026-03-02', records: { education: 5, experience: 4, membership: 3, designation: 0, evidence: 6 } };
  const status = { automatic: true, folder: '/home/r/Documents/Clerkfolio Backups', default_folder: true, last, days_since_last: 0, warnings: [] };
  const ok = L.backupView({ status, error: null });
  assert.equal(ok.tone, 'ok');
  assert.equal(ok.headline, 'Last backup today (Mar 2, 2026): 5 education, 4 experience, 3 membership records; 6 evidence files.');
  assert.equal(ok.where, 'In /home/r/Documents/Clerkfolio Backups (your Documents)');
  assert.deepEqual(ok.warnings, []);

  const old = L.backupView({ status: { ...status, default_folder: false, days_since_last: 15, warnings: [
    { kind: 'old', message: 'Your last backup is 15 days old. Back up now.' },
    { kind: 'same-disk', message: 'Your backups are on the same disk as your portfolio.' },
  ] }, error: 'the backup folder /media/usb does not exist or cannot be reached' });
  assert.equal(old.tone, 'warn');
  assert.equal(old.headline, 'Last backup 15 days ago (Mar 2, 2026): 5 education, 4 experience, 3 membership records; 6 evidence files.');
  assert.equal(old.where, 'In /home/r/Documents/Clerkfolio Backups');
  assert.deepEqual(old.warnings.map((w) => w.action), ['now', 'pick']);
  assert.equal(old.error, 'The last automatic backup did not work: the backup folder /media/usb does not exist or cannot be reached');

  const none = L.backupView({ status: { ...status, last: null, days_since_last: null, automatic: false }, error: null });
  assert.equal(none.headline, 'No backup yet, and automatic backups are off.');
  assert.equal(none.where, 'Backups go to /home/r/Documents/Clerkfolio Backups (your Documents)');
  assert.equal(L.backupView({ status: { ...status, last: { ...last, days_since_last: 1 }, days_since_last: 1 } }).headline.startsWith('Last backup yesterday'), true);
  assert.equal(L.backupContents({ records: { education: 1, evidence: 1 } }), '1 education records; 1 evidence file');
});

test('applications: the submission, award and return forms check what they ask', () => {
  assert.deepEqual(L.validateSubmission({ program: 'cmc', date: '2026-05-01' }, '2026-05-02').errors, {});
  assert.match(L.validateSubmission({ program: 'cmc', date: '2026-05-03' }, '2026-05-02').errors.date, /after today/);
  assert.match(L.validateSubmission({ program: '', date: '' }, '2026-05-02').errors.program, /designation/);
  assert.match(L.validateSubmission({ program: 'cmc', date: '' }, '2026-05-02').errors.date, /Enter the day it was sent/);
  assert.deepEqual(L.validateAward({ date: '2026-06-10' }, '2026-05-01', '2026-06-10').errors, {});
  assert.match(L.validateAward({ date: '2026-04-30' }, '2026-05-01', '2026-06-10').errors.date, /before the application was sent \(May 1, 2026\)/);
  assert.match(L.validateAward({ date: '2026-06-11' }, '2026-05-01', '2026-06-10').errors.date, /after today/);
  assert.match(L.validateAward({ date: '' }, '2026-05-01', '2026-06-10').errors.date, /award date/);
  assert.match(L.validateReturn({ note: '  ' }).errors.note, /why IIMC returned it/);
  assert.equal(L.validateReturn({ note: 'Missing forms' }).note, 'Missing forms');
});

test('applications: status in words, records changed since, the mark on a record', () => {
  const a = {
    id: 1, program: 'cmc', submitted_on: '2026-05-01', status: 'submitted', awarded_on: null, returned_on: null, note: null,
    packet: { file: 'cmc.pdf' }, exhibits: [{}, {}],
    records: [{ record: 'education', id: 3, title: 'Records', changes: [] }, { record: 'experience', id: 2, title: 'Clerk', changes: ['end', 'notes'] }],
    changed: 1,
  };
  const v = L.applicationView(a);
  assert.equal(v.title, 'CMC application');
  assert.deepEqual(v.status, { label: 'Submitted, awaiting IIMC', tone: '' });
  assert.equal(v.contents, '2 records, 2 exhibits; cmc.pdf');
  assert.equal(v.changed, '1 record differs from what was sent: “Clerk” (end, notes)');
  assert.ok(v.canDecide);
  assert.ok(v.canRemove, 'a pending application recorded by mistake can be removed');
  const approved = L.applicationView({ ...a, status: 'approved', awarded_on: '2026-06-10', changed: 0, designation: 4 });
  assert.deepEqual([approved.status.label, approved.changed, approved.canDecide, approved.canRemove], ['Approved, awarded Jun 10, 2026', null, false, false]);
  assert.ok(L.applicationView({ ...a, status: 'approved', awarded_on: '2026-06-10', designation: null }).canRemove, 'once its designation is removed');
  assert.ok(L.applicationView({ ...a, status: 'returned', returned_on: '2026-06-01', note: 'Forms' }).canRemove);
  assert.equal(L.applicationView({ ...a, status: 'returned', returned_on: '2026-06-01', note: 'Forms' }).note, 'Forms');
  assert.equal(L.submittedMark([a], 'education', 3).text, 'sent with the CMC application');
  const changed = L.submittedMark([a], 'experience', 2);
  assert.equal(changed.tone, 'warn');
  assert.match(changed.title, /Differs from what was submitted on May 1, 2026: end, notes/);
  assert.equal(L.submittedMark([a], 'education', 9), null);
  assert.equal(L.submittedMark([{ ...a, status: 'returned' }], 'education', 3), null, 'a returned application marks nothing');
});
