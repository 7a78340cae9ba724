// Experience records: positions, conferences, committees. A current position has no end date and
// needs a Letter of Employment Verification.
import { h, fill, field, input, select, textarea, formValues, showErrors, chip } from './dom.js';
import {
  categoryOptions, categoryLabel, shortLabel, fmtDate, fmtRange, fmtPoints, validateExperience,
  experienceFormValues, pointsByRecord, letterCategories,
  cutoffText,
} from './logic.js';
import { recordTable } from './table.js';
import { attachments, enteredPoints, previewPanel, pointsCell, withDetached, plannedField, sentMark } from './forms.js';

export async function openForm(ctx, record = null) {
  const values = experienceFormValues(record);
  const evidence = record ? ctx.state.evidence.filter((e) => record.evidence.includes(e.id)) : [];
  const letters = record ? ctx.state.evidence.filter((e) => record.letters.includes(e.id)) : [];
  const files = attachments(ctx, { existing: evidence, label: 'Supporting documents' });
  const letter = attachments(ctx, { existing: letters, label: 'Letter of Employment Verification', single: true, testid: 'attach-letter', hint: 'Required for your current position. PDF, JPEG, PNG, TIFF, WebP or HEIC; or drop it on this slot.' });
  const preview = previewPanel(ctx, (changes) => ctx.api.experiencePreview(changes));
  const planned = plannedField(ctx, values, ['start']);
  const saved = await ctx.dialog({
    title: record ? `Edit “${record.title}”` : 'Add experience',
    testid: 'experience-dialog',
    wide: true,
    saveLabel: record ? 'Save changes' : 'Add record',
    build: (body, form) => {
      const current = input('checkbox', values.current);
      const end = input('date', values.end);
      const endField = field({ name: 'end', label: 'End date', control: end });
      const grid = h('div', { class: 'form-grid' },
        field({ name: 'category', label: 'Category', required: true, wide: true, control: select(categoryOptions(ctx.state.programs, 'experience'), values.category, { placeholder: 'Choose a category…' }) }),
        field({ name: 'title', label: 'Title or position', required: true, control: input('text', values.title, { placeholder: 'e.g. City Clerk' }) }),
        field({ name: 'organisation', label: 'Organisation', control: input('text', values.organisation, { placeholder: 'e.g. City of Riverton' }) }),
        field({ name: 'start', label: 'Start date', required: true, control: input('date', values.start) }),
        endField,
        field({ name: 'current', label: 'This is my current position (no end date)', wide: true, control: current }),
        field({ name: 'notes', label: 'Notes', wide: true, control: textarea(values.notes), hint: 'Duties, hours, anything IIMC may ask about.' }),
        planned.element,
        enteredPoints(values, { hint: 'IIMC publishes no experience schedule Clerkfolio can apply: enter the points you claim or were awarded (shown as “claimed”), or save without them for now. A state program you follow shows its own figure in the preview.' }),
        files.element,
        letter.element,
      );
      const syncCurrent = () => {
        end.disabled = current.checked;
        if (current.checked) end.value = '';
        endField.classList.toggle('disabled', current.checked);
      };
      current.addEventListener('change', syncCurrent);
      syncCurrent();
      body.append(h('div', { class: 'form-with-preview' }, grid, preview.element));
      planned.watch(form);
      const update = () => {
        const { changes } = validateExperience(formValues(form), record);
        if (changes.category && changes.start) preview.update(changes);
      };
      form.addEventListener('input', update);
      form.addEventListener('change', update);
      update();
      // Dropped on the letter slot: the letter; anywhere else: supporting documents.
      ctx.dropTarget = (paths, position) => {
        const at = position && document.elementFromPoint(position.x, position.y);
        if (at && letter.element.contains(at)) letter.add(paths);
        else files.add(paths);
      };
    },
    submit: async (form) => {
      const result = validateExperience(formValues(form), record);
      if (!showErrors(form, result.errors)) return false;
      const chosenLetter = letter.paths()[0] || null;
      await ctx.api.experienceSave(record ? record.id : null, withDetached(result.changes, [...files.detached(), ...letter.detached()]), files.paths(), chosenLetter);
      return true;
    },
  });
  ctx.dropTarget = null;
  preview.cancel();
  if (saved) {
    ctx.toast(record ? 'Experience record saved.' : 'Experience record added.');
    await ctx.attempt(() => ctx.refresh());
  }
  ctx.refocus(record ? `[data-testid="row-experience-${record.id}"] [data-testid="edit"]` : null, '[data-testid="add-experience"]');
}

