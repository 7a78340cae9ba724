// First run: no portfolio yet. Explains the CMC in three facts and offers the demo or an empty start.
import { h, fill } from './dom.js';

export function render(ctx, root) {
  const begin = async (work, message) => {
    for (const b of root.querySelectorAll('button')) b.disabled = true;
    const ok = await ctx.attempt(work);
    if (ok !== undefined) {
      ctx.toast(message);
      ctx.state.screen = 'dashboard';
      await ctx.attempt(() => ctx.refresh());
      // The button she pressed is gone with the welcome: her place is the dashboard's heading.
      ctx.focusScreen();
    }
    for (const b of root.querySelectorAll('button')) b.disabled = false;
  };
  fill(root,
    h('div', { class: 'welcome' },
      h('div', { class: 'welcome-brand' }, h('span', { class: 'brand-mark brand-mark-lg', 'aria-hidden': 'true' }, 'C'), h('span', { class: 'welcome-name' }, 'Clerkfolio')),
      h('h1', { id: 'heading-welcome' }, 'Your path to the Certified Municipal Clerk designation'),
      h('p', { class: 'lead' }, 'Clerkfolio keeps your education, experience and membership records with their certificates, shows how far you are from the IIMC CMC (and later the MMC), and assembles the application packet. Everything stays on this computer.'),
      h('ol', { class: 'facts' },
        h('li', {}, h('span', { class: 'fact-figure' }, '2 years'), h('span', { class: 'fact-text' }, 'of active IIMC membership (Full, Additional Full or Retired) before the CMC is granted. Earn points meanwhile.')),
        h('li', {}, h('span', { class: 'fact-figure' }, '60 points'), h('span', { class: 'fact-text' }, 'of Education: institute years, association programs, courses and more.')),
        h('li', {}, h('span', { class: 'fact-figure' }, '50 points'), h('span', { class: 'fact-text' }, 'of Experience: your positions, conferences, committees and teaching.')),
      ),
      h('p', { class: 'welcome-note' }, 'Where IIMC does not publish a figure, Clerkfolio says so: such points are marked “estimate” or “claimed”, never presented as IIMC’s word.'),
      h('div', { class: 'welcome-actions' },
        h('button', { type: 'button', class: 'primary large', 'data-testid': 'start-demo', onclick: () => begin(() => ctx.api.startDemo(), 'The demo portfolio is ready. Look around freely.') }, 'Start with the demo portfolio'),
        h('button', { type: 'button', class: 'secondary large', 'data-testid': 'start-empty', onclick: () => begin(() => ctx.api.startEmpty(), 'Your portfolio is ready. Start with your profile and IIMC membership.') }, 'Start empty'),
      ),
      h('p', { class: 'hint' }, 'The demo is a Minnesota city clerk three years into the institute, with sample certificates. You can look around freely.'),
    ),
  );
}
