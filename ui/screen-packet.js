// Application packet: preflight checklist, program and paper choice, generation with progress,
// then the report with Open and Show in folder.
import { h, fill, keepFocus, field, input, select, textarea, formValues, showErrors, chip } from './dom.js';
import {
  groupFindings, packetFileName, packetReportView, progressView,
  validateSubmission, validateAward, validateReturn, applicationView, fmtDate,
} from './logic.js';

export const PAPER_KEY = 'clerkfolio.paper';

export function paperPreference() {
  try {
    const v = globalThis.localStorage && localStorage.getItem(PAPER_KEY);
    return v === 'a4' ? 'a4' : 'letter';
  } catch {
    return 'letter';
  }
}

const local = {
  program: null,
  paper: null,
  findings: null, // { program, list }
  checking: false,
  running: false,
  progress: null,
  report: null,
  referSubmitted: false,
};

async function check(ctx, root) {
  local.checking = true;
  const program = local.program;
  const list = await ctx.attempt(() => ctx.api.packetCheck(program, null));
  local.checking = false;
  local.findings = list === undefined ? null : { program, list };
  if (ctx.state.screen === 'packet') render(ctx, root, { recheck: false });
}

async function generate(ctx, root) {
  const program = local.program;
  const path = await ctx.attempt(() => ctx.api.pickSave(packetFileName(ctx.state.profile, program), 'pdf'));
  if (!path) return;
  local.running = true;
  local.report = null;
  local.progress = { fraction: 0, text: 'Starting…' };
  render(ctx, root, { recheck: false });
  let unlisten = null;
  try {
    unlisten = await ctx.api.on('packet-progress', (payload) => {
      local.progress = progressView(payload);
      const bar = root.querySelector('[data-testid="packet-progress"]');
      const text = root.querySelector('[data-testid="packet-progress-text"]');
      if (bar) bar.value = local.progress.fraction;
      if (text) text.textContent = local.progress.text;
    });
  } catch {
    unlisten = null; // progress is a nicety: the packet is still built
  }
  const refer = local.referSubmitted && earlierApplications(ctx, program).length > 0;
  const report = await ctx.attempt(() => ctx.api.packetGenerate(program, path, local.paper, refer));
  if (typeof unlisten === 'function') unlisten();
  local.running = false;
  local.progress = null;
  if (report) {
    // The records it was made from: a change after this marks it out of date.
    local.report = { ...packetReportView(report), stamp: ctx.state.stamp, program };
    ctx.toast(`Packet written: ${local.report.name}`);
  }
  render(ctx, root, { recheck: false });
  const focusTarget = root.querySelector(report ? '[data-testid="open-packet"]' : '[data-testid="generate-packet"]');
  if (focusTarget) focusTarget.focus();
}

/** Applications for another program, not returned: their exhibits can be listed, not appended. */
function earlierApplications(ctx, program) {
  return (ctx.state.applications || []).filter((a) => a.program !== program && a.status !== 'returned');
}

function referChoice(ctx) {
  const earlier = earlierApplications(ctx, local.program);
  if (!earlier.length) return null;
  const a = earlier[earlier.length - 1];
  const box = input('checkbox', local.referSubmitted, { id: 'packet-refer', 'data-testid': 'refer-submitted', onchange: () => { local.referSubmitted = box.checked; } });
  return h('div', { class: 'refer-choice' }, field({
    name: 'refer_submitted',
    label: `List documents already sent with the ${a.program.toUpperCase()} application of ${fmtDate(a.submitted_on)} instead of attaching them again`,
    control: box,
    hint: 'The exhibit index then says “submitted with the application on DATE” for each of them.',
  }));
}

