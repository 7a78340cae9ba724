// Colour contrast, measured from ui/styles.css's own colour tokens in the light and the dark theme
// (WCAG 2.1 AA: 4.5:1 for text, 3:1 for large text and for what identifies a control or its state,
// success criteria 1.4.3 and 1.4.11). A colour changed in styles.css that falls below fails here.
// The pairs are the ones the style sheet puts together (which text on which background); a text
// colour used in the sheet but missing from the pairs, or a literal colour given to text instead of
// a token, fails too, so a new colour cannot slip past the measurement.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const css = readFileSync(new URL('../../ui/styles.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** The custom properties declared in the first `:root { … }` after `from` in `text`. */
function rootTokens(text) {
  const start = text.search(/:root\s*\{/);
  assert.ok(start >= 0, 'a :root block');
  const body = text.slice(text.indexOf('{', start) + 1, text.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/--([a-z0-9-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

const light = rootTokens(css);
const darkAt = css.search(/@media \(prefers-color-scheme: dark\)\s*\{\s*:root/);
assert.ok(darkAt >= 0, 'a dark-theme :root block');
const dark = { ...light, ...rootTokens(css.slice(darkAt)) };
const THEMES = { light, dark };

/** [r, g, b, a] from #rgb, #rrggbb or rgb()/rgba(); a token's value may name another token. */
function parse(value, tokens) {
  const v = value.trim();
  const ref = v.match(/^var\(--([a-z0-9-]+)\)$/);
  if (ref) return parse(tokens[ref[1]], tokens);
  let m = v.match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/i);
  if (m) {
    const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
    return [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)).concat(1);
  }
  m = v.match(/^rgba?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*(?:,\s*([\d.]+)\s*)?\)$/);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3]), m[4] === undefined ? 1 : Number(m[4])];
  throw new Error(`not a colour this test reads: ${value}`);
}

/** A colour (or a stack of translucent layers, bottom first) as one opaque colour. */
function opaque(layers, tokens) {
  let [r, g, b] = [255, 255, 255];
  for (const layer of [].concat(layers)) {
    const [lr, lg, lb, a] = parse(layer.startsWith('#') || layer.startsWith('rgb') ? layer : tokens[layer] ?? layer, tokens);
    [r, g, b] = [r + (lr - r) * a, g + (lg - g) * a, b + (lb - b) * a];
  }
  return [r, g, b];
}

