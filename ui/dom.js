// Small DOM helpers. Elements are built with createElement and text nodes (never innerHTML with
// data), and never get a style attribute: the CSP forbids inline styles, so looks come from classes.

/**
 * h('button', { class: 'primary', 'data-testid': 'save', onclick: fn }, 'Save')
 * Attributes: class, text, on<event> handlers, boolean true/false, null/undefined skipped,
 * `props` for DOM properties (value, checked...). Children: nodes, strings, arrays, null.
 */
export function h(tag, attrs = {}, ...children) {
  const el = tag.startsWith('svg:')
    ? document.createElementNS('http://www.w3.org/2000/svg', tag.slice(4))
    : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'style') throw new Error('no inline styles: use a class');
    if (key === 'props') Object.assign(el, value);
    else if (key === 'text') el.textContent = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  clear(el);
  return append(el, children);
}

let ids = 0;
export function uid(prefix = 'f') {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A progress ring (SVG) for a 0..1 fraction; labelled for screen readers. */
export function ring(fraction, label, { size = 120, stroke = 12, met = false } = {}) {
  const r = (size - stroke) / 2;
  const c = 2 * Math.PI * r;
  const svg = h('svg:svg', { class: `ring${met ? ' ring-met' : ''}`, viewBox: `0 0 ${size} ${size}`, width: size, height: size, role: 'img', 'aria-label': label });
  svg.append(h('svg:circle', { class: 'ring-track', cx: size / 2, cy: size / 2, r, 'stroke-width': stroke, fill: 'none' }));
  if (fraction <= 0) return svg; // a round cap would draw a dot for nothing
  svg.append(
    h('svg:circle', {
      class: 'ring-value', cx: size / 2, cy: size / 2, r, 'stroke-width': stroke, fill: 'none',
      'stroke-dasharray': `${(c * Math.max(0, Math.min(1, fraction))).toFixed(2)} ${c.toFixed(2)}`,
      'stroke-linecap': 'round', transform: `rotate(-90 ${size / 2} ${size / 2})`,
    }),
  );
  return svg;
}

/** A labelled form field: label, control, hint and the inline error slot (aria-describedby). */
export function field({ name, label, control, hint = null, required = false, wide = false }) {
  const id = control.id || uid(name);
  control.id = id;
  control.name = name;
  const errorId = `${id}-error`;
  const hintId = hint ? `${id}-hint` : null;
  control.setAttribute('aria-describedby', [hintId, errorId].filter(Boolean).join(' '));
  if (required) control.required = true;
  const isCheck = control.type === 'checkbox';
  const labelEl = h('label', { for: id, class: isCheck ? 'check-label' : 'field-label' }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null);
  return h('div', { class: `field${isCheck ? ' field-check' : ''}${wide ? ' field-wide' : ''}`, 'data-field': name },
    isCheck ? [control, labelEl] : [labelEl, control],
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    h('p', { class: 'field-error', id: errorId, 'data-testid': `error-${name}` }),
  );
}

/** Shows validation messages next to their fields; focuses the first wrong one. */
export function showErrors(form, errors) {
  let first = null;
  for (const slot of form.querySelectorAll('.field[data-field]')) {
    const name = slot.dataset.field;
    const message = errors[name] || '';
    const control = slot.querySelector('input, select, textarea');
    slot.querySelector('.field-error').textContent = message;
    slot.classList.toggle('invalid', !!message);
    if (control) control.setAttribute('aria-invalid', message ? 'true' : 'false');
    if (message && !first) first = control;
  }
  if (first) first.focus();
  return !first;
}

/** Reads a form's controls into { name: value } (checkboxes as booleans). */
/** What `formValues` gives for a date field typed only in part (logic.js checks for it). */
export const INCOMPLETE_DATE = 'incomplete-date';

export function formValues(form) {
  const values = {};
  for (const el of form.elements) {
    if (!el.name) continue;
    // A date typed only in part has no value but is not empty: keep it as what it is, so the
    // form says "enter the date in full" instead of saving without it.
    if (el.type === 'date' && el.validity && el.validity.badInput) values[el.name] = INCOMPLETE_DATE;
    else values[el.name] = el.type === 'checkbox' ? el.checked : el.value;
  }
  return values;
}

export function select(options, value, { placeholder = null } = {}) {
  const el = h('select');
  if (placeholder !== null) el.append(h('option', { value: '' }, placeholder));
  for (const o of options) el.append(h('option', { value: o.value }, o.label));
  el.value = value || '';
  return el;
}

export function input(type, value = '', attrs = {}) {
  const el = h('input', { type, ...attrs });
  if (type === 'checkbox') el.checked = !!value;
  else el.value = value ?? '';
  return el;
}

export function textarea(value = '', attrs = {}) {
  const el = h('textarea', { rows: 3, ...attrs });
  el.value = value ?? '';
  return el;
}

/** A small badge: "estimate", "claimed", "verified"… */
export function chip(textContent, tone = '') {
  return h('span', { class: `chip${tone ? ` chip-${tone}` : ''}` }, textContent);
}