/** "Mark as submitted…": the packet just made, recorded as the application sent to IIMC. */
async function markSubmitted(ctx) {
  const r = local.report;
  const options = ctx.state.programs.filter((p) => p.id === 'cmc' || p.id === 'mmc').map((p) => ({ value: p.id, label: p.name }));
  const saved = await ctx.dialog({
    title: 'Mark as submitted',
    testid: 'submit-dialog',
    saveLabel: 'Mark as submitted',
    build: (body) => {
      body.append(h('p', { class: 'hint' }, `${r.name} is kept in your vault with its fingerprint (SHA-256), with the records and documents it contains. Records sent with the CMC application no longer count toward the MMC.`));
      body.append(h('div', { class: 'form-grid' },
        field({ name: 'program', label: 'Applied for', required: true, wide: true, control: select(options, r.program) }),
        field({ name: 'date', label: 'Sent to IIMC on', required: true, control: input('date', ctx.today(), { max: ctx.today() }) }),
      ));
    },
    submit: async (form) => {
      const result = validateSubmission(formValues(form), ctx.today());
      if (!showErrors(form, result.errors)) return false;
      r.application = await ctx.api.applicationSubmit(result.program, r.path, result.date);
      r.submitted = result.date;
      return true;
    },
  });
  if (saved) {
    ctx.toast('Application recorded as submitted.');
    await ctx.attempt(() => ctx.refresh());
    ctx.refocus('#applications-heading');
  }
}

async function recordAward(ctx, a) {
  const saved = await ctx.dialog({
    title: `Record the ${a.program.toUpperCase()} award`,
    testid: 'award-dialog',
    saveLabel: 'Record award',
    build: (body) => {
      body.append(h('p', { class: 'hint' }, `The ${a.program.toUpperCase()} designation is recorded with this date.`));
      body.append(h('div', { class: 'form-grid' },
        field({ name: 'date', label: 'Awarded on', required: true, control: input('date', '', { min: a.submitted_on, max: ctx.today() }) }),
      ));
    },
    submit: async (form) => {
      const result = validateAward(formValues(form), a.submitted_on, ctx.today());
      if (!showErrors(form, result.errors)) return false;
      await ctx.api.applicationDecide(a.id, result.date, null);
      return true;
    },
  });
  if (saved) {
    ctx.toast('Award recorded: the designation is in your portfolio. Congratulations!');
    await ctx.attempt(() => ctx.refresh());
    ctx.refocus('#applications-heading'); // the button it came from is gone
  }
}

async function markReturned(ctx, a) {
  const saved = await ctx.dialog({
    title: `Mark the ${a.program.toUpperCase()} application returned`,
    testid: 'returned-dialog',
    saveLabel: 'Mark returned',
    build: (body) => {
      body.append(h('p', { class: 'hint' }, 'Its records count again toward the programs that follow.'));
      body.append(h('div', { class: 'form-grid' },
        field({ name: 'note', label: 'What IIMC said', required: true, wide: true, control: textarea('') }),
      ));
    },
    submit: async (form) => {
      const result = validateReturn(formValues(form));
      if (!showErrors(form, result.errors)) return false;
      await ctx.api.applicationDecide(a.id, null, result.note);
      return true;
    },
  });
  if (saved) {
    ctx.toast('Application marked returned.');
    await ctx.attempt(() => ctx.refresh());
    ctx.refocus('#applications-heading');
  }
}

/** "Remove…": an application recorded by mistake (wrong packet, a test, the wrong date). */
async function removeApplication(ctx, a) {
  const name = `${a.program.toUpperCase()} application sent ${fmtDate(a.submitted_on)}`;
  const removed = await ctx.removeAfterConfirm({
    title: 'Remove this application?',
    message: [
      `The ${name} will be removed, as if it had never been marked as submitted: its records count again toward the programs that follow.`,
      `The packet file ${a.packet.file} stays in Evidence, used by nothing; remove it there if you do not need it.`,
    ],
    action: 'Remove application',
  }, async () => {
    const removed = await ctx.api.applicationRemove(a.id);
    // The packet just made is no longer recorded as sent: it can be marked again (the right date).
    if (local.report && local.report.application === a.id) Object.assign(local.report, { application: null, submitted: null });
    return removed;
  }, 'Application removed: its records count again.');
  // The button it came from is gone (the whole list, with the last application).
  if (removed) ctx.refocus('#applications-heading', '[data-testid="mark-submitted"]', '[data-testid="generate-packet"]');
}

