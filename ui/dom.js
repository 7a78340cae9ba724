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

/** A selector that finds "the same" control again after a redraw replaced it: its test id (inside
 *  its row's or panel's test id), else its form name, else a stable id. Null if it has none. */
export function focusKey(el) {
  if (!el || !el.getAttribute) return null;
  const quote = (v) => `"${String(v).replace(/["\\]/g, '\\$&')}"`;
  const within = (own) => {
    const outer = el.parentElement && el.parentElement.closest('[data-testid]');
    return outer ? `[data-testid=${quote(outer.getAttribute('data-testid'))}] ${own}` : own;
  };
  if (el.getAttribute('data-testid')) return within(`[data-testid=${quote(el.getAttribute('data-testid'))}]`);
  if (el.getAttribute('name') && el.type !== 'radio') return within(`[name=${quote(el.getAttribute('name'))}]`);
  // Ids made by uid() change with every redraw; the others are the screen's own.
  if (el.id && !/^[a-z_]+-\d+$/i.test(el.id)) return `#${el.id.replace(/[^a-zA-Z0-9_-]/g, '\\$&')}`;
  return null;
}

/** Runs `redraw` (which replaces what is inside `root`); if the focused control was inside and
 *  is gone, focuses its counterpart in the new content, so keyboard users keep their place.
 *  Returns true when focus was inside and has no counterpart (a deleted row's button). */
export function keepFocus(root, redraw) {
  const before = document.activeElement;
  const inside = !!before && before !== document.body && root.contains(before);
  const key = inside ? focusKey(before) : null;
  redraw();
  if (!inside || before.isConnected) return false;
  const again = key && root.querySelector(key);
  if (again) again.focus();
  return document.activeElement !== again; // a disabled counterpart takes no focus
}

let ids = 0;
export function uid(prefix = 'f') {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A progress ring for a 0..1 fraction: a picture only; the element around it carries the
 *  value for assistive technology (role=progressbar, see `progressbar`). Drawn with CSS (a conic
 *  gradient masked to a band, round ends as two dots), not SVG: the rings were the page's only
 *  use of WebKit's SVG engine besides the sidebar's icons, which took 2.6 MiB (docs/BENCHMARKS.md).
 *  The numbers go in through the CSSOM, which the CSP allows (it refuses style attributes). */
export function ring(fraction, { size = 120, stroke = 12, met = false } = {}) {
  const turn = Math.max(0, Math.min(1, Number(fraction) || 0));
  const el = h('span', { class: `ring${met ? ' ring-met' : ''}`, 'aria-hidden': 'true' });
  el.style.setProperty('--size', `${size}px`);
  el.style.setProperty('--stroke', `${stroke}px`);
  el.style.setProperty('--turn', turn.toFixed(4));
  // A round end would draw a dot for nothing.
  if (turn > 0) el.append(h('span', { class: 'ring-end' }), h('span', { class: 'ring-end ring-end-value' }));
  return el;
}

/** Attributes that make an element a progress bar for assistive technology: its name, the value
 *  between 0 and `max` (ARIA wants it inside the range: more than required reads as full) and the
 *  value in words, as a screen reader should say it. */
export function progressbar(label, value, max, text) {
  const top = Math.max(0, Number(max) || 0);
  return {
    role: 'progressbar', 'aria-label': label, 'aria-valuemin': '0', 'aria-valuemax': String(top),
    'aria-valuenow': String(Math.min(Math.max(0, Number(value) || 0), top)), 'aria-valuetext': text,
  };
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
