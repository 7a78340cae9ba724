// Membership periods (IIMC and associations) and designations held (CMC, MMC).
import { h, fill, field, input, select, formValues, showErrors, chip } from './dom.js';
import {
  fmtDate, fmtRange, memberTypeLabel, memberTypeOptions, validateMembership, membershipFormValues,
  validateDesignation, membershipView, overlappingMembership,
  designationOptions, designationName,
} from './logic.js';
import { recordTable } from './table.js';
import { attachments } from './forms.js';

async function openForm(ctx, record = null) {
  const values = membershipFormValues(record);
  const saved = await ctx.dialog({
    title: record ? 'Edit membership' : 'Add membership',
    testid: 'membership-dialog',
    saveLabel: record ? 'Save changes' : 'Add membership',
    build: (body) => {
      body.append(h('div', { class: 'form-grid' },
        field({ name: 'organisation', label: 'Organisation', required: true, wide: true, control: input('text', values.organisation), hint: 'IIMC for the membership the CMC counts; your state association too if you like.' }),
        field({ name: 'member_type', label: 'Membership type', required: true, wide: true, control: select(memberTypeOptions, values.member_type), hint: 'Associate members cannot obtain the CMC; the two years count from a Full, Additional Full or Retired membership.' }),
        field({ name: 'start', label: 'Member since', required: true, control: input('date', values.start) }),
        field({ name: 'end', label: 'Paid through / ended', control: input('date', values.end), hint: 'Leave empty while it continues.' }),
      ));
    },
    submit: async (form) => {
      const values = formValues(form);
      const result = validateMembership(values, record);
      if (!showErrors(form, result.errors)) return false;
      // Two periods of one organisation at once is usually a renewal typed as a new period.
      const twin = overlappingMembership({ organisation: values.organisation, start: values.start, end: values.end }, ctx.state.membership, record ? record.id : null);
      if (twin && !(await ctx.confirm({
        title: 'This period overlaps another',
        message: [`Your ${memberTypeLabel(twin.type)} ${twin.organisation} membership (${fmtRange(twin.start, twin.end, { ongoing: 'ongoing' })}) covers some of the same days.`,
          'If you renewed, edit that period (its paid-through date) instead. Save this one anyway?'],
        action: 'Save anyway',
        danger: false,
        cancelLabel: 'Go back',
      }))) return false;
      await ctx.api.membershipSave(record ? record.id : null, result.changes);
      return true;
    },
  });
  if (saved) {
    ctx.toast(record ? 'Membership saved.' : 'Membership added.');
    await ctx.attempt(() => ctx.refresh());
  }
}

async function remove(ctx, record) {
  const confirmed = await ctx.removeAfterConfirm({
    title: 'Delete this membership period?',
    message: `Your ${memberTypeLabel(record.type)} ${record.organisation} membership (${fmtRange(record.start, record.end, { ongoing: 'ongoing' })}) will be deleted. Your progress is recalculated without it.`,
    action: 'Delete membership',
  }, () => ctx.api.membershipRemove(record.id), 'Membership deleted.');
  if (confirmed) ctx.refocus(`[data-testid="add-membership"]`);
}

async function addDesignation(ctx) {
  const options = designationOptions(ctx.state.designations);
  const file = attachments(ctx, { label: 'Certificate (optional)', single: true, testid: 'attach-certificate', hint: 'The designation certificate, PDF, JPEG, PNG, TIFF, WebP or HEIC.' });
  const saved = await ctx.dialog({
    title: 'Record a designation',
    testid: 'designation-dialog',
    saveLabel: 'Record designation',
    build: (body) => {
      body.append(h('p', { class: 'hint' }, 'Once your CMC is recorded, the dashboard follows your progress toward the MMC: only material dated after your latest prior designation counts for it, so a CMC recertification moves that date. Once the MMC is recorded, it follows your Education PLUS Program cycle.'));
      body.append(h('div', { class: 'form-grid' },
        field({ name: 'program', label: 'Designation', required: true, wide: true, control: select(options, options[0] ? options[0].value : '') }),
        field({ name: 'date', label: 'Awarded on', required: true, control: input('date', '') }),
        file.element,
      ));
      ctx.dropTarget = file.add;
    },
    submit: async (form) => {
      const result = validateDesignation(formValues(form));
      if (!showErrors(form, result.errors)) return false;
      await ctx.api.designationAdd(result.program, result.date, file.paths()[0] || null);
      return true;
    },
  });
  ctx.dropTarget = null;
  if (saved) {
    ctx.toast('Designation recorded. Congratulations!');
    await ctx.attempt(() => ctx.refresh());
  }
}

