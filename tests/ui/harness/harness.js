// Scripted steps for screenshots, from ?do=step;step… where a step is
//   click:TESTID   clicks the first element with that data-testid
//   fill:NAME=VAL  types into the (last opened) form control with that name
//   check:NAME     ticks a checkbox
//   drag           shows the file-drop overlay
//   submit         submits the open dialog's form
//   wait:MS        waits
//   probe:CSS      writes 'PROBE CSS => count | text' into the page
//   audit          writes 'AUDIT n: …' (unlabelled controls, empty buttons, duplicate ids)
(function () {
  const params = new URLSearchParams(location.search);
  const steps = (params.get('do') || '').split(';').filter(Boolean);
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const scope = () => [...document.querySelectorAll('dialog[open]')].pop() || document;
  async function run() {
    await sleep(500);
    for (const step of steps) {
      const [verb, ...rest] = step.split(':');
      const arg = rest.join(':');
      if (verb === 'click') { const el = scope().querySelector(`[data-testid="${arg}"]`) || document.querySelector(`[data-testid="${arg}"]`); if (el) el.click(); }
      else if (verb === 'fill') {
        const [name, value] = arg.split('=');
        const el = scope().querySelector(`[name="${name}"]`);
        if (el) { el.value = value; el.dispatchEvent(new Event('input', { bubbles: true })); }
      } else if (verb === 'check') { const el = scope().querySelector(`[name="${arg}"]`); if (el) { el.checked = true; el.dispatchEvent(new Event('change', { bubbles: true })); } }
      else if (verb === 'drag') window.__harnessDrag && window.__harnessDrag({ type: 'over', paths: [] });
      else if (verb === 'submit') { const f = scope().querySelector('form'); if (f) f.requestSubmit(); }
      else if (verb === 'wait') await sleep(Number(arg) || 200);
      else if (verb === 'probe') {
        // probe:CSS → "PROBE CSS => count | first text" in the page (for --dump-dom checks).
        const found = document.querySelectorAll(arg);
        const out = document.createElement('pre');
        out.className = 'probe';
        out.textContent = `PROBE ${arg} => ${found.length} | ${found[0] ? found[0].textContent.replace(/\s+/g, ' ').trim().slice(0, 160) : ''}`;
        document.body.append(out);
      } else if (verb === 'key') {
        const target = document.activeElement || document.body;
        target.dispatchEvent(new KeyboardEvent('keydown', { key: arg, bubbles: true }));
      } else if (verb === 'audit') {
        // Every control needs a name a screen reader can say; every button some text.
        const bad = [];
        for (const el of document.querySelectorAll('input, select, textarea')) {
          if (el.type === 'hidden') continue;
          const named = (el.labels && el.labels.length) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
          if (!named) bad.push(`unlabelled ${el.tagName.toLowerCase()} name=${el.name}`);
        }
        for (const el of document.querySelectorAll('button')) {
          if (!(el.textContent.trim() || el.getAttribute('aria-label'))) bad.push(`empty button ${el.outerHTML.slice(0, 80)}`);
        }
        const ids = new Map();
        for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) || 0) + 1);
        for (const [id, n] of ids) if (n > 1) bad.push(`duplicate id ${id}`);
        const out = document.createElement('pre');
        out.id = 'audit';
        out.textContent = `AUDIT ${bad.length}: ${bad.join(' | ')}`;
        document.body.append(out);
      }
      await sleep(250);
    }
  }
  const report = (text) => {
    const out = document.createElement('pre');
    out.className = 'probe';
    out.textContent = `PROBE error => ${text}`;
    document.body.append(out);
  };
  window.addEventListener('error', (e) => report(e.message));
  window.addEventListener('unhandledrejection', (e) => report(String(e.reason && (e.reason.message || e.reason))));
  const warn = console.warn;
  console.warn = (...args) => { report(args.map((a) => (a && a.message) || String(a)).join(' ')); warn(...args); };
  window.addEventListener('load', run);
}());
