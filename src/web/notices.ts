// The message shown after an action redirects back (`?done=…`): a fixed sentence per code, so nothing from the URL
// is ever echoed into the page. `n` (a count) is read as a number only.
import type { Notice } from './layout.ts';

const messages: Readonly<Record<string, (n: number | undefined) => Notice>> = {
  connected: () => ({ kind: 'success', text: 'Your calendar is connected. Your timetable is on its way to Outlook.' }),
  'signed-in': () => ({ kind: 'success', text: 'You are signed in.' }),
  'signed-out': () => ({ kind: 'success', text: 'You are signed out.' }),
  'settings-saved': () => ({ kind: 'success', text: 'Settings saved. Your calendar is being updated.' }),
  'sync-queued': () => ({ kind: 'success', text: 'A sync is on its way.' }),
  'reconcile-queued': () => ({ kind: 'success', text: 'A reconcile is on its way.' }),
  'reset-queued': () => ({
    kind: 'success',
    text: 'Your calendar is being reset: events you deleted or changed are put back as the timetable has them.',
  }),
  disconnected: (n) => ({
    kind: 'success',
    text: `Disconnected. ${n ?? 0} timetable event${n === 1 ? ' was' : 's were'} removed from your calendar, and we forgot your sign-in.`,
  }),
  'disconnect-failed': () => ({
    kind: 'error',
    text: 'Disconnecting did not finish: your events are still in your calendar. See the reason below and try again.',
  }),
  'feed-rotated': () => ({ kind: 'success', text: 'Your feed has a new address. The old one no longer works.' }),
  purged: (n) => ({ kind: 'success', text: `Purged: ${n ?? 0} event${n === 1 ? '' : 's'} deleted.` }),
  'purge-failed': () => ({ kind: 'error', text: 'The purge did not finish; see the latest run below.' }),
  'plan-approved': () => ({ kind: 'success', text: 'Plan approved and run.' }),
  'plan-rejected': () => ({ kind: 'success', text: 'Plan rejected. Nothing was deleted.' }),
  'plan-gone': () => ({ kind: 'error', text: 'That plan was already decided or replaced by a newer one.' }),
};

export function noticeFrom(query: unknown): Notice | undefined {
  const { done, n } = (query ?? {}) as { done?: unknown; n?: unknown };
  if (typeof done !== 'string') return undefined;
  const count = typeof n === 'string' && /^\d{1,9}$/.test(n) ? Number(n) : undefined;
  return messages[done]?.(count);
}
