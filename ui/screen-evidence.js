// Evidence: the files kept in the portfolio, what they back, and the records still without one.
import { h, fill, chip } from './dom.js';
import { fmtSize, fmtDate, describeUse, recordsWithoutEvidence, fileName } from './logic.js';
import { recordTable } from './table.js';

const thumbnails = new Map(); // evidence id → data URL | null (cached for the session)

function thumb(ctx, e) {
  const box = h('div', { class: `thumb thumb-${e.type}`, 'aria-hidden': 'true' }, h('span', { class: 'thumb-type' }, e.type === 'jpeg' ? 'JPG' : e.type.toUpperCase()));
  const show = (url) => {
    if (!url) return;
    fill(box, h('img', { src: url, alt: '', class: 'thumb-img', loading: 'lazy' }));
  };
  if (thumbnails.has(e.id)) show(thumbnails.get(e.id));
  else {
    ctx.api.evidenceThumbnail(e.id).then((url) => { thumbnails.set(e.id, url); show(url); }, () => thumbnails.set(e.id, null));
  }
  return box;
}

async function addFiles(ctx, to = null) {
  const paths = await ctx.attempt(() => ctx.api.pickFiles());
  if (!paths || !paths.length) return;
  let added = 0;
  for (const path of paths) {
    const ok = await ctx.attempt(() => ctx.api.evidenceAdd(path, to));
    if (ok !== undefined) added += 1;
  }
  if (added) {
    ctx.toast(added === 1 ? `Added ${fileName(paths[0])}.` : `Added ${added} files.`);
    await ctx.attempt(() => ctx.refresh());
  }
}

async function remove(ctx, e) {
  await ctx.removeAfterConfirm({
    title: 'Remove this file?',
    message: `“${e.original_name}” (${fmtSize(e.size)}) will be removed from your portfolio’s evidence. No record uses it.`,
    action: 'Remove file',
  }, () => ctx.api.evidenceRemove(e.id), `Removed “${e.original_name}”.`);
}

export function render(ctx, root) {
  const { state } = ctx;
  const uses = (e) => e.used_by.map((u) => describeUse(u, state.education, state.experience));
  const without = recordsWithoutEvidence(state.education, state.experience);
  const { toolbar, table } = recordTable({
    screen: 'evidence',
    rows: state.evidence,
    caption: 'Evidence files',
    empty: 'No files yet. Add certificates, letters and receipts with “Add files…” or drop them on this window.',
    text: (e) => [e.original_name, e.type, uses(e).join(' ')].join(' '),
    rowId: (e) => e.id,
    columns: [
      { id: 'preview', label: 'Preview', className: 'col-thumb', cell: (e) => thumb(ctx, e) },
      { id: 'name', label: 'File', header: true, sort: (e) => e.original_name, cell: (e) => [h('span', { class: 'cell-title' }, e.original_name), h('span', { class: 'cell-sub' }, `Added ${fmtDate(e.added_at)}`)] },
      { id: 'type', label: 'Type', sort: (e) => e.type, cell: (e) => (e.type === 'jpeg' ? 'JPEG' : e.type.toUpperCase()) },
      { id: 'pages', label: 'Pages', numeric: true, sort: (e) => e.pages, cell: (e) => String(e.pages) },
      { id: 'size', label: 'Size', numeric: true, sort: (e) => e.size, cell: (e) => h('span', { class: 'nowrap' }, fmtSize(e.size)) },
      { id: 'used', label: 'Backs', sort: (e) => uses(e).join(' '), cell: (e) => e.used_by.length ? h('ul', { class: 'uses' }, uses(e).map((u) => h('li', {}, u))) : chip('unused', 'info') },
      { id: 'actions', label: '', className: 'actions', cell: (e) => [
        h('button', { type: 'button', class: 'small secondary', 'data-testid': 'evidence-open', 'aria-label': `Open ${e.original_name}`, onclick: () => ctx.attempt(() => ctx.api.evidenceOpen(e.id)) }, 'Open'),
        e.used_by.length === 0 ? h('button', { type: 'button', class: 'small link-button danger-link', 'data-testid': 'evidence-remove', 'aria-label': `Remove ${e.original_name}`, onclick: () => remove(ctx, e) }, 'Remove') : null,
      ] },
    ],
  });
  // Rows need their own test id shape: evidence-row-<id>.
  for (const tr of table.querySelectorAll('tbody tr[data-testid^="row-evidence-"]')) {
    tr.setAttribute('data-testid', tr.getAttribute('data-testid').replace('row-evidence-', 'evidence-row-'));
  }
  fill(root,
    h('header', { class: 'screen-header' },
      h('div', {},
        h('h1', { id: 'heading-evidence' }, 'Evidence'),
        h('p', { class: 'subtitle' }, 'Certificates, letters and other proof. IIMC reviews no application without supporting documentation.'),
      ),
      h('button', { type: 'button', class: 'primary', 'data-testid': 'add-evidence', onclick: () => addFiles(ctx) }, '+ Add files…'),
    ),
    without.length ? h('section', { class: 'panel warn-panel', 'data-testid': 'missing-evidence', 'aria-labelledby': 'missing-evidence-heading' },
      h('h2', { id: 'missing-evidence-heading' }, `${without.length} ${without.length === 1 ? 'record has' : 'records have'} no supporting document`),
      h('ul', { class: 'missing-list' }, without.map((r) => h('li', {},
        h('span', { class: `kind kind-${r.kind}` }, r.kind),
        h('span', { class: 'missing-title' }, r.title, h('span', { class: 'cell-sub' }, fmtDate(r.date))),
        h('button', { type: 'button', class: 'small secondary', 'data-testid': `attach-${r.kind}-${r.id}`, 'aria-label': `Attach file to ${r.title}`, onclick: () => addFiles(ctx, r.target) }, 'Attach file…'),
      ))),
    ) : h('p', { class: 'callout callout-ok' }, 'Every record has a supporting document.'),
    h('p', { class: 'drop-hint' }, 'Tip: drop PDF, JPEG, PNG, TIFF, WebP or HEIC files anywhere on this window to add them.'),
    toolbar, table,
  );
}
