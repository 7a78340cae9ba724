// Reminders: what is due now (the engine's one definition, as `clerkfolio reminders` and the
// badge count it), what is coming up, what she snoozed (until when) or dismissed (restore), and
// her own reminders (add, edit, delete). Snooze for a time she chooses; dismiss has Undo.
import { h, fill, field, input, textarea, formValues, showErrors, chip } from './dom.js';
import { reminderGroups, addDays, fmtDate, isIsoDate } from './logic.js';

const SNOOZE_CHOICES = [[7, 'A week'], [30, 'A month'], [90, 'Three months']];

async function act(ctx, work, message, undo = null) {
  const ok = await ctx.attempt(work);
  if (ok === undefined) return;
  ctx.toast(message, { undo: undo && (async () => { await ctx.attempt(undo); await ctx.attempt(() => ctx.refresh()); }) });
  await ctx.attempt(() => ctx.refresh());
}

/** Dismisses `r` (this occurrence), with Undo in the message. */
export function dismiss(ctx, r) {
  return act(ctx, () => ctx.api.reminderDismiss(r.id), `Dismissed: ${r.title}.`, () => ctx.api.reminderRestore(r.id));
}

/** Asks until when, then snoozes `r`: a week, a month, three months, or a day she picks. */
export async function snooze(ctx, r) {
  const today = ctx.today();
  let until = null;
  const saved = await ctx.dialog({
    title: `Snooze: ${r.title}`,
    testid: 'snooze-dialog',
    saveLabel: 'Snooze',
    build: (body) => {
      const choices = h('div', { class: 'button-row', role: 'group', 'aria-label': 'Snooze for' },
        SNOOZE_CHOICES.map(([days, label]) => h('button', { type: 'button', class: 'secondary small', 'data-testid': `snooze-${days}`, onclick: (e) => {
          const date = e.target.closest('form').querySelector('[name=until]');
          date.value = addDays(today, days);
          date.dispatchEvent(new Event('input', { bubbles: true }));
        } }, label)));
      body.append(choices, field({ name: 'until', label: 'Show it again on', required: true, control: input('date', addDays(today, 7)), hint: r.due > today ? `It is due ${fmtDate(r.due)}.` : null }));
    },
    submit: async (form) => {
      const { until: day } = formValues(form);
      const errors = {};
      if (!isIsoDate(day)) errors.until = 'Enter the day it should show again.';
      else if (day <= today) errors.until = 'Choose a day after today.';
      if (!showErrors(form, errors)) return false;
      until = day;
      await ctx.api.reminderSnooze(r.id, day);
      return true;
    },
  });
  if (saved) {
    ctx.toast(`Snoozed until ${fmtDate(until)}.`, { undo: async () => { await ctx.attempt(() => ctx.api.reminderRestore(r.id)); await ctx.attempt(() => ctx.refresh()); } });
    await ctx.attempt(() => ctx.refresh());
  }
}

/** One reminder with its actions (shared with the dashboard). */
export function reminderItem(ctx, r) {
  return h('li', { class: `reminder tone-${r.tone}`, 'data-testid': `reminder-${r.id}` },
    h('div', { class: 'reminder-when' }, h('span', { class: 'when' }, r.when), h('span', { class: 'due' }, r.dueText)),
    h('div', { class: 'reminder-body' },
      h('p', { class: 'reminder-title' }, r.title),
      h('p', { class: 'reminder-detail' }, r.detail),
      h('div', { class: 'reminder-actions' },
        r.screen !== 'dashboard' ? h('button', { type: 'button', class: 'small secondary', 'data-testid': 'reminder-open', onclick: () => ctx.navigate(r.screen) }, `Go to ${r.screen[0].toUpperCase()}${r.screen.slice(1)}`) : null,
        h('button', { type: 'button', class: 'small secondary', 'data-testid': 'reminder-snooze', 'aria-label': `Snooze: ${r.title}`, onclick: () => snooze(ctx, r) }, 'Snooze…'),
        h('button', { type: 'button', class: 'small link-button', 'data-testid': 'reminder-dismiss', 'aria-label': `Dismiss: ${r.title}`, onclick: () => dismiss(ctx, r) }, 'Dismiss'),
      ),
    ),
  );
}

function hiddenItem(ctx, r, state) {
  return h('li', { class: 'reminder reminder-hidden', 'data-testid': `reminder-${r.id}` },
    h('div', { class: 'reminder-when' }, h('span', { class: 'due' }, r.dueText)),
    h('div', { class: 'reminder-body' },
      h('p', { class: 'reminder-title' }, r.title, ' ', chip(state, 'info')),
      h('div', { class: 'reminder-actions' },
        h('button', { type: 'button', class: 'small secondary', 'data-testid': 'reminder-restore', 'aria-label': `Restore: ${r.title}`,
          onclick: () => act(ctx, () => ctx.api.reminderRestore(r.id), `Restored: ${r.title}.`) }, 'Restore'))));
}