async function remove(ctx, record) {
  const confirmed = await ctx.removeAfterConfirm({
    title: 'Delete this experience record?',
    message: [`“${record.title}”${record.organisation ? `, ${record.organisation}` : ''} (${fmtRange(record.start, record.end)}) will be deleted from your portfolio.`, 'Its files and letter stay in Evidence until you remove them there.'],
    action: 'Delete record',
  }, () => ctx.api.experienceRemove(record.id), `Deleted “${record.title}”.`);
  if (confirmed) ctx.refocus(`[data-testid="add-experience"]`);
}

export function render(ctx, root) {
  const { state } = ctx;
  const program = ctx.primaryProgram();
  const points = pointsByRecord(state.status[program] || state.status.cmc);
  const pointsFor = (r) => points.get(`experience:${r.id}`);
  const cat = (r) => shortLabel(categoryLabel(state.programs, 'experience', r.category));
  const total = state.experience.reduce((sum, r) => sum + (pointsFor(r) ? pointsFor(r).counted : 0), 0);
  const docs = (r) => r.evidence.length + r.letters.length;
  const needsLetter = letterCategories(state.programs);
  const { toolbar, table } = recordTable({
    screen: 'experience',
    rows: state.experience,
    caption: 'Experience records',
    empty: 'No experience yet. Add your current position first: it needs an employment verification letter.',
    text: (r) => [r.title, r.organisation, cat(r), r.notes, r.start, r.end, r.end ? '' : 'current'].join(' '),
    columns: [
      { id: 'period', label: 'Period', sort: (r) => r.start, className: 'col-date', cell: (r) => h('span', {}, fmtRange(r.start, r.end, { ongoing: 'present' })) },
      { id: 'title', label: 'Title', header: true, sort: (r) => r.title, cell: (r) => [h('span', { class: 'cell-title' }, r.title, r.planned ? [' ', chip('planned', 'info')] : null, sentMark(ctx, 'experience', r.id), r.end ? null : [' ', chip('current', 'info')]), h('span', { class: 'cell-sub' }, r.organisation)] },
      { id: 'category', label: 'Category', sort: cat, cell: cat, className: 'col-cat', secondary: true },
      { id: 'points', label: `${program.toUpperCase()} points`, numeric: true, sort: (r) => (pointsFor(r) ? pointsFor(r).counted : null), cell: (r) => pointsCell(pointsFor(r)) },
      { id: 'evidence', label: 'Evidence', sort: docs, cell: (r) => [
        r.letters.length ? chip('letter', 'ok') : null,
        r.evidence.length ? chip(`${r.evidence.length} ${r.evidence.length === 1 ? 'file' : 'files'}`, 'ok') : null,
        docs(r) === 0 ? chip('missing', 'warn') : null,
        !r.end && !r.letters.length && needsLetter.has(r.category) ? chip('letter needed', 'warn') : null,
      ] },
      { id: 'actions', label: '', className: 'actions', cell: (r) => [
        h('button', { type: 'button', class: 'small secondary', 'data-testid': 'edit', 'aria-label': `Edit ${r.title}`, onclick: () => openForm(ctx, r) }, 'Edit'),
        h('button', { type: 'button', class: 'small link-button danger-link', 'data-testid': 'delete', 'aria-label': `Delete ${r.title}`, onclick: () => remove(ctx, r) }, 'Delete'),
      ] },
    ],
  });
  fill(root,
    h('header', { class: 'screen-header' },
      h('div', {},
        h('h1', { id: 'heading-experience' }, 'Experience'),
        h('p', { class: 'subtitle' }, `Positions held, conferences attended, committees and teaching. ${fmtPoints(total)} points counted toward the ${program.toUpperCase()}.`),
        cutoffText(state.status[program]) ? h('p', { class: 'subtitle', 'data-testid': 'cutoff' }, cutoffText(state.status[program])) : null,
      ),
      h('button', { type: 'button', class: 'primary', 'data-testid': 'add-experience', onclick: () => openForm(ctx) }, '+ Add experience'),
    ),
    toolbar, table,
  );
}
