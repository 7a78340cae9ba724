// Add from certificates: files or a folder are read on this computer (text layer or OCR) into a
// review queue; each one is checked by the clerk in the education form, beside its first page,
// then accepted (a record with the certificate attached) or skipped. The queue is kept in the
// portfolio, so she can stop halfway and go on another day. Nothing counts until accepted.
import { h, fill, chip } from './dom.js';
import { intakeItemView, readingFormValues, fileName } from './logic.js';
import { openForm } from './screen-education.js';

const local = {
  reading: null, // { done, total, file } while certificates are read
  failed: [], // [{ file, reason }] of the last reading
};

/** Reads `paths` (files or folders) into the queue, showing progress; then redraws. */
export async function addPaths(ctx, paths) {
  if (!paths || !paths.length || local.reading) return;
  local.reading = { done: 0, total: 0, file: '' };
  local.failed = [];
  ctx.render();
  const stop = await ctx.api.on('intake-progress', (p) => {
    local.reading = p;
    const bar = document.querySelector('[data-testid="intake-progress"]');
    const text = document.querySelector('[data-testid="intake-progress-text"]');
    if (bar) { bar.max = String(p.total || 1); bar.value = String(p.done); }
    if (text) text.textContent = progressText(p);
  }).catch(() => () => {});
  const result = await ctx.attempt(() => ctx.api.intakeAdd(paths));
  if (typeof stop === 'function') stop();
  local.reading = null;
  if (result) {
    local.failed = result.failed || [];
    const queued = result.queued || 0;
    ctx.toast(queued === 1 ? 'One certificate read: check it below.' : `${queued} certificates read: check each below.`);
  }
  await ctx.attempt(() => ctx.refresh());
}

function progressText(p) {
  return p.total ? `Reading ${p.done} of ${p.total}: ${fileName(String(p.file || ''))}` : 'Looking for certificates…';
}

async function chooseFiles(ctx) {
  const picked = await ctx.attempt(() => ctx.api.pickFiles());
  if (picked && picked.length) await addPaths(ctx, picked);
}

async function chooseFolder(ctx) {
  const picked = await ctx.attempt(() => ctx.api.pickFolder());
  if (picked) await addPaths(ctx, [picked]);
}

async function review(ctx, item) {
  const view = intakeItemView(item);
  const { values, sources } = readingFormValues(item.fields);
  const image = await ctx.api.intakePreview(item.id).catch(() => null);
  const accepted = await openForm(ctx, null, { id: item.id, name: item.name, values, sources, notes: view.notes, image, readBy: view.readBy });
  if (accepted) {
    ctx.toast(`Added “${values.title || item.name}” to your education, with its certificate.`);
    await ctx.attempt(() => ctx.refresh());
  }
  ctx.refocus('[data-testid^="intake-review-"]', '[data-testid="intake-files"]');
}

async function skip(ctx, item) {
  const skipped = await ctx.attempt(() => ctx.api.intakeSkip(item.id), { success: `Skipped ${item.name}: it is no longer in the queue.` });
  if (skipped !== undefined) await ctx.attempt(() => ctx.refresh());
  ctx.refocus('[data-testid^="intake-review-"]', '[data-testid="intake-files"]');
}

function queueList(ctx) {
  const items = ctx.state.intake || [];
  if (!items.length) {
    return h('p', { class: 'empty', 'data-testid': 'intake-empty' }, 'No certificates waiting. Choose files or a folder above, or drop them on this window.');
  }
  return h('ul', { class: 'intake-list', 'data-testid': 'intake-queue', 'aria-label': 'Certificates waiting for you' }, items.map((item) => {
    const v = intakeItemView(item);
    return h('li', { class: 'intake-item', 'data-testid': `intake-item-${item.id}` },
      h('div', { class: 'intake-what' },
        h('p', { class: 'cell-title' }, v.title),
        h('p', { class: 'cell-sub' }, `${v.when} · ${item.name} · ${v.readBy}`),
        chip(v.status.label, v.status.tone)),
      h('div', { class: 'intake-actions' },
        h('button', { type: 'button', class: 'primary small', 'data-testid': `intake-review-${item.id}`, 'aria-label': `Review ${item.name}`, onclick: () => review(ctx, item) }, 'Review'),
        h('button', { type: 'button', class: 'small link-button', 'data-testid': `intake-skip-${item.id}`, 'aria-label': `Skip ${item.name}`, onclick: () => skip(ctx, item) }, 'Skip')),
    );
  }));
}

export function render(ctx, root) {
  const reading = local.reading;
  fill(root,
    h('header', { class: 'screen-header' },
      h('div', {},
        h('h1', { id: 'heading-intake' }, 'Add from certificates'),
        h('p', { class: 'subtitle' }, 'Clerkfolio reads each certificate on this computer and fills in the record. You check every field before it counts; nothing leaves your computer.'),
      ),
    ),
    h('section', { class: 'panel', 'aria-labelledby': 'intake-add-heading' },
      h('h2', { id: 'intake-add-heading' }, 'Certificates to read'),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'primary', 'data-testid': 'intake-files', disabled: !!reading, onclick: () => chooseFiles(ctx) }, 'Choose certificates…'),
        h('button', { type: 'button', class: 'secondary', 'data-testid': 'intake-folder', disabled: !!reading, onclick: () => chooseFolder(ctx) }, 'Choose a folder…'),
      ),
      h('p', { class: 'hint' }, 'PDF, JPEG, PNG or TIFF; a whole folder at once. You can also drop them on this window while this screen is open.'),
      h('div', { class: 'progress-wrap', hidden: !reading },
        h('progress', { 'data-testid': 'intake-progress', max: String((reading && reading.total) || 1), value: String((reading && reading.done) || 0), 'aria-labelledby': 'intake-progress-text' }),
        h('p', { id: 'intake-progress-text', 'data-testid': 'intake-progress-text', 'aria-live': 'polite' }, reading ? progressText(reading) : ''),
      ),
      local.failed.length ? h('div', { class: 'callout callout-warn', 'data-testid': 'intake-failed' },
        h('p', { class: 'callout-title' }, `${local.failed.length} ${local.failed.length === 1 ? 'file' : 'files'} could not be read:`),
        h('ul', {}, local.failed.map((f) => h('li', {}, h('strong', {}, fileName(String(f.file))), `: ${f.reason}`)))) : null,
    ),
    h('section', { class: 'panel', 'aria-labelledby': 'intake-queue-heading' },
      h('h2', { id: 'intake-queue-heading' }, `Waiting for you (${(ctx.state.intake || []).length})`),
      queueList(ctx),
    ),
  );
}