function applicationsPanel(ctx) {
  const list = (ctx.state.applications || []).map(applicationView).reverse();
  if (!list.length) return null;
  const byId = new Map((ctx.state.applications || []).map((a) => [a.id, a]));
  return h('section', { class: 'panel applications', 'data-testid': 'applications', 'aria-labelledby': 'applications-heading' },
    h('h2', { id: 'applications-heading', tabindex: '-1' }, 'Applications sent to IIMC'),
    h('ul', { class: 'application-list' }, list.map((v) => h('li', { class: 'application', 'data-testid': `application-${v.id}` },
      h('div', { class: 'application-head' },
        h('strong', {}, v.title), ' ', h('span', { class: 'muted' }, `sent ${v.submitted}`), ' ',
        h('span', { 'data-testid': 'application-status' }, chip(v.status.label, v.status.tone))),
      h('p', { class: 'hint' }, v.contents),
      v.note ? h('p', { class: 'application-note' }, `IIMC: ${v.note}`) : null,
      v.changed ? h('p', { class: 'callout callout-warn', 'data-testid': 'application-changed' }, v.changed) : null,
      v.canDecide || v.canRemove ? h('div', { class: 'button-row' },
        v.canDecide ? h('button', { type: 'button', class: 'small primary', 'data-testid': 'record-award', 'aria-label': `Record award…, ${v.title} sent ${v.submitted}`, onclick: () => recordAward(ctx, byId.get(v.id)) }, 'Record award…') : null,
        v.canDecide ? h('button', { type: 'button', class: 'small secondary', 'data-testid': 'mark-returned', 'aria-label': `Mark returned…, ${v.title} sent ${v.submitted}`, onclick: () => markReturned(ctx, byId.get(v.id)) }, 'Mark returned…') : null,
        v.canRemove ? h('button', { type: 'button', class: 'small secondary', 'data-testid': 'remove-application', 'aria-label': `Remove…, ${v.title} sent ${v.submitted}`, onclick: () => removeApplication(ctx, byId.get(v.id)) }, 'Remove…') : null,
      ) : null,
    ))),
  );
}

function programChoice(ctx, root) {
  const programs = ctx.state.programs.filter((p) => p.id === 'cmc' || p.id === 'mmc');
  return h('fieldset', { class: 'choice', 'data-testid': 'packet-program' },
    h('legend', {}, 'Designation'),
    programs.map((p) => {
      const id = `packet-program-${p.id}`;
      const radio = h('input', { type: 'radio', name: 'program', id, value: p.id, onchange: () => { local.program = p.id; local.findings = null; local.report = null; render(ctx, root); } });
      radio.checked = local.program === p.id;
      return h('div', { class: 'radio' }, radio, h('label', { for: id }, p.name));
    }),
  );
}

function paperChoice(ctx) {
  const sel = h('select', { id: 'packet-paper', name: 'paper', 'data-testid': 'paper', onchange: () => { local.paper = sel.value; } },
    h('option', { value: 'letter' }, 'US Letter'),
    h('option', { value: 'a4' }, 'A4'));
  sel.value = local.paper;
  return h('div', { class: 'field' }, h('label', { for: 'packet-paper', class: 'field-label' }, 'Paper size'), sel);
}

function preflight() {
  if (!local.findings) {
    return h('div', { class: 'panel', 'data-testid': 'preflight', 'aria-busy': 'true' }, h('h2', {}, 'Before you generate'), h('p', { class: 'empty' }, local.checking ? 'Checking your portfolio…' : 'The check could not run.'));
  }
  const groups = groupFindings(local.findings.list);
  return h('section', { class: 'panel', 'data-testid': 'preflight', 'aria-labelledby': 'preflight-heading' },
    h('h2', { id: 'preflight-heading' }, 'Before you generate'),
    groups.length === 0
      ? h('p', { class: 'callout callout-ok' }, 'No problems found: every record has its document and every requirement is met.')
      : [
        h('p', { class: 'hint' }, 'You can generate the packet anyway (to review it, or to keep a record); IIMC will not review an application that lacks supporting documentation.'),
        groups.map((g) => h('div', { class: `finding-group finding-${g.kind}` },
          h('h3', {}, g.title, h('span', { class: 'count' }, String(g.items.length))),
          h('ul', {}, g.items.map((m) => h('li', {}, m))),
        )),
      ],
  );
}

