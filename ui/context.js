// Shared state and services for the screens: the loaded portfolio, messages (alert region and
// toasts), dialogs and confirmations, and navigation. app.js wires it to the page.

import * as api from './api.js';
import { h, fill, clear, formValues } from './dom.js';
import { dashboardPrograms, followedPrograms, localToday } from './logic.js';

/** Where the programs she follows are kept (this computer's webview storage, like the paper size). */
const PROGRAMS_KEY = 'clerkfolio.followed-programs';

export const state = {
  info: null,
  programs: [],
  profile: null,
  education: [],
  experience: [],
  membership: [],
  designations: [],
  evidence: [],
  reminders: [],
  status: {}, // program id → Progress
  intake: [], // the certificate review queue (screen-intake.js)
  applications: [], // applications sent to IIMC (screen-packet.js; `application list --json`)
  stamp: null, // the records as text: changes whenever anything a packet holds changes
  backup: null, // backup_status: { status, error } (the dashboard's and Settings' backup panel)
  screen: 'dashboard',
};

/** The last snapshot as text, to tell whether a reload changed anything. */
let lastSnapshot = null;

export const ctx = {
  state,
  api,
  /** Set by app.js: redraws the current screen and the sidebar. */
  render: () => {},
  /** Set by app.js: shows a screen. */
  navigate: () => {},
  /** Set by app.js: focuses the shown screen's heading. */
  focusScreen: () => {},
  /** While a record dialog is open, files dropped on the window go to it. */
  dropTarget: null,

  today() {
    return (state.info && state.info.today) || localToday();
  },

  /** The programs whose points she follows (Settings; the CMC and the MMC unless she chose). */
  followedPrograms() {
    let stored = null;
    try { stored = globalThis.localStorage && localStorage.getItem(PROGRAMS_KEY); } catch { stored = null; }
    return followedPrograms(stored, state.programs);
  },

  /** Saves the programs she follows. */
  followPrograms(ids) {
    try { localStorage.setItem(PROGRAMS_KEY, JSON.stringify(ids)); } catch { /* private mode: this session only */ }
  },

  /** The program the dashboard and the points columns follow (CMC, then MMC once the CMC is held). */
  primaryProgram() {
    return dashboardPrograms(state.designations)[0] || 'mmc';
  },

  /** Reloads everything from the engine (a local database: cheap), then redraws. With
   *  `onlyIfChanged`, redraws only when the snapshot differs from the last one (a change made
   *  outside the window). Resolves whether anything changed. */
  async refresh({ render = true, onlyIfChanged = false } = {}) {
    // One call for all of it (the shell's `snapshot`): one round trip, not eleven.
    const snapshot = await api.snapshot();
    const text = JSON.stringify(snapshot);
    if (onlyIfChanged && text === lastSnapshot) return false;
    lastSnapshot = text;
    const { info, programs, profile, education, experience, membership, designations, evidence, reminders, status, intake, own_reminders, applications } = snapshot;
    Object.assign(state, { info, programs, profile, education, experience, membership, designations, evidence, reminders, status, intake: intake || [], own_reminders: own_reminders || [], applications: applications || [] });
    // What a packet is made of: a packet made from another stamp is out of date.
    // A packet kept as an application's record is not what a packet is made of, nor is a file no
    // record uses (a packet holds records' files only): marking one as submitted, or removing
    // that application again (its packet stays, unused), leaves it current.
    const material = evidence.filter((e) => e.used_by.some((u) => !/^application \d+ \(packet\)$/.test(u)));
    state.stamp = JSON.stringify([profile, education, experience, membership, designations, material]);
    if (render) ctx.render();
    return true;
  },

  /** Asks where backups stand (folder, last good backup, warnings) and redraws. Not part of
   *  `refresh`: it reads the backup folder (maybe a network drive), and changes only when a
   *  backup is made (`backup-done`) or the settings change. */
  async refreshBackup() {
    state.backup = await api.backupStatus();
    ctx.render();
  },

  /** Runs an engine call; a rejection is shown, never lost. Returns undefined on failure. */
  async attempt(work, { success = null } = {}) {
    try {
      const result = await work();
      if (success) ctx.toast(typeof success === 'function' ? success(result) : success);
      return result;
    } catch (error) {
      ctx.fail(error);
      return undefined;
    }
  },

  /** Shows an error's message in the alert region (in the open dialog if there is one). */
  fail(error) {
    // The engine's message is the words alone; its command-line hint travels apart and is not shown.
    const message = (error && typeof error === 'object' && error.message) ? String(error.message) : String(error || 'Something went wrong.');
    if (typeof console !== 'undefined') console.warn('Clerkfolio:', error);
    const dialog = [...document.querySelectorAll('dialog[open]')].pop();
    const region = (dialog && dialog.querySelector('.dialog-alert')) || document.getElementById('alert');
    if (!region) return;
    const close = h('button', { type: 'button', class: 'link-button', onclick: () => { clear(region); region.classList.remove('shown'); } }, 'Dismiss');
    fill(region, h('div', { class: 'alert-body' },
      h('strong', {}, 'That did not work. '),
      h('span', { 'data-testid': 'alert-message' }, message),
    ), close);
    region.classList.add('shown');
    if (region.scrollIntoView) region.scrollIntoView({ block: 'nearest' });
  },

  clearAlert() {
    for (const region of document.querySelectorAll('#alert, .dialog-alert')) {
      clear(region);
      region.classList.remove('shown');
    }
  },

  /** After a redraw replaced the focused control, puts focus back on the first match that exists. */
  refocus(...selectors) {
    for (const selector of selectors) {
      const el = selector && document.querySelector(selector);
      if (el && !el.closest('[hidden]')) {
        el.focus();
        return;
      }
    }
  },

  /** A short message; with `undo`, an Undo button that runs it (and stays a little longer). */
  toast(message, { undo = null } = {}) {
    const region = document.getElementById('toasts');
    if (!region) return;
    const toast = h('div', { class: 'toast' }, message);
    if (undo) {
      toast.append(' ', h('button', { type: 'button', class: 'link-button toast-undo', 'data-testid': 'toast-undo', onclick: async () => {
        toast.remove();
        await undo();
      } }, 'Undo'));
    }
    region.append(toast);
    setTimeout(() => toast.remove(), undo ? 10000 : 4500);
  },

  /**
   * A modal dialog with a form. `build(form)` adds the fields; `submit(form)` returns true to
   * close. Escape and Cancel close it: at once when nothing was changed, else after asking
   * whether to discard the changes. Resolves when it closes.
   */
  dialog({ title, build, submit, saveLabel = 'Save', cancelLabel = 'Cancel', testid = 'dialog', wide = false, danger = false }) {
    return new Promise((resolve) => {
      const alertSlot = h('div', { class: 'dialog-alert', role: 'alert', 'data-testid': 'dialog-alert' });
      const form = h('form', { class: 'dialog-form', novalidate: true });
      const saveButton = h('button', { type: 'submit', class: danger ? 'danger' : 'primary', 'data-testid': danger ? 'confirm' : 'save' }, saveLabel);
      const cancel = h('button', { type: 'button', class: 'secondary', 'data-testid': 'cancel' }, cancelLabel);
      const titleId = `${testid}-title`;
      const dialog = h('dialog', { class: `modal${wide ? ' modal-wide' : ''}`, 'data-testid': testid, 'aria-labelledby': titleId },
        h('header', { class: 'modal-header' }, h('h2', { id: titleId }, title)),
        form,
      );
      const body = h('div', { class: 'modal-body' }, alertSlot);
      form.append(body, h('footer', { class: 'modal-footer' }, cancel, saveButton));
      build(body, form);
      let busy = false;
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        if (busy) return;
        busy = true;
        saveButton.disabled = true;
        clear(alertSlot);
        alertSlot.classList.remove('shown');
        try {
          if (await submit(form)) finish(true);
        } catch (error) {
          ctx.fail(error);
        } finally {
          busy = false;
          saveButton.disabled = false;
        }
      });
      // Settles once, whichever way the dialog ends: saved, Cancel, Escape (cancel event) or a
      // close from elsewhere. Does not wait for the 'close' event, which some engines deliver late.
      let settled = false;
      const finish = (saved) => {
        if (settled) return;
        settled = true;
        if (dialog.open) dialog.close(saved ? 'saved' : 'cancel');
        dialog.remove();
        // The engine gives the focus back to the control that opened the dialog (HTML's dialog
        // focus restoring, tests/desktop/a11y.rs); a redraw after a save then finds that
        // control's counterpart (app.js), or the caller chooses.
        resolve(saved);
      };
      // Changed: a field differs from when the dialog opened, or a file waits to be added or
      // detached (attachments mark those with data-pending).
      const initial = JSON.stringify(formValues(form));
      const changed = () => JSON.stringify(formValues(form)) !== initial || !!form.querySelector('[data-pending]');
      let asking = false;
      const leave = async () => {
        if (!changed()) return finish(false);
        if (asking) return;
        asking = true;
        const discard = await ctx.confirm({
          title: 'Discard your changes?',
          message: 'What you typed or attached in this form has not been saved.',
          action: 'Discard changes',
          cancelLabel: 'Keep editing',
        });
        asking = false;
        if (discard) finish(false);
        else (form.querySelector('[aria-invalid="true"]') || form.querySelector('input, select, textarea') || saveButton).focus();
      };
      cancel.addEventListener('click', leave);
      dialog.addEventListener('cancel', (event) => { event.preventDefault(); leave(); });
      dialog.addEventListener('close', () => finish(dialog.returnValue === 'saved'));
      document.body.append(dialog);
      dialog.showModal();
      const first = form.querySelector('input:not([type=hidden]):not([disabled]), select, textarea');
      if (first) first.focus();
    });
  },

  /** "Delete …?" Resolves true when confirmed. */
  confirm({ title, message, action = 'Delete', danger = true, cancelLabel = 'Cancel' }) {
    return ctx.dialog({
      title,
      testid: 'confirm-dialog',
      saveLabel: action,
      cancelLabel,
      danger,
      build: (body) => {
        for (const line of [].concat(message)) body.append(h('p', { class: 'confirm-text' }, line));
      },
      submit: async () => true,
    });
  },

  /** Asks `question` (as for `confirm`), then runs `removal`, toasts `success` and refreshes;
   *  a failure shows in the alert region. Every delete/remove button goes through here.
   *  Resolves false when the clerk cancelled, true once confirmed. */
  async removeAfterConfirm(question, removal, success) {
    if (!(await ctx.confirm(question))) return false;
    const done = await ctx.attempt(removal, { success });
    if (done !== undefined) await ctx.attempt(() => ctx.refresh());
    return true;
  },
};