function luminance([r, g, b]) {
  const lin = (c) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4; };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function ratio(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

const TEXT = 4.5;
const LARGE = 3; // 24 px, or 18.66 px bold (WCAG's large text)
const UI = 3; // control boundaries, focus indicators, progress values (1.4.11)

// [foreground, background (a token, or translucent layers bottom first), minimum, where].
// Backgrounds: bg (the page), surface (panels, dialogs, inputs), surface-2 (table heads, chips,
// dialog footers), the *-soft tints (callouts, chips, the points preview), the sidebar.
const PAIRS = [
  ...['bg', 'surface', 'surface-2', 'primary-soft', 'ok-soft', 'warn-soft', 'danger-soft'].map((bg) => ['text', bg, TEXT, 'body text']),
  ...['bg', 'surface', 'surface-2', 'primary-soft', 'ok-soft', 'warn-soft'].map((bg) => ['text-2', bg, TEXT, 'secondary text, table heads, details']),
  ...['bg', 'surface', 'surface-2', 'primary-soft'].map((bg) => ['muted', bg, TEXT, 'hints, counts, dates, excluded chips']),
  ...['bg', 'surface', 'surface-2'].map((bg) => ['primary', bg, TEXT, 'link buttons, figures']),
  ['primary-hover', 'surface', TEXT, 'a link button under the pointer'],
  ['primary-text', 'primary', TEXT, 'primary buttons'],
  ['primary-text', 'primary-hover', TEXT, 'a primary button under the pointer'],
  ['danger', 'surface', TEXT, 'field errors, Delete links'],
  ['danger', 'danger-soft', TEXT, 'the alert, missing-requirement counts, PDF thumbnails'],
  ['danger-text', 'danger', TEXT, 'destructive buttons'],
  ['ok', 'surface', TEXT, 'met requirements, membership kind'],
  ['ok', 'ok-soft', TEXT, 'ok chips, done checks'],
  ['surface', 'ok', LARGE, 'the eligible tick (1.3rem bold)'],
  ['warn', 'surface', TEXT, 'membership warnings, reminders due soon'],
  ['warn', 'warn-soft', TEXT, 'warning and claimed chips, to-do checks, finding counts'],
  ['warn', 'primary-soft', TEXT, 'warnings in the points preview'],
  ['info', 'surface', TEXT, 'education kind'],
  ['info', 'info-soft', TEXT, 'info chips, the eligibility icon'],
  ['estimate', 'surface', TEXT, 'caveats, experience kind'],
  ['estimate', 'estimate-soft', TEXT, 'estimate chips'],
  ['sidebar-text', 'sidebar-bg', TEXT, 'navigation'],
  ['sidebar-text', ['sidebar-bg', 'sidebar-hover-bg'], TEXT, 'navigation under the pointer'],
  ['sidebar-active', ['sidebar-bg', 'sidebar-active-bg'], TEXT, 'the current screen in the navigation'],
  ['sidebar-muted', 'sidebar-bg', TEXT, 'sidebar subtitle and version'],
  ['sidebar-text', ['sidebar-bg', 'sidebar-badge-bg'], TEXT, 'navigation counts'],
  ['badge-warn-text', 'badge-warn-bg', TEXT, 'navigation counts that need attention'],
  ['sidebar-active', 'sidebar-bg', TEXT, 'the app name'],
  ['brand-mark-text', 'brand-mark-bg', LARGE, 'the C mark (1.2rem bold), one end of its gradient'],
  ['brand-mark-text', 'brand-mark-bg-2', LARGE, 'the C mark, the other end'],
  ['toast-text', 'toast-bg', TEXT, 'messages'],
  // Non-text: what shows a control and its state.
  ...['bg', 'surface', 'surface-2', 'primary-soft'].map((bg) => ['focus', bg, UI, 'the focus outline']),
  ['sidebar-focus', 'sidebar-bg', UI, 'the focus outline in the navigation'],
  ['border-strong', 'surface', UI, 'the edge of inputs, selects and secondary buttons'],
  ['border-strong', 'surface-2', UI, 'the edge of inputs on a tinted panel'],
  ['ring-value', 'surface', UI, 'progress rings and bars: the value'],
  ['ring-value', 'ring-track', UI, 'progress rings and bars: the value against the rest'],
  ['ring-met', 'surface', UI, 'a met requirement\'s ring'],
  ['ring-met', 'ring-track', UI, 'a met requirement\'s ring against the rest'],
  ['primary', 'surface', UI, 'checkboxes and radios (accent colour)'],
];

for (const [name, tokens] of Object.entries(THEMES)) {
  test(`${name} theme: text and controls meet WCAG AA contrast`, () => {
    const failures = [];
    const rows = [];
    for (const [fg, bg, min, where] of PAIRS) {
      for (const t of [fg].concat(bg)) assert.ok(t in tokens, `${name}: no token --${t}`);
      const background = opaque(bg, tokens);
      const r = ratio(opaque([].concat(bg, fg), tokens), background);
      rows.push(`${r.toFixed(2).padStart(6)}  ${fg} on ${[].concat(bg).join('+')}`);
      if (r < min) failures.push(`--${fg} on --${[].concat(bg).join(' + --')}: ${r.toFixed(2)}:1 < ${min}:1 (${where})`);
    }
    if (process.env.CLERKFOLIO_CONTRAST) console.log(`${name}:\n${rows.join('\n')}`);
    assert.deepEqual(failures, [], `${name} theme below WCAG AA:\n${failures.join('\n')}`);
  });
}

test('every text colour and focus ring in the style sheet is a token this test measures', () => {
  // Declarations outside the token blocks: `color:` takes a token (or inherits), never a literal.
  const rules = css.replace(/:root\s*\{[^}]*\}/g, '');
  const colours = [...rules.matchAll(/(?:^|[;{\s])color\s*:\s*([^;}]+)/g)].map((m) => m[1].trim());
  const literal = colours.filter((c) => !/^(var\(--[a-z0-9-]+\)|inherit|currentColor|transparent)$/i.test(c));
  assert.deepEqual(literal, [], 'text colours given as literals (make them tokens, and add their pairs here)');
  const measured = new Set(PAIRS.map(([fg]) => fg));
  const used = new Set(colours.map((c) => c.match(/^var\(--([a-z0-9-]+)\)$/)).filter(Boolean).map((m) => m[1]));
  const unmeasured = [...used].filter((t) => !measured.has(t));
  assert.deepEqual(unmeasured, [], 'text colour tokens used with no measured pair');
  // Focus rings: a measured token, solid (a colour-mix or rgba ring is not what is measured).
  const outlines = [...rules.matchAll(/outline(?:-color)?\s*:\s*([^;}]+)/g)].map((m) => m[1].trim()).filter((o) => !/^(none|0)$/.test(o));
  const rings = outlines.map((o) => (o.match(/var\(--([a-z0-9-]+)\)/) || [])[1]);
  assert.ok(outlines.length > 0, 'the style sheet draws focus outlines');
  assert.deepEqual(outlines.filter((o, i) => /color-mix|rgba?\(|#/.test(o) || !measured.has(rings[i])), [], 'focus outlines not drawn in a measured, solid token');
});

test('the measurement itself: known ratios', () => {
  assert.equal(ratio([0, 0, 0], [255, 255, 255]).toFixed(2), '21.00');
  assert.equal(ratio([255, 255, 255], [255, 255, 255]).toFixed(2), '1.00');
  // #767676 on white is the well-known lightest grey that passes 4.5:1.
  assert.equal(ratio(parse('#767676', {}), [255, 255, 255]).toFixed(2), '4.54');
  assert.deepEqual(opaque(['#000000', 'rgba(255, 255, 255, 0.5)'], {}).map(Math.round), [128, 128, 128]);
});
