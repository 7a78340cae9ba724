// Pieces shared by the record dialogs: attached files, entered points, the live points preview.
import { h, fill, field, input, chip } from './dom.js';
import { fileName, previewLines, debounce, pointsText, isFuture, basisLabel, submittedMark } from './logic.js';

/**
 * "Attach files…": picks files with the native dialog (or takes files dropped on the window while
 * the dialog is open); a file already attached can be detached (it stays in Evidence until
 * removed there). Returns { element, paths(), detached(), add }.
 */
export function attachments(ctx, { existing = [], label = 'Supporting documents', testid = 'attach-files', single = false, hint }) {
  const chosen = [];
  const detach = new Set();
  const list = h('ul', { class: 'file-list', 'data-testid': single ? 'attached-letter' : 'attached-files' });
  const redraw = () => {
    fill(list,
      existing.map((e) => {
        const leaving = detach.has(e.id);
        return h('li', { class: `file existing${leaving ? ' detaching' : ''}`, 'data-pending': leaving ? 'detach' : null, 'data-testid': `attached-${e.id}` },
          h('span', { class: 'file-name' }, e.original_name),
          leaving ? chip('detached when you save', 'warn') : chip('attached', 'ok'),
          h('button', { type: 'button', class: 'link-button', 'data-testid': `detach-${e.id}`,
            'aria-label': leaving ? `Keep ${e.original_name} attached` : `Detach ${e.original_name} from this record`,
            onclick: () => { if (leaving) detach.delete(e.id); else detach.add(e.id); redraw(); } }, leaving ? 'Keep' : 'Detach'));
      }),
      chosen.map((path, i) => h('li', { class: 'file', 'data-pending': 'add' },
        h('span', { class: 'file-name', title: path }, fileName(path)), chip('to add', 'info'),
        h('button', { type: 'button', class: 'link-button', 'aria-label': `Remove ${fileName(path)} (not added)`, onclick: () => { chosen.splice(i, 1); redraw(); } }, 'Remove'))),
    );
    if (!existing.length && !chosen.length) list.append(h('li', { class: 'file none' }, single ? 'No letter attached.' : 'No files attached.'));
    // Changing what is attached is a change to the form (context.js asks before discarding it).
    list.dispatchEvent(new Event('input', { bubbles: true }));
  };
  const add = (paths) => {
    if (single) chosen.splice(0, chosen.length, ...paths.slice(0, 1));
    else for (const p of paths) if (!chosen.includes(p)) chosen.push(p);
    redraw();
    if (single && paths.length > 1) ctx.toast('Only the first file was taken: a record has one employment letter.');
  };
  const button = h('button', { type: 'button', class: 'secondary small', 'data-testid': testid, onclick: async () => {
    const picked = await ctx.attempt(() => ctx.api.pickFiles());
    if (picked && picked.length) add(picked);
  } }, single ? 'Choose letter…' : 'Attach files…');
  redraw();
  const element = h('div', { class: 'field field-wide attachments' },
    h('span', { class: 'field-label' }, label),
    list,
    h('div', { class: 'attach-row' }, button, h('span', { class: 'hint' }, hint || (single ? 'PDF, JPEG, PNG, TIFF, WebP or HEIC.' : 'PDF, JPEG, PNG, TIFF, WebP or HEIC; you can also drop files on this window.'))),
  );
  return { element, paths: () => chosen.slice(), detached: () => [...detach], add };
}

/**
 * "Planned": an activity she is registered for, that has not happened yet. It never counts as
 * earned; it gives the projected eligibility date. A date after today ticks it (and says so),
 * since only what has happened can count: she may untick it to correct the date instead.
 * `dates` are the names of the date fields whose being in the future makes it planned.
 */
export function plannedField(ctx, values, dates) {
  const box = input('checkbox', values.planned);
  const note = h('p', { class: 'hint planned-note', 'data-testid': 'planned-note', hidden: true }, 'The date is after today, so this is saved as planned: it counts once it has happened and you mark it done.');
  const element = h('div', { class: 'field-wide' },
    field({ name: 'planned', label: 'Planned: it has not happened yet', control: box, hint: values.planned ? 'Untick it once it has happened (and attach the certificate): then it counts.' : 'Planned activities are shown apart and give your projected eligibility date; they never count as earned.' }),
    note);
  const watch = (form) => {
    const check = () => {
      const future = dates.some((name) => isFuture(form.querySelector(`[name=${name}]`)?.value, ctx.today()));
      if (future && !box.checked) box.checked = true;
      note.hidden = !future;
    };
    for (const name of dates) form.querySelector(`[name=${name}]`)?.addEventListener('change', check);
  };
  return { element, watch };
}

