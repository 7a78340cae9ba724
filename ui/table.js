// A sortable (click a header), filterable (type in the box) table of records.
import { h, fill } from './dom.js';
import { filterRows, sortRows, nextSort } from './logic.js';

const memory = new Map(); // screen → { sort, query }

/**
 * columns: [{ id, label, sort(row) → key | undefined (not sortable), cell(row) → node/string,
 *             numeric, className, secondary }]. A secondary column gives way in a narrow window
 *             (styles.css): its value moves into the row's header cell as a details line, so the
 *             row's actions stay on screen without scrolling sideways.
 * Returns { toolbar, table }: the filter box and the table, ready to place.
 */
export function recordTable({ screen, columns, rows, text, empty, rowId = (r) => r.id, caption }) {
  const saved = memory.get(screen) || { sort: null, query: '' };
  const secondary = columns.filter((c) => c.secondary);
  const classes = (c) => [c.numeric ? 'num' : '', c.className || '', c.secondary ? 'col-secondary' : ''].join(' ').trim() || null;
  // The secondary columns' values, shown in the header cell only when those columns are hidden.
  const details = (row) => h('span', { class: 'row-details' },
    secondary.map((c) => h('span', { class: 'row-detail' }, h('span', { class: 'row-detail-label' }, `${c.label}: `), c.cell(row))));
  memory.set(screen, saved);
  const tbody = h('tbody');
  const count = h('span', { class: 'table-count', 'aria-live': 'polite' });
  const headerButtons = new Map();

  const draw = () => {
    let shown = filterRows(rows, saved.query, text);
    const column = saved.sort && columns.find((c) => c.id === saved.sort.column);
    if (column && column.sort) shown = sortRows(shown, column.sort, saved.sort.direction);
    fill(tbody, shown.length === 0
      ? h('tr', { class: 'empty-row' }, h('td', { colspan: String(columns.length) }, rows.length === 0 ? empty : 'No records match the filter.'))
      : shown.map((row) => h('tr', { 'data-testid': `row-${screen}-${rowId(row)}` },
        columns.map((c) => h(c.header ? 'th' : 'td', { class: classes(c), scope: c.header ? 'row' : null },
          c.cell(row), c.header && secondary.length ? details(row) : null)))));
    count.textContent = saved.query ? `${shown.length} of ${rows.length} shown` : `${rows.length} ${rows.length === 1 ? 'record' : 'records'}`;
    for (const [id, { th, arrow }] of headerButtons) {
      const active = saved.sort && saved.sort.column === id;
      th.setAttribute('aria-sort', active ? (saved.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none');
      arrow.textContent = active ? (saved.sort.direction === 'asc' ? '▲' : '▼') : '↕';
      arrow.classList.toggle('active', !!active);
    }
  };

  const head = h('tr', {}, columns.map((c) => {
    const th = h('th', { scope: 'col', class: [c.numeric ? 'num' : '', c.secondary ? 'col-secondary' : ''].join(' ').trim() || null });
    if (c.sort) {
      const arrow = h('span', { class: 'sort-arrow', 'aria-hidden': 'true' });
      th.append(h('button', { type: 'button', class: 'sort-button', 'data-testid': `sort-${c.id}`, onclick: () => { saved.sort = nextSort(saved.sort, c.id); draw(); } }, c.label, arrow));
      headerButtons.set(c.id, { th, arrow });
    } else {
      th.append(c.label ? c.label : h('span', { class: 'visually-hidden' }, 'Actions'));
    }
    return th;
  }));

  const filterId = `filter-${screen}`;
  const filter = h('input', { type: 'search', id: filterId, class: 'filter', 'data-testid': filterId, placeholder: 'Filter…', autocomplete: 'off' });
  filter.value = saved.query;
  filter.addEventListener('input', () => { saved.query = filter.value; draw(); });

  const toolbar = h('div', { class: 'table-tools' },
    h('label', { for: filterId, class: 'filter-label' }, 'Filter'), filter, count);
  const table = h('div', { class: 'table-wrap' },
    h('table', { class: 'records', 'data-testid': `table-${screen}` }, caption ? h('caption', { class: 'visually-hidden' }, caption) : null, h('thead', {}, head), tbody));
  draw();
  return { toolbar, table };
}