function reportPanel(ctx) {
  const r = local.report;
  if (!r) return null;
  const outdated = r.stamp !== ctx.state.stamp;
  return h('section', { class: 'panel report', 'data-testid': 'packet-report', 'data-outdated': outdated ? 'true' : 'false', 'aria-labelledby': 'report-heading' },
    h('h2', { id: 'report-heading' }, outdated ? 'Packet out of date' : 'Packet ready'),
    outdated ? h('p', { class: 'callout callout-warn', 'data-testid': 'packet-outdated' },
      'Your portfolio changed after this packet was made. Generate it again to include the changes.') : null,
    h('p', { class: 'report-name' }, r.name),
    h('dl', { class: 'facts-grid' },
      h('div', {}, h('dt', {}, 'Pages'), h('dd', {}, String(r.pages))),
      h('div', {}, h('dt', {}, 'Application pages'), h('dd', {}, String(r.generatedPages))),
      h('div', {}, h('dt', {}, 'Exhibits'), h('dd', {}, String(r.exhibits))),
      h('div', {}, h('dt', {}, 'Size'), h('dd', {}, r.size)),
    ),
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'primary', 'data-testid': 'open-packet', onclick: () => ctx.attempt(() => ctx.api.openPath(r.path)) }, 'Open'),
      h('button', { type: 'button', class: 'secondary', 'data-testid': 'reveal-packet', onclick: () => ctx.attempt(() => ctx.api.revealPath(r.path)) }, 'Show in folder'),
      outdated || r.submitted ? null : h('button', { type: 'button', class: 'secondary', 'data-testid': 'mark-submitted', onclick: () => markSubmitted(ctx) }, 'Mark as submitted…'),
    ),
    r.submitted ? h('p', { class: 'callout callout-ok', 'data-testid': 'packet-submitted' }, `Recorded as the application sent to IIMC on ${fmtDate(r.submitted)}.`) : null,
    r.skipped.length ? h('div', { class: 'callout callout-warn', 'data-testid': 'skipped-exhibits' },
      h('p', { class: 'callout-title' }, `${r.skipped.length} ${r.skipped.length === 1 ? 'exhibit' : 'exhibits'} could not be included; a placeholder page stands in:`),
      h('ul', {}, r.skipped.map((s) => h('li', {}, h('strong', {}, `${s.exhibit} ${s.file}`), `: ${s.reason}`))),
    ) : null,
  );
}

export function render(ctx, root, { recheck = true } = {}) {
  const programIds = ctx.state.programs.map((p) => p.id);
  if (!local.program || !programIds.includes(local.program)) {
    local.program = ctx.state.designations.some((d) => d.program === 'cmc') && programIds.includes('mmc') ? 'mmc' : 'cmc';
  }
  const preferred = paperPreference();
  if (!local.paper || local.paperPreference !== preferred) {
    local.paper = preferred; // a new preference in Profile & settings wins over an earlier pick
    local.paperPreference = preferred;
  }
  if (recheck && !local.running) {
    local.findings = null;
    local.checking = true;
    check(ctx, root);
  }
  const name = (ctx.state.programs.find((p) => p.id === local.program) || {}).name || local.program.toUpperCase();
  // Redrawn when the check comes back or the designation changes (arrow keys in the radio group):
  // the focused control's counterpart keeps the focus.
  keepFocus(root, () => fill(root,
    h('header', { class: 'screen-header' },
      h('div', {},
        h('h1', { id: 'heading-packet' }, 'Application packet'),
        h('p', { class: 'subtitle' }, 'One PDF with your application summary, ledgers, exhibit index and every supporting document, ready for IIMC’s online certification portal.'),
      ),
    ),
    h('div', { class: 'packet-layout' },
      h('div', { class: 'packet-main' },
        h('section', { class: 'panel generate', 'aria-labelledby': 'generate-heading' },
          h('h2', { id: 'generate-heading' }, 'Generate'),
          h('div', { class: 'generate-options' }, programChoice(ctx, root), paperChoice(ctx)),
          referChoice(ctx),
          h('button', { type: 'button', class: 'primary huge', 'data-testid': 'generate-packet', disabled: local.running, onclick: () => generate(ctx, root) },
            local.running ? 'Generating…' : `Generate ${local.program.toUpperCase()} packet`),
          h('p', { class: 'hint' }, `For the ${name}. You choose where to save it.`),
          h('div', { class: 'progress-wrap', hidden: !local.running },
            h('progress', { 'data-testid': 'packet-progress', max: '1', value: String(local.progress ? local.progress.fraction : 0), 'aria-labelledby': 'packet-progress-text' }),
            h('p', { id: 'packet-progress-text', 'data-testid': 'packet-progress-text', 'aria-live': 'polite' }, local.progress ? local.progress.text : ''),
          ),
        ),
        reportPanel(ctx),
        applicationsPanel(ctx),
      ),
      preflight(),
    ),
  ));
}