/** `changes` with the ids of attached files to detach, when there are any. */
export function withDetached(changes, ids) {
  return ids.length ? { ...changes, detach: ids } : changes;
}

/** The "enter the points myself" checkbox with points and reason. */
export function enteredPoints(values, { hint }) {
  const toggle = input('checkbox', values.enter_points);
  const points = input('number', values.points, { min: '0', step: '0.25', inputmode: 'decimal' });
  const reason = input('text', values.reason, { placeholder: 'e.g. claimed: 3 years as city clerk' });
  const group = h('div', { class: 'entered' },
    field({ name: 'points', label: 'Points', control: points }),
    field({ name: 'reason', label: 'Where the points come from', control: reason, hint: 'Required with entered points.' }),
  );
  const sync = () => { group.hidden = !toggle.checked; };
  toggle.addEventListener('change', sync);
  sync();
  return h('fieldset', { class: 'field-wide points-fieldset' },
    h('legend', {}, 'Points'),
    field({ name: 'enter_points', label: 'Enter the points myself', control: toggle, hint }),
    group,
  );
}

/** The live preview: calls `preview(changes)` (debounced) and shows points per program. */
export function previewPanel(ctx, previewCall) {
  const body = h('div', { class: 'preview-body' }, h('p', { class: 'hint' }, 'Points appear here as you fill in the form.'));
  const element = h('aside', { class: 'preview', 'data-testid': 'points-preview', 'aria-live': 'polite', 'aria-labelledby': 'preview-heading' },
    h('h3', { id: 'preview-heading' }, 'Points this record would earn'), body);
  let generation = 0;
  const run = debounce(async (changes) => {
    const mine = ++generation;
    let result;
    try {
      result = await previewCall(changes);
    } catch (error) {
      if (mine === generation) fill(body, h('p', { class: 'hint' }, error && error.message ? error.message : 'No preview yet.'));
      return;
    }
    if (mine !== generation) return;
    const lines = previewLines(result, ctx.followedPrograms());
    fill(body, lines.length === 0 ? h('p', { class: 'hint' }, 'No program counts this record.') :
      h('ul', { class: 'preview-lines' }, lines.map((l) => h('li', { class: l.excluded ? 'excluded' : '' },
        h('span', { class: 'preview-program' }, l.name),
        h('span', { class: 'preview-points' }, l.text),
        l.basis && !l.excluded ? chip(l.basisText, l.basis) : null,
        l.warnings.length ? h('span', { class: 'preview-warning' }, l.warnings.join(' ')) : null,
      ))),
    );
  }, 300);
  return { element, update: run, cancel: () => { generation += 1; run.cancel(); } };
}

export function pointsCell(rp) {
  if (!rp) return h('span', { class: 'muted' }, '—');
  // Why it does not count (before the cut-off, used for the CMC, …) on hover and for screen readers.
  if (rp.basis === 'excluded') return h('span', { class: 'points-cell', title: rp.excluded || null }, h('span', { class: 'muted' }, '0'), chip('not counted', 'excluded'), rp.excluded ? h('span', { class: 'visually-hidden' }, `: ${rp.excluded}`) : null);
  if (rp.planned) return h('span', { class: 'points-cell', title: rp.excluded || null }, chip('planned', 'info'));
  // Nothing claimed is not "0 claimed": the record waits for her figure.
  if (rp.basis === 'not-entered') return h('span', { class: 'points-cell', title: (rp.warnings || []).join(' ') || null }, chip('no points entered', 'warn'));
  return h('span', { class: 'points-cell', title: rp.warnings && rp.warnings.length ? rp.warnings.join(' ') : null },
    h('span', { class: 'points-figure' }, pointsText(rp.points).replace(/ points?$/, '')),
    rp.basis !== 'computed' ? chip(basisLabel(rp.basis), rp.basis) : null);
}

/** "sent with the CMC application" (or "changed since sent …") beside a record an application
 *  used (not returned); the chip's tooltip says when, or which fields differ. */
export function sentMark(ctx, record, id) {
  const mark = submittedMark(ctx.state.applications, record, id);
  if (!mark) return null;
  const el = chip(mark.text, mark.tone);
  el.title = mark.title;
  el.dataset.testid = 'submitted-mark';
  return [' ', el];
}
