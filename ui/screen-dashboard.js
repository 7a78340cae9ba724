// Dashboard: progress toward the CMC (and the MMC once the CMC is recorded), eligibility, what is
// missing, caveats, reminders and recent activity.
import { h, fill, ring, chip, progressbar } from './dom.js';
import {
  requirementCards, eligibilityView, membershipView, dueReminders, recentActivity,
  fmtPoints, fmtDate, dashboardPrograms, statusLabel, stepsView, followsEpp, eppView, cutoffText,
} from './logic.js';
import { reminderItem } from './screen-reminders.js';

function requirementCard(card) {
  const text = `${fmtPoints(card.earned)} of ${fmtPoints(card.required)} ${card.unit}${card.met ? ', met' : ''}`;
  return h('article', { class: `card req-card${card.met ? ' is-met' : ''}`, 'data-testid': `requirement-${card.id}` },
    h('div', { class: 'req-top' },
      h('div', { class: 'req-ring', ...progressbar(card.label, card.earned, card.required, text) },
        ring(card.fraction, { met: card.met }),
        h('div', { class: 'ring-center', 'aria-hidden': 'true' },
          h('span', { class: 'earned' }, fmtPoints(card.earned)),
          h('span', { class: 'of' }, 'of ', h('span', { class: 'required' }, fmtPoints(card.required))),
        ),
      ),
      h('div', { class: 'req-body' },
        h('h3', {}, card.label),
        h('p', { class: `req-summary ${card.met ? 'ok' : ''}` }, card.met ? h('span', { class: 'tick', 'aria-hidden': 'true' }, '✓ ') : null, card.summary),
        card.caveats.length ? h('p', { class: 'req-caveat' }, card.caveats.join(' · ')) : null,
      ),
    ),
    h('ul', { class: 'items', 'aria-label': `${card.label} by kind` }, card.items.map((item) => h('li', { class: 'item' },
      h('div', { class: 'item-head' },
        h('span', { class: 'item-label', title: item.label }, item.label),
        h('span', { class: 'item-figure' }, fmtPoints(item.earned), item.max !== null && item.max !== undefined ? ` / max ${fmtPoints(item.max)}` : ''),
      ),
      h('div', { class: 'item-foot' },
        h('progress', { class: 'bar', max: '1', value: String(item.fraction), 'aria-label': item.label,
          'aria-valuetext': `${fmtPoints(item.earned)} of the ${fmtPoints(card.required)} ${card.unit} required${item.max !== null && item.max !== undefined ? `; counts up to ${fmtPoints(item.max)}` : ''}` }),
        chip(item.statusText, item.status),
        item.capped ? chip('capped', 'warn') : null,
      ),
    ))),
  );
}

function membershipCard(view) {
  if (!view) return null;
  return h('article', { class: `card member-card${view.met ? ' is-met' : ''}`, 'data-testid': 'membership-card' },
    h('h3', {}, 'Membership'),
    h('p', { class: `member-headline ${view.met ? 'ok' : 'warn'}` }, view.met ? h('span', { class: 'tick', 'aria-hidden': 'true' }, '✓ ') : null, view.headline),
    h('ul', { class: 'plain' }, view.lines.map((l) => h('li', {}, l))),
    view.estimate ? h('p', { class: 'hint' }, chip('estimate', 'inferred'), ' The continuous reading is Clerkfolio’s conservative choice.') : null,
  );
}

function checksCard(progress) {
  const met = progress.checks.filter((c) => c.met).length;
  return h('article', { class: 'card checks-card', 'data-testid': 'checks' },
    h('h3', {}, 'Readiness checklist'),
    h('p', { class: 'checks-count' }, `${met} of ${progress.checks.length} done`),
    h('ul', { class: 'checklist' }, progress.checks.map((c) => h('li', { class: c.met ? 'done' : 'todo' },
      h('span', { class: 'check-mark', 'aria-hidden': 'true' }, c.met ? '✓' : '○'),
      h('span', {}, h('span', { class: 'visually-hidden' }, c.met ? 'Done: ' : 'To do: '), c.label.replace(/\s*\(.*\)$/, ''),
        c.detail ? h('span', { class: 'check-detail' }, c.detail) : null,
        c.status !== 'verified' ? [' ', chip(statusLabel(c.status), c.status)] : null),
    ))),
    feesList(progress.fees),
  );
}

/** Fees as IIMC's page states them: information beside the checklist, never a condition. A fee
 *  no source states is named without a figure. */
function feesList(fees) {
  if (!fees || !fees.length) return null;
  return h('div', { class: 'fees', 'data-testid': 'fees' },
    h('p', { class: 'fees-title' }, 'Fees (for information)'),
    h('ul', { class: 'plain' }, fees.map((f) => h('li', { title: `Source: ${f.source}` },
      `${f.label}${f.optional ? ' (optional)' : ''}: `,
      f.amount ? h('strong', {}, f.amount) : h('span', { class: 'hint' }, 'amount not stated in the sources cited'),
      h('span', { class: 'check-detail' }, `Source: ${f.source}`),
    ))),
  );
}