async function removeDesignation(ctx, d) {
  await ctx.removeAfterConfirm({
    title: 'Remove this designation?',
    message: `The ${designationName(d)} awarded on ${fmtDate(d.awarded_on)} will be removed from your portfolio.`,
    action: 'Remove designation',
  }, () => ctx.api.designationRemove(d.id), 'Designation removed.');
}

export function render(ctx, root) {
  const { state } = ctx;
  const progress = state.status.cmc;
  const view = progress && progress.membership ? membershipView({ ...progress.membership, as_of: progress.as_of }) : null;
  const { toolbar, table } = recordTable({
    screen: 'membership',
    rows: state.membership,
    caption: 'Membership periods',
    empty: 'No membership recorded. Add your IIMC membership: the CMC needs two years of it.',
    text: (r) => [r.organisation, memberTypeLabel(r.type), r.start, r.end].join(' '),
    columns: [
      { id: 'organisation', label: 'Organisation', header: true, sort: (r) => r.organisation, cell: (r) => h('span', { class: 'cell-title' }, r.organisation) },
      { id: 'type', label: 'Type', sort: (r) => memberTypeLabel(r.type), cell: (r) => [memberTypeLabel(r.type), r.type === 'associate' ? [' ', chip('cannot certify', 'warn')] : null] },
      { id: 'start', label: 'Member since', sort: (r) => r.start, className: 'col-date', cell: (r) => fmtDate(r.start) },
      { id: 'end', label: 'Until', sort: (r) => r.end, className: 'col-date', cell: (r) => r.end ? fmtDate(r.end) : chip('ongoing', 'ok') },
      { id: 'actions', label: '', className: 'actions', cell: (r) => [
        h('button', { type: 'button', class: 'small secondary', 'data-testid': 'edit', 'aria-label': `Edit ${r.organisation} membership from ${fmtDate(r.start)}`, onclick: () => openForm(ctx, r) }, 'Edit'),
        h('button', { type: 'button', class: 'small link-button danger-link', 'data-testid': 'delete', 'aria-label': `Delete ${r.organisation} membership from ${fmtDate(r.start)}`, onclick: () => remove(ctx, r) }, 'Delete'),
      ] },
    ],
  });
  const canAdd = designationOptions(state.designations).length > 0;
  fill(root,
    h('header', { class: 'screen-header' },
      h('div', {},
        h('h1', { id: 'heading-membership' }, 'Membership'),
        h('p', { class: 'subtitle' }, 'Your IIMC membership periods. The CMC is granted after two years of active membership.'),
      ),
      h('button', { type: 'button', class: 'primary', 'data-testid': 'add-membership', onclick: () => openForm(ctx) }, '+ Add membership'),
    ),
    view ? h('div', { class: `callout ${view.met ? 'callout-ok' : 'callout-warn'}` },
      h('p', { class: 'callout-title' }, view.headline),
      view.lines.map((l) => h('p', {}, l)),
    ) : null,
    toolbar, table,
    h('section', { class: 'panel designations', 'aria-labelledby': 'designations-heading' },
      h('div', { class: 'panel-head' },
        h('h2', { id: 'designations-heading' }, 'Designations held'),
        canAdd ? h('button', { type: 'button', class: 'secondary', 'data-testid': 'add-designation', onclick: () => addDesignation(ctx) }, 'Record a designation') : null,
      ),
      state.designations.length === 0 ? h('p', { class: 'empty' }, 'None recorded yet. When IIMC awards your CMC, record it here to start tracking the MMC.') :
        h('ul', { class: 'designation-list' }, state.designations.map((d) => h('li', {},
          h('span', { class: 'designation-name' }, designationName(d)),
          h('span', {}, `awarded ${fmtDate(d.awarded_on)}`),
          d.evidence ? chip('certificate attached', 'ok') : chip('no certificate', 'warn'),
          h('button', { type: 'button', class: 'small link-button danger-link', 'aria-label': `Remove the ${designationName(d)}`, onclick: () => removeDesignation(ctx, d) }, 'Remove'),
        ))),
    ),
  );
}
