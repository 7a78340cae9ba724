// Education records: table, add/edit dialog with live points, delete with confirmation.
import { h, fill, field, input, select, textarea, formValues, showErrors, chip } from './dom.js';
import {
  categoryOptions, categoryLabel, shortLabel, fmtDate, fmtPoints, validateEducation, educationFormValues,
  pointsByRecord, SPONSORS, cutoffText,
} from './logic.js';
import { recordTable } from './table.js';
import { attachments, enteredPoints, previewPanel, pointsCell, withDetached, plannedField, sentMark } from './forms.js';

const LEVELS = [
  { value: 'basic', label: 'Basic' },
  { value: 'intermediate', label: 'Intermediate' },
  { value: 'advanced', label: 'Advanced' },
];

/**
 * The education form: to add or edit a record, or (`review`) to confirm what was read from a
 * certificate: { id, name, values, sources: { field: words read }, notes: [what to check],
 * image: a data URL of its first page }. Every field read shows the words it came from.
 */
export async function openForm(ctx, record = null, review = null) {
  const values = review ? review.values : educationFormValues(record);
  const read = (name, hint) => (review && review.sources[name] ? h('span', { class: 'read-from', 'data-testid': `read-from-${name}` }, `Read from: “${review.sources[name]}”`) : hint);
  const evidence = record ? ctx.state.evidence.filter((e) => record.evidence.includes(e.id)) : [];
  const files = review ? null : attachments(ctx, { existing: evidence, label: 'Certificate or other proof' });
  const preview = previewPanel(ctx, (changes) => ctx.api.educationPreview(changes));
  const planned = review ? null : plannedField(ctx, values, ['start', 'end']);
  const saved = await ctx.dialog({
    title: review ? `Check what was read: ${review.name}` : record ? `Edit “${record.title}”` : 'Add education',
    testid: review ? 'review-dialog' : 'education-dialog',
    wide: true,
    saveLabel: review ? 'Accept and add record' : record ? 'Save changes' : 'Add record',
    build: (body, form) => {
      const grid = h('div', { class: 'form-grid' },
        field({ name: 'title', label: 'Title', required: true, wide: true, control: input('text', values.title, { placeholder: 'e.g. Municipal Clerks Institute, Year 1' }), hint: read('title') }),
        field({ name: 'provider', label: 'Provider', required: true, wide: true, control: input('text', values.provider, { placeholder: 'e.g. St. Cloud State University' }), hint: read('provider') }),
        field({ name: 'category', label: 'Category', required: true, wide: true, control: select(categoryOptions(ctx.state.programs, 'education'), values.category, { placeholder: 'Choose a category…' }), hint: read('category') }),
        field({ name: 'start', label: 'Date (or first day)', required: true, control: input('date', values.start), hint: read('start') }),
        field({ name: 'end', label: 'Last day', control: input('date', values.end), hint: read('end', 'Leave empty for a one-day event.') }),
        field({ name: 'hours', label: 'Contact hours', required: true, control: input('number', values.hours, { min: '0', step: '0.25', inputmode: 'decimal' }), hint: read('hours') }),
        field({ name: 'level', label: 'Level', control: select(LEVELS, values.level, { placeholder: 'Not stated' }), hint: read('level', 'The MMC counts intermediate and advanced sessions.') }),
        field({ name: 'sponsor', label: 'Sponsored by', wide: true, control: select(SPONSORS, values.sponsor, { placeholder: 'Not recorded' }),
          hint: 'Institutes and academies sponsored by a state association state their rate as 2 contact hours = 1 point (the sponsor’s statement, not IIMC’s); for other sponsors enter the points awarded.' }),
        field({ name: 'assessment', label: 'A learning assessment was passed', wide: true, control: input('checkbox', values.assessment), hint: 'IIMC-reviewed association programs require one.' }),
        field({ name: 'certificate', label: 'Certificate number', control: input('text', values.certificate), hint: read('certificate') }),
        field({ name: 'learned', label: 'What you learned', wide: true, control: textarea(values.learned), hint: 'A sentence or two; it goes into the packet’s ledger.' }),
        planned ? planned.element : null,
        enteredPoints(values, { hint: read('points', 'When IIMC awarded, or the certificate states, a figure. Otherwise Clerkfolio computes or estimates it.') }),
        files ? files.element : h('p', { class: 'hint field-wide', 'data-testid': 'review-file' }, `${review.name} is attached as the record’s certificate when you accept.`),
      );
      if (review && review.notes.length) {
        body.append(h('div', { class: 'callout callout-warn', 'data-testid': 'review-notes' },
          h('p', { class: 'callout-title' }, 'Check before you accept:'),
          h('ul', {}, review.notes.map((n) => h('li', {}, n)))));
      }
      body.append(h('div', { class: 'form-with-preview' }, grid, review ? certificateView(review) : preview.element));
      if (planned) planned.watch(form);
      const update = () => {
        const { changes } = validateEducation(formValues(form), record);
        if (changes.category && changes.hours !== undefined) preview.update(changes);
      };
      form.addEventListener('input', update);
      form.addEventListener('change', update);
      update();
      if (files) ctx.dropTarget = files.add;
    },
    submit: async (form) => {
      const result = validateEducation(formValues(form), record);
      if (!showErrors(form, result.errors)) return false;
      if (review) await ctx.api.intakeAccept(review.id, result.changes);
      else await ctx.api.educationSave(record ? record.id : null, withDetached(result.changes, files.detached()), files.paths());
      return true;
    },
  });
  ctx.dropTarget = null;
  preview.cancel();
  if (review) return saved;
  if (saved) {
    ctx.toast(record ? 'Education record saved.' : 'Education record added.');
    await ctx.attempt(() => ctx.refresh());
  }
  ctx.refocus(record ? `[data-testid="row-education-${record.id}"] [data-testid="edit"]` : null, '[data-testid="add-education"]');
}