function programBlock(ctx, progress) {
  const view = eligibilityView(progress, ctx.today());
  const cards = requirementCards(progress);
  return h('div', { class: 'program-block', 'data-testid': `program-${progress.program}` },
    // The program's name as a heading for screen readers' heading lists (the cards are h3 under it).
    h('h2', { class: 'visually-hidden' }, progress.program_name || progress.program.toUpperCase()),
    h('div', { class: `eligibility eligibility-${view.state}`, 'data-testid': 'eligibility' },
      h('div', { class: 'eligibility-icon', 'aria-hidden': 'true' }, view.state === 'eligible' ? '✓' : view.state === 'expected' ? '◷' : '…'),
      h('div', { class: 'eligibility-text' },
        h('p', { class: 'eligibility-headline' }, view.headline),
        h('p', { class: 'eligibility-detail' }, view.detail),
        cutoffText(progress) ? h('p', { class: 'eligibility-detail', 'data-testid': 'cutoff' }, cutoffText(progress)) : null,
        progress.missing.length ? h('ul', { class: 'missing', 'data-testid': 'missing', 'aria-label': 'Still to do' }, stepsView(progress).map((s) => h('li', {}, s.text,
          s.screen ? [' ', h('button', { type: 'button', class: 'link-button', 'data-testid': `missing-go-${s.screen}`, onclick: () => ctx.navigate(s.screen) }, s.link)] : null))) : null,
      ),
    ),
    h('div', { class: 'cards' },
      cards.map(requirementCard),
      membershipCard(membershipView({ ...progress.membership, as_of: progress.as_of })),
      checksCard(progress),
    ),
  );
}

/** The Education PLUS Program's current cycle, for a clerk who holds the MMC. */
function eppBlock(progress) {
  const view = eppView(progress);
  if (!view) return null;
  return h('div', { class: 'program-block', 'data-testid': 'program-epp' },
    h('div', { class: `eligibility eligibility-${view.state}`, 'data-testid': 'epp-cycle' },
      h('div', { class: 'eligibility-icon', 'aria-hidden': 'true' }, view.state === 'eligible' ? '✓' : '◷'),
      h('div', { class: 'eligibility-text' },
        h('p', { class: 'eligibility-headline' }, view.headline),
        view.lines.map((l) => h('p', { class: 'eligibility-detail' }, l)),
      ),
    ),
    h('div', { class: 'cards' }, requirementCards(progress).map(requirementCard)),
  );
}

function remindersPanel(ctx) {
  const list = dueReminders(ctx.state.reminders, ctx.today());
  return h('section', { class: 'panel', 'data-testid': 'reminders', 'aria-labelledby': 'reminders-heading' },
    h('h2', { id: 'reminders-heading' }, 'Reminders due'),
    list.length === 0 ? h('p', { class: 'empty' }, 'Nothing due. Clerkfolio reminds you of renewals, anniversaries and missing certificates as they come up.') :
      h('ul', { class: 'reminders' }, list.map((r) => reminderItem(ctx, r))),
    h('button', { type: 'button', class: 'link-button', 'data-testid': 'all-reminders', onclick: () => ctx.navigate('reminders') }, 'All reminders, snoozed and dismissed ones, your own…'),
  );
}

function activityPanel(ctx) {
  const rows = recentActivity(ctx.state.education, ctx.state.experience, ctx.state.membership, 5);
  return h('section', { class: 'panel', 'data-testid': 'recent-activity', 'aria-labelledby': 'activity-heading' },
    h('h2', { id: 'activity-heading' }, 'Recent activity'),
    rows.length === 0 ? h('p', { class: 'empty' }, 'No records yet. Add your IIMC membership, then your education and experience.') :
      h('ul', { class: 'activity' }, rows.map((r) => h('li', {},
        h('span', { class: `kind kind-${r.kind}` }, r.kind),
        h('button', { type: 'button', class: 'link-button activity-title', onclick: () => ctx.navigate(r.kind) }, r.title),
        h('span', { class: 'activity-sub' }, [r.subtitle, fmtDate(r.date)].filter(Boolean).join(' · ')),
      ))),
  );
}

function notesPanel(programsShown) {
  const notes = [...new Set(programsShown.filter(Boolean).flatMap((p) => p.notes))];
  if (!notes.length) return null;
  return h('details', { class: 'panel notes', 'data-testid': 'notes' },
    h('summary', {}, h('span', { class: 'notes-title' }, 'About these figures'), h('span', { class: 'notes-sub' }, `${notes.length} caveats: what is IIMC’s word and what is Clerkfolio’s estimate or your claim`)),
    h('ul', {}, notes.map((n) => h('li', {}, n))),
  );
}

export function render(ctx, root) {
  const { state } = ctx;
  const ids = dashboardPrograms(state.designations);
  const shown = ids.map((id) => state.status[id]).filter(Boolean);
  const epp = followsEpp(state.designations) ? state.status.epp : null;
  const name = state.profile && state.profile.full_name ? state.profile.full_name.split(' ')[0] : '';
  const held = state.designations.filter((d) => !d.recertification).map((d) => `${d.program.toUpperCase()} since ${fmtDate(d.awarded_on)}`);
  fill(root,
    h('header', { class: 'screen-header' },
      h('div', {},
        h('h1', { id: 'heading-dashboard' }, name ? `Welcome back, ${name}` : 'Dashboard'),
        h('p', { class: 'subtitle' }, shown.length ? `Progress toward the ${shown.map((p) => p.program_name).join(' and ')}, as of ${fmtDate(shown[0].as_of)}.`
          : epp ? `You hold both designations. Your Education PLUS Program cycle, as of ${fmtDate(epp.as_of)}.` : 'You hold both designations.'),
      ),
      held.length ? h('div', { class: 'held' }, held.map((t) => chip(t, 'ok'))) : null,
    ),
    shown.map((p) => programBlock(ctx, p)),
    epp ? eppBlock(epp) : null,
    h('div', { class: 'two-col' }, remindersPanel(ctx), activityPanel(ctx)),
    notesPanel([...shown, epp]),
  );
}
