// Pure, DOM-free logic for the Clerkfolio screens: formatting, sorting and filtering, form
// validation, and the view models the screens draw. Everything here is tested by
// `node --test tests/ui/`. No window, no document, no Tauri.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// ---------------------------------------------------------------------------------------------
// Formatting

/** Points as the engine writes them: at most two decimals, no trailing zeros ("61.5", "60"). */
export function fmtPoints(value) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '—';
  const rounded = Math.round(Number(value) * 100) / 100;
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** "1 point", "61.5 points". */
export function pointsText(value) {
  const text = fmtPoints(value);
  return `${text} ${text === '1' ? 'point' : 'points'}`;
}

/** Is this a real calendar date written YYYY-MM-DD? */
export function isIsoDate(text) {
  if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = text.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** "2023-03-20" → "Mar 20, 2023"; empty for nothing; anything else is shown as given. */
export function fmtDate(iso) {
  if (!iso) return '';
  const day = String(iso).slice(0, 10);
  if (!isIsoDate(day)) return String(iso);
  const [y, m, d] = day.split('-').map(Number);
  return `${MONTHS[m - 1]} ${d}, ${y}`;
}

/** A period: "Mar 20, 2023 – Mar 24, 2023", "Mar 20, 2023", or "Jan 1, 2023 – present". */
export function fmtRange(start, end, { ongoing = 'present' } = {}) {
  if (!start) return '';
  if (!end) return ongoing === null ? fmtDate(start) : `${fmtDate(start)} – ${ongoing}`;
  if (end === start) return fmtDate(start);
  return `${fmtDate(start)} – ${fmtDate(end)}`;
}

/** File sizes the way Windows Explorer shows them: "812 bytes", "1.2 KB", "65.1 KB", "3.4 MB". */
export function fmtSize(bytes) {
  const n = Number(bytes) || 0;
  if (n < 1000) return `${n} ${n === 1 ? 'byte' : 'bytes'}`;
  const units = ['KB', 'MB', 'GB'];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${shown} ${units[unit]}`;
}

/** "today", "tomorrow", "in 12 days", "yesterday", "35 days overdue". */
export function fmtDaysUntil(days) {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return '1 day overdue';
  if (days < 0) return `${-days} days overdue`;
  return `in ${days} days`;
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}

/** Today as YYYY-MM-DD in local time (the clerk's calendar day). */
export function localToday(now = new Date()) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The class for the platform's own font stack (styles.css `:root.linux`), from the webview's
 * user agent: 'linux' in WebKitGTK, else null (WebView2, WKWebView). */
export function platformClass(userAgent) {
  return /\bLinux\b/.test(userAgent || '') && !/\bAndroid\b/.test(userAgent || '') ? 'linux' : null;
}

const MEMBER_TYPES = {
  full: 'Full',
  'additional-full': 'Additional Full',
  retired: 'Retired',
  associate: 'Associate',
};

export const memberTypeOptions = Object.entries(MEMBER_TYPES).map(([value, label]) => ({ value, label }));

export function memberTypeLabel(type) {
  return MEMBER_TYPES[type] || type || '';
}

/** How a figure was reached, in the engine's own words; never dressed up as IIMC's. */
export function basisLabel(basis) {
  switch (basis) {
    case 'computed': return 'computed';
    case 'estimate': return 'estimate';
    case 'entered': return 'entered';
    case 'claimed': return 'claimed';
    case 'not-entered': return 'no points entered';
    case 'sponsor-rate': return 'sponsor’s rate';
    case 'excluded': return 'not counted';
    default: return basis || '';
  }
}

/** A rule value's standing: verified is IIMC's word; inferred is our estimate; open is claimed. */
export function statusLabel(status) {
  switch (status) {
    case 'verified': return 'IIMC rule';
    case 'inferred': return 'estimate';
    case 'sponsor': return 'sponsor’s rate';
    case 'open': return 'claimed';
    default: return status || '';
  }
}

// ---------------------------------------------------------------------------------------------
// Tables: sorting and filtering

/** Folds case and accents so "renee" finds "Renée". */
export function fold(text) {
  return String(text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Rows whose text (given by `text(row)`) holds every word of the query. */
export function filterRows(rows, query, text) {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows.slice();
  return rows.filter((row) => {
    const haystack = fold(text(row));
    return words.every((w) => haystack.includes(w));
  });
}

function compareValues(a, b) {
  const emptyA = a === null || a === undefined || a === '';
  const emptyB = b === null || b === undefined || b === '';
  if (emptyA && emptyB) return 0;
  if (emptyA) return 1; // blanks last, whichever the direction
  if (emptyB) return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return fold(a).localeCompare(fold(b), 'en', { numeric: true });
}

/**
 * Sorts rows by a column: `value(row)` gives the sort key (number or string; blanks go last).
 * Stable: equal keys keep their order. Returns a new array.
 */
export function sortRows(rows, value, direction = 'asc') {
  const sign = direction === 'desc' ? -1 : 1;
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((x, y) => {
      const blankX = x.key === null || x.key === undefined || x.key === '';
      const blankY = y.key === null || y.key === undefined || y.key === '';
      if (blankX !== blankY) return blankX ? 1 : -1;
      return sign * compareValues(x.key, y.key) || x.index - y.index;
    })
    .map((x) => x.row);
}

/** Clicking a header: same column flips the direction, a new column starts ascending. */
export function nextSort(current, column) {
  if (current && current.column === column) {
    return { column, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  }
  return { column, direction: 'asc' };
}

// ---------------------------------------------------------------------------------------------
// Programs and categories

/** Category choices for a record kind, across every program (first label wins), sorted by label. */
export function categoryOptions(programs, kind) {
  const seen = new Map();
  for (const program of programs || []) {
    const categories = (program.categories && program.categories[kind]) || {};
    for (const [value, label] of Object.entries(categories)) {
      if (!seen.has(value)) seen.set(value, label);
    }
  }
  return [...seen.entries()].map(([value, label]) => ({ value, label }));
}

export function categoryLabel(programs, kind, id) {
  const option = categoryOptions(programs, kind).find((o) => o.value === id);
  return option ? option.label : id;
}

/** A short label: the part of a category label before any parenthesis. */
export function shortLabel(label) {
  return String(label || '').replace(/\s*\(.*\)\s*$/, '');
}

/** Experience categories that are positions needing a Letter of Employment Verification. */
export function letterCategories(programs) {
  const out = new Set();
  for (const program of programs || []) {
    for (const p of program.paperwork || []) {
      if (p.kind === 'employment-letter') for (const c of p.position_categories || []) out.add(c);
    }
  }
  return out;
}

/** The designations a clerk can record next: the CMC until it is held, then its
 *  recertifications (each moves the MMC cut-off), and the MMC until it is held. */
export function designationOptions(designations) {
  const held = new Set((designations || []).filter((d) => !d.recertification).map((d) => d.program));
  return [
    held.has('cmc') ? { value: 'cmc-recert', label: 'CMC recertification' } : { value: 'cmc', label: 'Certified Municipal Clerk (CMC)' },
    held.has('mmc') ? null : { value: 'mmc', label: 'Master Municipal Clerk (MMC)' },
  ].filter(Boolean);
}

/** "CMC", "CMC recertification". */
export function designationName(d) {
  return `${String(d.program || '').toUpperCase()}${d.recertification ? ' recertification' : ''}`;
}

/** The EPP (Education PLUS Program) is followed once the MMC is held: IIMC opens it to MMCs only. */
export function followsEpp(designations) {
  return (designations || []).some((d) => d.program === 'mmc');
}

/** The MMC cut-off in words, as `status` gives it (`cutoff.reason`), or null for a program without one. */
export function cutoffText(progress) {
  if (!progress || !progress.cutoff) return null;
  const reason = progress.cutoff.reason;
  return `Cut-off: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}.`;
}

/** The EPP cycle on the dashboard: the hours of the cycle that contains the day, what is left, by when. */
export function eppView(progress) {
  if (!progress || !progress.cycle || !progress.requirements.length) return null;
  const req = progress.requirements[0];
  const { start, end, counts_from: countsFrom, enrolment_end: enrolmentEnd } = progress.cycle;
  const remaining = Math.max(0, req.required - req.earned);
  const lines = [
    `Cycle ${fmtDate(start)} – ${fmtDate(end)}; enrolment ${fmtDate(start)} – ${fmtDate(enrolmentEnd)}.`,
    'Hours do not carry over from one cycle to the next.',
  ];
  if (countsFrom && countsFrom !== start) {
    lines.push(`Activities from ${fmtDate(start)} to ${fmtDate(addDays(countsFrom, -1))} count toward the cycle that ended then (Clerkfolio’s reading: IIMC does not say).`);
  }
  return {
    state: req.met ? 'eligible' : 'expected',
    headline: req.met
      ? `Education PLUS: this cycle’s ${fmtPoints(req.required)} hours are done`
      : `Education PLUS: ${fmtPoints(remaining)} more ${remaining === 1 ? 'hour' : 'hours'} by ${fmtDate(end)}`,
    lines,
  };
}

/** Which programs the dashboard follows: the CMC, then the MMC once the CMC is recorded. */
export function dashboardPrograms(designations) {
  const held = new Set((designations || []).map((d) => d.program));
  if (held.has('cmc') && held.has('mmc')) return [];
  if (held.has('cmc')) return ['mmc'];
  return ['cmc'];
}

// ---------------------------------------------------------------------------------------------
// Dashboard view models

/** One card per requirement: the ring's fraction, the figures, and the caveat words. */
export function requirementCards(progress) {
  if (!progress) return [];
  return progress.requirements.map((req) => {
    const fraction = req.required > 0 ? Math.min(1, Math.max(0, req.earned / req.required)) : 1;
    const remaining = Math.max(0, req.required - req.earned);
    const unit = req.unit === 'hours' ? 'hours' : 'points';
    const bases = new Set(req.records.filter((r) => r.counted > 0).map((r) => r.basis));
    const caveats = [];
    if (bases.has('estimate')) caveats.push('includes estimates');
    if (bases.has('claimed')) caveats.push('includes claimed points');
    // Planned points never count; they are shown apart, as what the plans would add.
    if (req.planned > 0) caveats.push(`${fmtPoints(req.planned)} more planned`);
    return {
      id: req.id,
      label: req.label,
      earned: req.earned,
      required: req.required,
      met: req.met,
      fraction,
      percent: Math.round(fraction * 100),
      remaining,
      unit,
      summary: req.met
        ? `Met: ${fmtPoints(req.earned)} of ${fmtPoints(req.required)} ${unit}`
        : `${fmtPoints(remaining)} more ${remaining === 1 ? unit.replace(/s$/, '') : unit} needed`,
      caveats,
      // The ways to earn points that this portfolio uses (an item no record falls under, such
      // as a sponsor kind she has none of, would only be a row of zeros).
      items: req.items.filter((item) => item.earned > 0 || req.records.some((r) => r.item === item.id)).map((item) => ({
        id: item.id,
        label: item.label,
        earned: item.earned,
        max: item.max,
        capped: item.capped,
        status: item.status,
        statusText: statusLabel(item.status),
        fraction: req.required > 0 ? Math.min(1, item.earned / req.required) : 0,
      })),
    };
  });
}

/** The eligibility headline: met, expected on a date, or not yet knowable. */
export function eligibilityView(progress, today) {
  if (!progress) return null;
  const name = progress.program_name || progress.program;
  const short = (progress.program || '').toUpperCase();
  if (progress.eligible) {
    return {
      state: 'eligible',
      headline: `You meet every ${short} requirement`,
      detail: progress.eligible_on
        ? `Eligible since ${fmtDate(progress.eligible_on)} under the rules Clerkfolio applies for the ${name}.`
        : `Under the rules Clerkfolio applies for the ${name}.`,
    };
  }
  if (progress.eligible_on) {
    const future = !today || progress.eligible_on > today;
    return {
      state: 'expected',
      headline: future
        ? `Expected to be eligible on ${fmtDate(progress.eligible_on)}`
        : `Eligible on ${fmtDate(progress.eligible_on)}`,
      detail: 'If nothing else changes. This is Clerkfolio’s estimate, not a date IIMC has confirmed.',
    };
  }
  if (progress.projected_eligible_on) {
    const planned = progress.requirements.flatMap((r) => r.records).filter((r) => r.planned).length;
    return {
      state: 'projected',
      headline: `With your planned ${planned === 1 ? 'activity' : 'activities'}: eligible on ${fmtDate(progress.projected_eligible_on)}`,
      detail: 'Not yet eligible without them. A projection from your plans, not a date IIMC has confirmed: it holds once each planned activity has happened and is marked done.',
    };
  }
  const count = progress.missing.length;
  return {
    state: 'not-yet',
    headline: `Not yet eligible for the ${short}`,
    detail: count
      ? `${count === 1 ? 'One thing is' : `${count} things are`} still to do. Add what you are registered for (an institute week, a conference) as planned, and Clerkfolio shows the date it would bring:`
      : 'The date cannot be estimated yet.',
  };
}

/** What is still missing, each with the screen of the records it names (a link there). */
export function stepsView(progress) {
  if (!progress) return [];
  const steps = progress.steps || (progress.missing || []).map((text) => ({ text, records: [] }));
  return steps.map((s) => {
    const kinds = [...new Set((s.records || []).map((r) => String(r).split(':')[0]))];
    const screen = kinds.length === 1 ? kinds[0] : null;
    return { text: s.text, screen, link: screen ? `Go to ${screen[0].toUpperCase()}${screen.slice(1)}` : null };
  });
}

/** Membership in plain words for the dashboard card. */
export function membershipView(membership) {
  if (!membership) return null;
  const years = membership.years_required;
  const lines = [];
  let headline;
  if (!membership.active) headline = `No active ${membership.organisation} membership`;
  else if (!membership.type_allowed) headline = `${memberTypeLabel(membership.current_type)} members cannot certify`;
  else if (years === 0) headline = `Active ${memberTypeLabel(membership.current_type)} member`;
  else if (membership.years_met) headline = `${years} years reached`;
  else headline = `${years} years not reached yet`;
  if (membership.continuous_since) lines.push(`Member continuously since ${fmtDate(membership.continuous_since)}.`);
  if (years > 0 && membership.eligible_on_continuous) {
    lines.push(`${years} years ${membership.eligible_on_continuous > (membership.as_of || '') ? 'on' : 'reached on'} ${fmtDate(membership.eligible_on_continuous)} (continuous reading).`);
  }
  // Only after a lapse is there a second reading: one unbroken membership has a single date
  // (the cumulative date of 730 days may fall a day apart from the anniversary; that is no lapse).
  if (years > 0 && membership.reading_status === 'open' && (membership.lapses || []).length > 0 && membership.eligible_on_cumulative
      && membership.eligible_on_cumulative !== membership.eligible_on_continuous) {
    lines.push(`Counting time across lapses it would be ${fmtDate(membership.eligible_on_cumulative)}; IIMC does not say which reading applies.`);
  }
  for (const lapse of membership.lapses || []) {
    lines.push(`Lapse: ${fmtRange(lapse.from, lapse.to, { ongoing: 'now' })}.`);
  }
  return { headline, met: membership.met, lines, estimate: years > 0 && !!membership.continuous_since && membership.reading_status !== 'verified' };
}

/** Reminders the dashboard shows: not dismissed, not snoozed past today, by date. */
export function remindersView(reminders, today) {
  return (reminders || [])
    .filter((r) => !r.dismissed && !(r.snoozed_until && r.snoozed_until > today))
    .slice()
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0))
    .map((r) => ({
      id: r.id,
      title: r.title,
      detail: r.detail,
      due: r.due,
      dueText: fmtDate(r.due),
      when: fmtDaysUntil(r.days_until),
      tone: r.overdue ? 'overdue' : r.days_until <= 14 ? 'soon' : 'later',
      screen: r.screen || 'dashboard',
      actionable: !!r.actionable,
      yearly: !!r.yearly,
      dueNow: !!r.due_now,
    }));
}

/** Due now: the engine's one definition (`due_now`: the lead time reached, or overdue and still
 *  to act on), as `clerkfolio reminders` lists them; the dashboard and the badge show these. */
export function dueReminders(reminders, today) {
  return remindersView(reminders, today).filter((r) => r.dueNow);
}

/** The reminders screen's four groups: due now, coming up, snoozed (until when), dismissed. */
export function reminderGroups(reminders, today) {
  const byDate = (a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0);
  const all = (reminders || []).slice().sort(byDate);
  const snoozed = all.filter((r) => !r.dismissed && r.snoozed_until && r.snoozed_until > today)
    .map((r) => ({ id: r.id, title: r.title, detail: r.detail, dueText: fmtDate(r.due), until: fmtDate(r.snoozed_until) }));
  const dismissed = all.filter((r) => r.dismissed).map((r) => ({ id: r.id, title: r.title, detail: r.detail, dueText: fmtDate(r.due) }));
  const shown = remindersView(reminders, today);
  return { due: shown.filter((r) => r.dueNow), upcoming: shown.filter((r) => !r.dueNow), snoozed, dismissed };
}

/** The latest records of every kind, most recent date first. */
export function recentActivity(education, experience, memberships, limit = 5) {
  const rows = [];
  for (const e of education || []) {
    rows.push({ kind: 'education', id: e.id, title: e.title, subtitle: e.provider, date: e.end || e.start });
  }
  for (const x of experience || []) {
    rows.push({ kind: 'experience', id: x.id, title: x.title, subtitle: x.organisation, date: x.end || x.start });
  }
  for (const m of memberships || []) {
    rows.push({ kind: 'membership', id: m.id, title: `${m.organisation} ${memberTypeLabel(m.type)} membership`, subtitle: m.end ? `until ${fmtDate(m.end)}` : 'ongoing', date: m.start });
  }
  return sortRows(rows, (r) => r.date, 'desc').slice(0, limit);
}

// ---------------------------------------------------------------------------------------------
// Evidence

/** Records with no supporting document: a course without a certificate, a position without anything. */
export function recordsWithoutEvidence(education, experience) {
  const out = [];
  for (const e of education || []) {
    if (!e.evidence || e.evidence.length === 0) {
      out.push({ kind: 'education', id: e.id, title: e.title, date: e.start, target: `education:${e.id}` });
    }
  }
  for (const x of experience || []) {
    if ((!x.evidence || x.evidence.length === 0) && (!x.letters || x.letters.length === 0)) {
      out.push({ kind: 'experience', id: x.id, title: x.title, date: x.start, target: `experience:${x.id}` });
    }
  }
  return out;
}

/** "education 3" / "experience 2 (employment letter)" → the record's title, for people. */
export function describeUse(use, education, experience) {
  const m = /^(education|experience|designation|letter)\s+(\d+)(.*)$/.exec(String(use).trim());
  if (!m) return String(use);
  const [, kind, idText, rest] = m;
  const id = Number(idText);
  const list = kind === 'education' ? education : kind === 'experience' || kind === 'letter' ? experience : null;
  const record = list && list.find((r) => r.id === id);
  const kindWord = kind === 'letter' ? 'Employment letter' : kind[0].toUpperCase() + kind.slice(1);
  const extra = rest.trim().replace(/^\((.*)\)$/, '$1');
  const name = record ? record.title : `#${id}`;
  return extra ? `${kindWord}: ${name} (${extra})` : `${kindWord}: ${name}`;
}