async function ownForm(ctx, own = null) {
  const saved = await ctx.dialog({
    title: own ? 'Edit your reminder' : 'Add a reminder',
    testid: 'own-reminder-dialog',
    saveLabel: own ? 'Save changes' : 'Add reminder',
    build: (body) => body.append(h('div', { class: 'form-grid' },
      field({ name: 'title', label: 'What to remember', required: true, wide: true, control: input('text', own ? own.title : '', { placeholder: 'e.g. Register for the fall institute' }) }),
      field({ name: 'date', label: 'Date', required: true, control: input('date', own ? own.date : '') }),
      field({ name: 'lead_days', label: 'Show it this many days before', control: input('number', own && own.lead_days !== null ? String(own.lead_days) : '', { min: '0', max: '365', step: '1' }), hint: 'Empty: the default lead time.' }),
      field({ name: 'yearly', label: 'Every year on this date', wide: true, control: input('checkbox', !!(own && own.yearly)) }),
      field({ name: 'notes', label: 'Notes', wide: true, control: textarea(own ? own.notes : '') }),
    )),
    submit: async (form) => {
      const v = formValues(form);
      const errors = {};
      if (!String(v.title || '').trim()) errors.title = 'Enter what to remember.';
      if (!isIsoDate(v.date)) errors.date = v.date === 'incomplete-date' ? 'Enter the date in full: day, month and year.' : 'Enter the date.';
      const lead = String(v.lead_days || '').trim();
      if (lead && !(/^\d+$/.test(lead) && Number(lead) <= 365)) errors.lead_days = 'Enter 0 to 365 days, or leave it empty.';
      if (!showErrors(form, errors)) return false;
      const changes = { title: v.title.trim(), date: v.date, yearly: !!v.yearly, notes: String(v.notes || '').trim() };
      if (lead) changes.lead_days = Number(lead); else changes.clear_lead = true;
      await ctx.api.reminderSave(own ? own.id : null, changes);
      return true;
    },
  });
  if (saved) {
    ctx.toast(own ? 'Reminder saved.' : 'Reminder added.');
    await ctx.attempt(() => ctx.refresh());
  }
}

function ownList(ctx) {
  const own = ctx.state.own_reminders || [];
  if (!own.length) return h('p', { class: 'empty' }, 'None yet: add a date of your own (an institute’s registration, a state training).');
  return h('ul', { class: 'reminders', 'data-testid': 'own-reminders' }, own.map((o) => h('li', { class: 'reminder', 'data-testid': `own-reminder-${o.id}` },
    h('div', { class: 'reminder-when' }, h('span', { class: 'due' }, fmtDate(o.date)), o.yearly ? h('span', { class: 'when' }, 'every year') : null),
    h('div', { class: 'reminder-body' },
      h('p', { class: 'reminder-title' }, o.title),
      o.notes ? h('p', { class: 'reminder-detail' }, o.notes) : null,
      h('div', { class: 'reminder-actions' },
        h('button', { type: 'button', class: 'small secondary', 'data-testid': 'edit', 'aria-label': `Edit ${o.title}`, onclick: () => ownForm(ctx, o) }, 'Edit'),
        h('button', { type: 'button', class: 'small link-button danger-link', 'data-testid': 'delete', 'aria-label': `Delete ${o.title}`, onclick: () => ctx.removeAfterConfirm({
          title: 'Delete this reminder?', message: `“${o.title}” (${fmtDate(o.date)}) will be deleted.`, action: 'Delete reminder',
        }, () => ctx.api.reminderRemove(o.id), 'Reminder deleted.') }, 'Delete'))))));
}

function group(id, heading, items, empty) {
  return h('section', { class: 'panel', 'data-testid': `reminders-${id}`, 'aria-labelledby': `reminders-${id}-heading` },
    h('h2', { id: `reminders-${id}-heading` }, `${heading} (${items.length})`),
    items.length ? h('ul', { class: 'reminders' }, items) : h('p', { class: 'empty' }, empty));
}

export function render(ctx, root) {
  const g = reminderGroups(ctx.state.reminders, ctx.today());
  fill(root,
    h('header', { class: 'screen-header' },
      h('div', {},
        h('h1', { id: 'heading-reminders' }, 'Reminders'),
        h('p', { class: 'subtitle' }, 'Renewals, anniversaries, the day you become eligible, certificates and letters still to attach, and your own dates. A reminder shows from its lead time before its date.'),
      ),
      h('button', { type: 'button', class: 'primary', 'data-testid': 'add-reminder', onclick: () => ownForm(ctx) }, '+ Add a reminder'),
    ),
    group('due', 'Due now', g.due.map((r) => reminderItem(ctx, r)), 'Nothing is due.'),
    group('upcoming', 'Coming up', g.upcoming.map((r) => reminderItem(ctx, r)), 'Nothing else is dated yet.'),
    group('snoozed', 'Snoozed', g.snoozed.map((r) => hiddenItem(ctx, r, `until ${r.until}`)), 'None snoozed.'),
    group('dismissed', 'Dismissed', g.dismissed.map((r) => hiddenItem(ctx, r, 'dismissed')), 'None dismissed.'),
    h('section', { class: 'panel', 'aria-labelledby': 'own-heading' }, h('h2', { id: 'own-heading' }, 'Your own reminders'), ownList(ctx)),
  );
}