/** The certificate beside the review form: its first page, fit to the panel; a button (or a
 *  click on the page) shows it at full size to read small print. */
function certificateView(review) {
  const image = h('img', { class: 'certificate-page', src: review.image || '', alt: `First page of ${review.name}`, 'data-testid': 'review-image' });
  const frame = h('div', { class: 'certificate-frame' }, review.image ? image : h('p', { class: 'hint' }, 'No preview: the file could not be shown.'));
  const zoom = h('button', { type: 'button', class: 'secondary small', 'data-testid': 'review-zoom', 'aria-pressed': 'false' }, 'Full size');
  const toggle = () => {
    const on = frame.classList.toggle('zoomed');
    zoom.setAttribute('aria-pressed', on ? 'true' : 'false');
    zoom.textContent = on ? 'Fit to panel' : 'Full size';
  };
  zoom.addEventListener('click', toggle);
  image.addEventListener('click', toggle);
  return h('aside', { class: 'certificate-view', 'aria-label': 'The certificate' }, h('div', { class: 'certificate-tools' }, h('span', { class: 'hint' }, review.readBy), zoom), frame);
}

async function remove(ctx, record) {
  const confirmed = await ctx.removeAfterConfirm({
    title: 'Delete this education record?',
    message: [`“${record.title}” (${fmtDate(record.start)}, ${record.provider}) will be deleted from your portfolio.`, 'Its files stay in Evidence until you remove them there.'],
    action: 'Delete record',
  }, () => ctx.api.educationRemove(record.id), `Deleted “${record.title}”.`);
  if (confirmed) ctx.refocus(`[data-testid="add-education"]`);
}

export function render(ctx, root) {
  const { state } = ctx;
  const program = ctx.primaryProgram();
  const points = pointsByRecord(state.status[program] || state.status.cmc);
  const pointsFor = (r) => points.get(`education:${r.id}`);
  const cat = (r) => shortLabel(categoryLabel(state.programs, 'education', r.category));
  const total = state.education.reduce((sum, r) => sum + (pointsFor(r) ? pointsFor(r).counted : 0), 0);
  const { toolbar, table } = recordTable({
    screen: 'education',
    rows: state.education,
    caption: 'Education records',
    empty: 'No education yet. Add your first institute year, course or association program.',
    text: (r) => [r.title, r.provider, cat(r), r.certificate, r.learned, r.start, fmtDate(r.start)].join(' '),
    columns: [
      { id: 'date', label: 'Date', sort: (r) => r.start, cell: (r) => h('span', { class: 'nowrap' }, fmtDate(r.start)), className: 'col-date' },
      { id: 'title', label: 'Title', header: true, sort: (r) => r.title, cell: (r) => [h('span', { class: 'cell-title' }, r.title, r.planned ? [' ', chip('planned', 'info')] : null, sentMark(ctx, 'education', r.id)), h('span', { class: 'cell-sub' }, r.provider)] },
      { id: 'category', label: 'Category', sort: cat, cell: cat, className: 'col-cat', secondary: true },
      { id: 'hours', label: 'Hours', numeric: true, sort: (r) => r.hours, cell: (r) => fmtPoints(r.hours) },
      { id: 'points', label: `${program.toUpperCase()} points`, numeric: true, sort: (r) => (pointsFor(r) ? pointsFor(r).counted : null), cell: (r) => pointsCell(pointsFor(r)) },
      { id: 'evidence', label: 'Evidence', sort: (r) => r.evidence.length, cell: (r) => r.evidence.length ? chip(`${r.evidence.length} ${r.evidence.length === 1 ? 'file' : 'files'}`, 'ok') : chip('missing', 'warn') },
      { id: 'actions', label: '', className: 'actions', cell: (r) => [
        h('button', { type: 'button', class: 'small secondary', 'data-testid': 'edit', 'aria-label': `Edit ${r.title}`, onclick: () => openForm(ctx, r) }, 'Edit'),
        h('button', { type: 'button', class: 'small link-button danger-link', 'data-testid': 'delete', 'aria-label': `Delete ${r.title}`, onclick: () => remove(ctx, r) }, 'Delete'),
      ] },
    ],
  });
  fill(root,
    h('header', { class: 'screen-header' },
      h('div', {},
        h('h1', { id: 'heading-education' }, 'Education'),
        h('p', { class: 'subtitle' }, `Institutes, association programs, courses and webinars. ${fmtPoints(total)} points counted toward the ${program.toUpperCase()}.`),
        cutoffText(state.status[program]) ? h('p', { class: 'subtitle', 'data-testid': 'cutoff' }, cutoffText(state.status[program])) : null,
      ),
      h('button', { type: 'button', class: 'primary', 'data-testid': 'add-education', onclick: () => openForm(ctx) }, '+ Add education'),
    ),
    toolbar, table,
  );
}