export function fileName(path) {
  return String(path || '').split(/[\\/]/).filter(Boolean).pop() || '';
}

// ---------------------------------------------------------------------------------------------
// Packet

const FINDING_GROUPS = [
  { kind: 'requirement', title: 'Requirements not met yet' },
  { kind: 'missing-file', title: 'Files missing from the evidence store' },
  { kind: 'hash-mismatch', title: 'Files changed since they were added' },
  { kind: 'no-evidence', title: 'Records without a supporting document' },
  { kind: 'unprintable', title: 'Characters the packet cannot print' },
];

/** Groups preflight findings by kind, in a fixed order, unknown kinds last. */
export function groupFindings(findings) {
  const groups = new Map();
  for (const f of findings || []) {
    if (!groups.has(f.kind)) groups.set(f.kind, []);
    groups.get(f.kind).push(f.message);
  }
  const ordered = [];
  for (const g of FINDING_GROUPS) {
    if (groups.has(g.kind)) {
      ordered.push({ kind: g.kind, title: g.title, items: groups.get(g.kind) });
      groups.delete(g.kind);
    }
  }
  for (const [kind, items] of groups) ordered.push({ kind, title: kind.replace(/-/g, ' '), items });
  return ordered;
}

/** A file name Windows accepts: no \ / : * ? " < > |, no trailing dots or spaces. */
export function safeFileName(text) {
  return String(text).replace(/[\\/:*?"<>|]+/g, ' ').replace(/\s+/g, ' ').replace(/[. ]+$/, '').trim();
}

export function packetFileName(profile, program) {
  const name = profile && profile.full_name ? `${profile.full_name} ` : '';
  return safeFileName(`${name}${String(program).toUpperCase()} Application Packet`) + '.pdf';
}

export function packetReportView(report) {
  return {
    path: report.path,
    name: fileName(report.path),
    pages: report.pages,
    generatedPages: report.generated_pages,
    exhibits: report.exhibits,
    size: fmtSize(report.bytes),
    summary: `${report.pages} ${report.pages === 1 ? 'page' : 'pages'}: ${report.generated_pages} application ${report.generated_pages === 1 ? 'page' : 'pages'} and ${report.exhibits} ${report.exhibits === 1 ? 'exhibit' : 'exhibits'}, ${fmtSize(report.bytes)}`,
    skipped: (report.skipped || []).map((s) => ({ exhibit: s.exhibit, file: s.file, reason: s.reason })),
  };
}

/** "Adding exhibits: 3 of 7" and a 0..1 fraction from a packet-progress payload. */
export function progressView(payload) {
  const total = Number(payload && payload.total) || 0;
  const done = Math.min(Number(payload && payload.done) || 0, total || Infinity);
  const stage = payload && payload.stage ? String(payload.stage) : 'Working';
  const label = stage.charAt(0).toUpperCase() + stage.slice(1);
  return {
    fraction: total > 0 ? done / total : 0,
    text: total > 0 ? `${label}: ${done} of ${total}` : label,
  };
}

// ---------------------------------------------------------------------------------------------
// Previews

/** The live points preview under a form: one line per program. */
/** The programs whose points the clerk follows: what she chose in Settings (`stored`, a JSON
 *  list of program ids), else the CMC and the MMC; only programs that exist. */
export function followedPrograms(stored, programs) {
  const known = (programs || []).map((p) => p.id);
  let chosen = null;
  try { chosen = stored ? JSON.parse(stored) : null; } catch { chosen = null; }
  const wanted = Array.isArray(chosen) ? chosen : ['cmc', 'mmc'];
  return known.filter((id) => wanted.includes(id));
}

/** The live points per program, for the programs she follows (all when `followed` is null). */
export function previewLines(preview, followed = null) {
  return (preview || []).filter((p) => !followed || followed.includes(p.program)).map((p) => {
    const name = p.program_name || p.program;
    const short = String(p.program || '').toUpperCase();
    if (!p.points) {
      return { program: p.program, name, short, text: 'does not count for this program', basis: null, excluded: true, warnings: [] };
    }
    const rp = p.points;
    const excluded = rp.basis === 'excluded' || !!rp.excluded;
    return {
      program: p.program,
      name,
      short,
      text: excluded ? `not counted: ${rp.excluded || 'excluded'}` : rp.basis === 'not-entered' ? 'no points entered yet' : pointsText(rp.points),
      basis: excluded ? 'excluded' : rp.basis,
      basisText: basisLabel(excluded ? 'excluded' : rp.basis),
      excluded,
      warnings: rp.warnings || [],
    };
  });
}

/** Calls `fn` once `ms` after the last call; `.cancel()` drops a pending call. */
export function debounce(fn, ms, timers = globalThis) {
  let handle = null;
  const debounced = (...args) => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = timers.setTimeout(() => {
      handle = null;
      fn(...args);
    }, ms);
  };
  debounced.cancel = () => {
    if (handle !== null) timers.clearTimeout(handle);
    handle = null;
  };
  return debounced;
}

// ---------------------------------------------------------------------------------------------
// Form validation. Each takes the form's raw string values and returns
// { errors: {field: message}, changes } — `changes` in the engine's field names, ready to save.

function text(v) {
  return typeof v === 'string' ? v.trim() : v === undefined || v === null ? '' : String(v).trim();
}

function checkDate(errors, field, value, { required = false, label = 'date' } = {}) {
  if (!value) {
    if (required) errors[field] = `Enter the ${label}.`;
    return;
  }
  if (value === 'incomplete-date') errors[field] = `Enter the ${label} in full: day, month and year.`;
  else if (!isIsoDate(value)) errors[field] = `Enter the ${label} as a date (YYYY-MM-DD).`;
}

/** Planned (it has not happened yet) or done: sent when it differs from the record's. */
function plannedChange(values, changes, original) {
  const planned = !!values.planned;
  if (planned !== !!(original && original.planned)) changes.planned = planned;
}

/** A date after `today`: what is offered as planned rather than saved as "not counted". */
export function isFuture(iso, today) {
  return isIsoDate(iso) && !!today && iso > today;
}

function checkEntered(errors, values, changes, original) {
  if (values.enter_points) {
    const raw = text(values.points);
    const reason = text(values.reason);
    const points = Number(raw);
    if (raw === '') errors.points = 'Enter the points, or untick “Enter the points myself”.';
    else if (!Number.isFinite(points) || points < 0) errors.points = 'Points must be a number of 0 or more.';
    if (!reason) errors.reason = 'Say where the points come from (e.g. “stated on the certificate”).';
    if (!errors.points && !errors.reason) changes.entered = { points, reason };
  } else if (original && original.entered) {
    changes.clear_points = true;
  }
}

export function validateEducation(values, original = null) {
  const errors = {};
  const changes = {};
  for (const [field, label] of [['title', 'title'], ['provider', 'provider'], ['category', 'category']]) {
    const v = text(values[field]);
    if (!v) errors[field] = field === 'category' ? 'Choose a category.' : `Enter the ${label}.`;
    else changes[field] = v;
  }
  const start = text(values.start);
  const end = text(values.end);
  checkDate(errors, 'start', start, { required: true, label: 'date' });
  checkDate(errors, 'end', end, { label: 'end date' });
  if (!errors.start && start) changes.start = start;
  if (!errors.end && !errors.start && end && start && end < start) errors.end = 'The end date is before the start date.';
  if (!errors.end && end) changes.end = end;
  if (!end && original && original.end) changes.clear_end = true;
  const hoursText = text(values.hours);
  const hours = Number(hoursText);
  if (hoursText === '') errors.hours = 'Enter the contact hours (0 if none).';
  else if (!Number.isFinite(hours) || hours < 0) errors.hours = 'Hours must be a number of 0 or more.';
  else changes.hours = hours;
  changes.certificate = text(values.certificate);
  changes.learned = text(values.learned);
  const level = text(values.level);
  if (level) changes.level = level;
  changes.assessment = !!values.assessment;
  const sponsor = text(values.sponsor);
  if (sponsor && !SPONSORS.some((o) => o.value === sponsor)) errors.sponsor = 'Choose who sponsored it.';
  else changes.sponsor = sponsor || 'unknown';
  plannedChange(values, changes, original);
  checkEntered(errors, values, changes, original);
  return { errors, changes, valid: Object.keys(errors).length === 0 };
}

/** Who sponsored an institute, academy or course (the engine's `Sponsor`; empty: not recorded). */
export const SPONSORS = [
  { value: 'state-association', label: 'A state association (e.g. the state clerks association)' },
  { value: 'iimc', label: 'IIMC' },
  { value: 'university', label: 'A university or college' },
  { value: 'other', label: 'Another sponsor' },
];

export function validateExperience(values, original = null) {
  const errors = {};
  const changes = {};
  const category = text(values.category);
  if (!category) errors.category = 'Choose a category.';
  else changes.category = category;
  const title = text(values.title);
  if (!title) errors.title = 'Enter the title or position.';
  else changes.title = title;
  changes.organisation = text(values.organisation);
  const start = text(values.start);
  const current = !!values.current;
  const end = current ? '' : text(values.end);
  checkDate(errors, 'start', start, { required: true, label: 'start date' });
  checkDate(errors, 'end', end, { label: 'end date' });
  if (!errors.start && start) changes.start = start;
  if (!errors.end && !errors.start && end && start && end < start) errors.end = 'The end date is before the start date.';
  if (!errors.end && end) changes.end = end;
  if (!end && original && original.end) changes.clear_end = true;
  changes.notes = text(values.notes);
  plannedChange(values, changes, original);
  checkEntered(errors, values, changes, original);
  return { errors, changes, valid: Object.keys(errors).length === 0 };
}

export function validateMembership(values, original = null) {
  const errors = {};
  const changes = {};
  const type = text(values.member_type);
  if (!MEMBER_TYPES[type]) errors.member_type = 'Choose the membership type.';
  else changes.member_type = type;
  const organisation = text(values.organisation);
  if (!organisation) errors.organisation = 'Enter the organisation (IIMC for your IIMC membership).';
  else changes.organisation = organisation;
  const start = text(values.start);
  const end = text(values.end);
  checkDate(errors, 'start', start, { required: true, label: 'start date' });
  checkDate(errors, 'end', end, { label: 'end date' });
  if (!errors.start && start) changes.start = start;
  if (!errors.end && !errors.start && end && start && end < start) errors.end = 'The end date is before the start date.';
  if (!errors.end && end) changes.end = end;
  if (!end && original && original.end) changes.clear_end = true;
  return { errors, changes, valid: Object.keys(errors).length === 0 };
}

export const PROFILE_FIELDS = [
  ['full_name', 'Full name'],
  ['title', 'Title'],
  ['municipality', 'Municipality'],
  ['state', 'State or province'],
  ['country', 'Country'],
  ['address', 'Address'],
  ['email', 'E-mail'],
  ['phone', 'Phone'],
  ['member_id', 'IIMC member number'],
  ['ethics_affirmed', 'IIMC Code of Ethics affirmed on'],
];

export function validateProfile(values) {
  const errors = {};
  const changes = {};
  for (const [field] of PROFILE_FIELDS) {
    if (field === 'ethics_affirmed') continue;
    changes[field] = text(values[field]);
  }
  if (!changes.full_name) errors.full_name = 'Enter your name as it should appear on the application.';
  if (changes.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(changes.email)) errors.email = 'Enter an e-mail address such as clerk@city.gov.';
  const ethics = text(values.ethics_affirmed);
  checkDate(errors, 'ethics_affirmed', ethics, { label: 'date' });
  if (ethics && !errors.ethics_affirmed) changes.ethics_affirmed = ethics;
  return { errors, changes, valid: Object.keys(errors).length === 0 };
}

export function validateDesignation(values) {
  const errors = {};
  const program = text(values.program);
  if (!['cmc', 'cmc-recert', 'mmc'].includes(program)) errors.program = 'Choose the designation.';
  const date = text(values.date);
  checkDate(errors, 'date', date, { required: true, label: 'award date' });
  return { errors, valid: Object.keys(errors).length === 0, program, date };
}

/** Form values for an existing record (or blanks for a new one). */
export function educationFormValues(record) {
  const r = record || {};
  return {
    title: r.title || '',
    provider: r.provider || '',
    category: r.category || '',
    certificate: r.certificate || '',
    start: r.start || '',
    end: r.end || '',
    hours: r.hours === undefined || r.hours === null ? '' : String(r.hours),
    level: r.level || '',
    assessment: !!r.assessment,
    sponsor: r.sponsor && r.sponsor !== 'unknown' ? r.sponsor : '',
    learned: r.learned || '',
    enter_points: !!r.entered,
    points: r.entered ? String(r.entered.points) : '',
    reason: r.entered ? r.entered.reason : '',
    planned: !!r.planned,
  };
}

/** The unit of stated points that are CMC/MMC points (the engine's `certificate::amounts`). */
const CMC_POINTS = 'CMC/MMC points';

/**
 * A certificate's reading (the engine's `fields`: { name: { value, confidence, source } }) as
 * education form values and, per form field, the words on the certificate it came from. Only
 * what was read is filled in; points only when the certificate states CMC/MMC points (CEUs and
 * the like are other units, converted, if at all, by the clerk).
 */
export function readingFormValues(fields) {
  const f = fields || {};
  const get = (name) => (f[name] ? String(f[name].value) : '');
  const values = educationFormValues(null);
  const sources = {};
  for (const [form, read] of [['title', 'title'], ['provider', 'provider'], ['category', 'category'], ['start', 'date'],
    ['end', 'end_date'], ['hours', 'hours'], ['level', 'level'], ['certificate', 'certificate_number']]) {
    if (!f[read]) continue;
    values[form] = get(read);
    sources[form] = f[read].source;
  }
  if (f.credits && get('credits_unit') === CMC_POINTS) {
    values.enter_points = true;
    values.points = get('credits');
    values.reason = 'stated on the certificate';
    sources.points = f.credits.source;
  }
  return { values, sources };
}

/** One queued certificate for the review list: what it is, and what it needs from the clerk. */
export function intakeItemView(item) {
  const f = item.fields || {};
  const value = (name) => (f[name] ? f[name].value : null);
  const needs = [...(item.checks || []), ...(item.warnings || [])];
  const missing = item.missing || [];
  let status = { label: 'ready to accept', tone: 'ok' };
  if (missing.length) status = { label: `not read: ${missing.join(', ')}`, tone: 'warn' };
  else if (needs.length) status = { label: needs.length === 1 ? '1 thing to check' : `${needs.length} things to check`, tone: 'warn' };
  if (item.text_from === 'none') status = { label: 'could not be read', tone: 'danger' };
  return {
    id: item.id,
    name: item.name,
    title: value('title') || 'Title not read',
    when: value('date') ? fmtDate(value('date')) : 'date not read',
    status,
    notes: needs,
    readBy: item.text_from === 'ocr' ? 'read by OCR' : item.text_from === 'pdf-text' ? 'read from the PDF text' : 'nothing read',
  };
}

export function experienceFormValues(record) {
  const r = record || {};
  return {
    category: r.category || '',
    title: r.title || '',
    organisation: r.organisation || '',
    start: r.start || '',
    end: r.end || '',
    current: !!record && !r.end,
    notes: r.notes || '',
    // Unticked for a new record: she may save it without points (listed as "no points entered"
    // in what is missing) and add them when she knows them.
    enter_points: !!r.entered,
    points: r.entered ? String(r.entered.points) : '',
    reason: r.entered ? r.entered.reason : '',
    planned: !!r.planned,
  };
}

/**
 * The recorded period of the same organisation that the period being saved overlaps (ongoing
 * periods run to the end of time), or null. `period`: { organisation, start, end }; `editing`:
 * the id of the period being edited (it does not overlap itself).
 */
export function overlappingMembership(period, memberships, editing = null) {
  const org = text(period.organisation).toLowerCase();
  const end = period.end || '9999-12-31';
  return (memberships || []).find((m) => m.id !== editing && String(m.organisation).toLowerCase() === org
    && m.start <= end && period.start <= (m.end || '9999-12-31')) || null;
}

export function membershipFormValues(record) {
  const r = record || {};
  return {
    member_type: r.type || 'full',
    organisation: r.organisation || 'IIMC',
    start: r.start || '',
    end: r.end || '',
  };
}

/** Points per record from a status, keyed "education:3". */
export function pointsByRecord(progress) {
  const map = new Map();
  if (!progress) return map;
  for (const req of progress.requirements) {
    for (const r of req.records) map.set(`${r.record}:${r.id}`, r);
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
// Import and export

/**
 * The import dialog's view of a plan (`import csv --dry-run --json`): the rows that would be
 * added (kind, title, date), every bad row with its line number and reason, and whether the
 * import may go ahead: nothing is imported while a row is bad, unless those rows are skipped.
 */
export function importPlanView(plan) {
  const rows = ((plan && plan.rows) || []).map((r) => ({
    line: r.line,
    kind: r.record === 'experience' ? 'Experience' : 'Education',
    title: r.title || '',
    date: (r.record === 'experience' ? r.start : r.date) || '',
  }));
  const problems = ((plan && plan.problems) || []).map((p) => ({ line: p.line, message: p.message }));
  const records = (n) => `${n} ${n === 1 ? 'record' : 'records'}`;
  const rowsWord = (n) => `${n} ${n === 1 ? 'row' : 'rows'}`;
  return {
    file: fileName(plan && plan.file),
    rows,
    problems,
    action: `Import ${records(rows.length)}`,
    summary: problems.length === 0
      ? `${records(rows.length)} ready to import.`
      : `${rowsWord(problems.length)} ${problems.length === 1 ? 'has a problem' : 'have problems'}: nothing is imported until ${problems.length === 1 ? 'it is' : 'they are'} corrected in the file, unless you skip ${problems.length === 1 ? 'it' : 'them'} and import the other ${records(rows.length)}.`,
    canImport: (skipInvalid) => rows.length > 0 && (problems.length === 0 || !!skipInvalid),
  };
}

/** The toast after an import: `{ education, experience, skipped }` from import_apply. */
export function importDoneText(done) {
  const d = done || {};
  const total = (d.education || 0) + (d.experience || 0);
  const skipped = d.skipped ? `; ${d.skipped} ${d.skipped === 1 ? 'row with a problem was' : 'rows with problems were'} left out` : '';
  return `Imported ${total} ${total === 1 ? 'record' : 'records'} (${d.education || 0} education, ${d.experience || 0} experience)${skipped}.`;
}

/** The toast after an export: `{ path, education, experience }` from export_records. */
export function exportDoneText(done) {
  const d = done || {};
  const total = (d.education || 0) + (d.experience || 0);
  return `Exported ${total} ${total === 1 ? 'record' : 'records'} to ${fileName(d.path)}.`;
}

/** "5 education, 4 experience, 3 membership records; 6 files": what a backup holds. */
export function backupContents(listed) {
  const r = (listed && listed.records) || {};
  const records = ['education', 'experience', 'membership', 'designation']
    .filter((k) => r[k]).map((k) => `${r[k]} ${k}`);
  const files = r.evidence || 0;
  return `${records.length ? `${records.join(', ')} records` : 'no records'}; ${files} evidence ${files === 1 ? 'file' : 'files'}`;
}

/** "today", "yesterday", "3 days ago". */
function daysAgo(n) {
  if (n === null || n === undefined || n <= 0) return 'today';
  return n === 1 ? 'yesterday' : `${n} days ago`;
}

/**
 * What the dashboard and Settings say about backups, from `backup_status`
 * ({ status, error } or null while it loads): the headline, where they go, the warnings to
 * act on (each with the action it offers: `pick` another folder, or back up `now`), and why the
 * last automatic backup failed.
 */
export function backupView(backup) {
  if (!backup || !backup.status) return { tone: 'none', headline: 'Checking your backups…', where: '', warnings: [], error: null };
  const s = backup.status;
  const last = s.last;
  const headline = last
    ? `Last backup ${daysAgo(s.days_since_last)} (${fmtDate(last.day)}): ${backupContents(last)}.`
    : s.automatic ? 'No backup yet. Clerkfolio makes one automatically within a minute of a change.' : 'No backup yet, and automatic backups are off.';
  const where = `${last ? 'In' : 'Backups go to'} ${s.folder}${s.default_folder ? ' (your Documents)' : ''}`;
  const warnings = (s.warnings || []).map((w) => ({
    kind: w.kind,
    message: w.message,
    action: (w.kind === 'same-disk' || w.kind === 'unreachable') ? 'pick' : 'now',
  }));
  const error = backup.error ? `The last automatic backup did not work: ${backup.error}` : null;
  const tone = error || warnings.length ? 'warn' : last ? 'ok' : 'none';
  return { tone, headline, where, warnings, error };
}

// ---------------------------------------------------------------- applications sent to IIMC

/** "Mark as submitted…": the day it was sent (not after today) and the program. */
export function validateSubmission(values, today) {
  const errors = {};
  const program = text(values.program);
  if (!['cmc', 'mmc'].includes(program)) errors.program = 'Choose the designation applied for.';
  const date = text(values.date);
  checkDate(errors, 'date', date, { required: true, label: 'day it was sent' });
  if (!errors.date && today && date > today) errors.date = 'The day it was sent cannot be after today.';
  return { errors, valid: Object.keys(errors).length === 0, program, date };
}

/** "Record award…": the award date, not after today nor before the submission. */
export function validateAward(values, submittedOn, today) {
  const errors = {};
  const date = text(values.date);
  checkDate(errors, 'date', date, { required: true, label: 'award date' });
  if (!errors.date && today && date > today) errors.date = 'The award date cannot be after today.';
  else if (!errors.date && submittedOn && date < submittedOn) errors.date = `The award date cannot be before the application was sent (${fmtDate(submittedOn)}).`;
  return { errors, valid: Object.keys(errors).length === 0, date };
}

/** "Mark returned…": what IIMC said. */
export function validateReturn(values) {
  const errors = {};
  const note = text(values.note);
  if (!note) errors.note = 'Say why IIMC returned it (what their letter or e-mail said).';
  return { errors, valid: Object.keys(errors).length === 0, note };
}

/** One application as the Packet screen lists it. */
export function applicationView(a) {
  const program = String(a.program || '').toUpperCase();
  const status = a.status === 'approved'
    ? { label: `Approved, awarded ${fmtDate(a.awarded_on)}`, tone: 'ok' }
    : a.status === 'returned'
      ? { label: `Returned ${fmtDate(a.returned_on)}`, tone: 'warn' }
      : { label: 'Submitted, awaiting IIMC', tone: '' };
  const records = a.records.length;
  const changed = a.changed
    ? `${a.changed} ${a.changed === 1 ? 'record differs' : 'records differ'} from what was sent: ${a.records.filter((r) => r.changes.length).map((r) => `“${r.title}” (${r.changes.join(', ')})`).join('; ')}`
    : null;
  return {
    id: a.id,
    title: `${program} application`,
    submitted: fmtDate(a.submitted_on),
    status,
    note: a.status === 'returned' ? a.note : null,
    contents: `${records} ${records === 1 ? 'record' : 'records'}, ${a.exhibits.length} ${a.exhibits.length === 1 ? 'exhibit' : 'exhibits'}; ${a.packet.file}`,
    changed,
    canDecide: a.status === 'submitted',
    // Removable when recorded by mistake; an approved one only once its designation is removed
    // (the engine refuses it before, naming the designation).
    canRemove: a.status !== 'approved' || a.designation == null,
  };
}

/** How a record stands toward the applications that used it (not returned): null if none.
 *  A record edited since it was sent says so. */
export function submittedMark(applications, record, id) {
  for (const a of applications || []) {
    if (a.status === 'returned') continue;
    const r = a.records.find((x) => x.record === record && x.id === id);
    if (!r) continue;
    const program = String(a.program).toUpperCase();
    return r.changes.length
      ? { text: `changed since sent with the ${program} application`, tone: 'warn', title: `Differs from what was submitted on ${fmtDate(a.submitted_on)}: ${r.changes.join(', ')}` }
      : { text: `sent with the ${program} application`, tone: '', title: `Submitted on ${fmtDate(a.submitted_on)}` };
  }
  return null;
}
