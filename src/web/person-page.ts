// A person's own page: how their calendar is connected and doing, what the latest syncs changed, their settings,
// reset, their iCal feed, and disconnect. Forms post to /me/… only: the person is always the session's.
import type { PersonSettingsPolicy } from '../config/index.ts';
import type { PersonRecord, SyncRun } from '../store/index.ts';
import { changeSummary, formatInstant, runOutcomeLabel, statusLabels } from './format.ts';
import { html, type SafeHtml } from './html.ts';

export interface PersonPageData {
  readonly person: PersonRecord;
  readonly mode: 'application' | 'delegated';
  /** Delegated: we hold their tokens. */
  readonly connected: boolean;
  readonly runs: readonly SyncRun[];
  /** Our events in their calendar, as the store knows them. */
  readonly eventCount: number;
  readonly policy: PersonSettingsPolicy;
  /** The institution's reminder (null: none). */
  readonly defaultReminder: number | null;
  /** The activity types in their timetable now (for the settings form). */
  readonly activityTypes: readonly string[];
  readonly feedUrl: string;
  readonly csrf: string;
}

export function personPageBody(data: PersonPageData): SafeHtml {
  const { person } = data;
  const lastRun = data.runs.find((run) => run.finishedAt !== null && run.kind !== 'dry_run');
  return html`
<section class="card" aria-labelledby="connection">
  <h2 id="connection">Connection</h2>
  <p><span class="status ${person.status}">${statusLabels[person.status]}</span></p>
  <p>${connectionSentence(data)}</p>
  ${person.statusReason && person.status !== 'ok' && html`<p><strong>Why:</strong> ${person.statusReason}</p>`}
  <dl class="facts">
    <dt>Calendar</dt><dd>${person.mailbox}</dd>
    <dt>Last successful sync</dt><dd>${formatInstant(person.lastSuccessAt)}</dd>
    <dt>What changed</dt><dd>${lastRun ? changeSummary(lastRun.counts) : 'nothing yet'}</dd>
    <dt>Timetable events in your calendar</dt><dd>${data.eventCount}</dd>
  </dl>
  ${connectAction(data)}
</section>
${runsTable(data.runs)}
<div class="grid">
${settingsForm(data)}
<section class="card" aria-labelledby="reset">
  <h2 id="reset">Reset my calendar</h2>
  <p>Deleted or changed one of your timetable events by mistake? Resetting puts every timetable event back as the
  timetable has it. Your own appointments are never touched.</p>
  ${
    canSync(data) &&
    html`<form method="post" action="/me/reset">
    <input type="hidden" name="_csrf" value="${data.csrf}">
    <button type="submit" class="secondary">Reset my calendar</button>
  </form>`
  }
</section>
</div>
<section class="card" aria-labelledby="feed">
  <h2 id="feed">Calendar feed for other apps</h2>
  <p>For calendar apps other than Outlook (Apple Calendar, Google Calendar, Thunderbird): subscribe to this address.
  Anyone who has it can read your timetable, so keep it to yourself.</p>
  <label for="feed-url">Your personal feed address</label>
  <input id="feed-url" class="feed" type="url" readonly value="${data.feedUrl}">
  <form method="post" action="/me/feed">
    <input type="hidden" name="_csrf" value="${data.csrf}">
    <p class="hint">Shared it by mistake? Get a new address; the old one stops working at once.</p>
    <button type="submit" class="secondary">Get a new feed address</button>
  </form>
</section>
${disconnectForm(data)}`;
}

function canSync(data: PersonPageData): boolean {
  return data.mode === 'application' || (data.connected && data.person.status !== 'disconnected');
}

function connectionSentence(data: PersonPageData): string {
  const { status } = data.person;
  if (data.mode === 'application') {
    return status === 'never_synced'
      ? 'Your institution adds your timetable to your Outlook calendar; the first sync has not run yet.'
      : 'Your institution keeps your timetable in your Outlook calendar for you.';
  }
  if (status === 'disconnected') return 'Your calendar is not connected: nothing is synced.';
  if (status === 'reconnect_needed' || !data.connected) {
    return 'We can no longer reach your calendar. Sign in again to reconnect; until then nothing is synced.';
  }
  if (status === 'never_synced') return 'Your calendar is connected. The first sync is on its way.';
  return 'Your calendar is connected: changes to your timetable reach Outlook within moments.';
}

function connectAction(data: PersonPageData): SafeHtml | '' {
  if (data.mode === 'delegated' && (!data.connected || data.person.status === 'reconnect_needed')) {
    const label = data.person.status === 'disconnected' ? 'Connect my Outlook calendar' : 'Reconnect';
    return html`<p><a class="button" href="/auth/sign-in">${label}</a></p>`;
  }
  if (!canSync(data)) return '';
  return html`<form method="post" action="/me/sync">
    <input type="hidden" name="_csrf" value="${data.csrf}">
    <button type="submit" class="secondary">Sync now</button>
  </form>`;
}

/** In the person's words: a reconcile is a full check of their calendar. */
const personRunLabels: Readonly<Record<SyncRun['kind'], string>> = {
  sync: 'Update',
  reconcile: 'Full check',
  purge: 'Removal',
  dry_run: 'Preview',
};

function runsTable(runs: readonly SyncRun[]): SafeHtml {
  const shown = runs.filter((run) => run.kind !== 'dry_run').slice(0, 10);
  if (shown.length === 0) {
    return html`<section class="card" aria-labelledby="history"><h2 id="history">Recent syncs</h2><p>No syncs yet.</p></section>`;
  }
  const rows = shown.map(
    (run) => html`<tr>
      <td>${formatInstant(run.startedAt)}</td><td>${personRunLabels[run.kind]}</td>
      <td>${runOutcomeLabel(run.outcome)}</td><td>${changeSummary(run.counts)}</td><td>${run.error ?? ''}</td>
    </tr>`,
  );
  return html`<section class="card" aria-labelledby="history">
  <h2 id="history">Recent syncs</h2>
  <div class="table-wrap"><table>
    <caption>Your latest syncs, newest first</caption>
    <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Result</th><th scope="col">Changes</th><th scope="col">Notes</th></tr></thead>
    <tbody>${rows}</tbody>
  </table></div>
</section>`;
}

function settingsForm(data: PersonPageData): SafeHtml {
  const { policy, person } = data;
  const settings = person.settings;
  const reminder = settings.reminderMinutes ?? data.defaultReminder;
  const choices: (number | null)[] = [
    ...new Set<number | null>([data.defaultReminder, ...policy.reminderMinutes]),
  ].sort((a, b) => (a ?? -1) - (b ?? -1));
  const reminderField =
    policy.reminderMinutes.length > 0
      ? html`<p><label for="reminder">Reminder before each event</label><br>
      <select id="reminder" name="reminderMinutes">${choices.map(
        (minutes) =>
          html`<option value="${minutes ?? 'none'}"${minutes === reminder ? html` selected` : ''}>${reminderLabel(minutes)}${
            minutes === data.defaultReminder ? ' (default)' : ''
          }</option>`,
      )}</select></p>`
      : '';
  const chosen = settings.activityTypes?.map((type) => type.toLowerCase());
  const typesField =
    policy.activityTypes && data.activityTypes.length > 0
      ? html`<fieldset><legend>Activity types in my calendar</legend>
      <input type="hidden" name="activityTypesShown" value="yes">
      ${data.activityTypes.map(
        (type, index) =>
          html`<label class="choice" for="type-${index}"><input type="checkbox" id="type-${index}" name="activityTypes" value="${type}"${
            !chosen || chosen.includes(type.toLowerCase()) ? html` checked` : ''
          }> ${type}</label>`,
      )}</fieldset>`
      : '';
  const categoriesField = policy.categories
    ? html`<p><label class="choice" for="categories"><input type="checkbox" id="categories" name="categories" value="on"${
        settings.categories ? html` checked` : ''
      }> Colour my events by activity type (Outlook categories)</label></p>`
    : '';
  const empty = reminderField === '' && typesField === '' && categoriesField === '';
  return html`<section class="card" aria-labelledby="settings">
  <h2 id="settings">Your settings</h2>
  ${
    empty
      ? html`<p>Your institution sets how timetable events look in your calendar.</p>`
      : html`<form method="post" action="/me/settings">
    <input type="hidden" name="_csrf" value="${data.csrf}">
    ${reminderField}${typesField}${categoriesField}
    <button type="submit">Save settings</button>
  </form>`
  }
</section>`;
}

export function reminderLabel(minutes: number | null): string {
  if (minutes === null) return 'No reminder';
  if (minutes === 0) return 'At the start';
  if (minutes % 1440 === 0) return `${minutes / 1440} day${minutes === 1440 ? '' : 's'} before`;
  if (minutes % 60 === 0) return `${minutes / 60} hour${minutes === 60 ? '' : 's'} before`;
  return `${minutes} minutes before`;
}

function disconnectForm(data: PersonPageData): SafeHtml | '' {
  // Removing events needs a working sign-in: someone who must reconnect is offered Reconnect instead.
  const { status } = data.person;
  if (data.mode !== 'delegated' || !data.connected || status === 'disconnected' || status === 'reconnect_needed') {
    return '';
  }
  return html`<section class="card" aria-labelledby="disconnect">
  <h2 id="disconnect">Disconnect</h2>
  <p>Disconnecting removes every timetable event we added to your calendar, then forgets your sign-in. Your own
  appointments stay. You can connect again at any time.</p>
  <form method="post" action="/me/disconnect">
    <input type="hidden" name="_csrf" value="${data.csrf}">
    <p><label class="choice" for="confirm-disconnect"><input type="checkbox" id="confirm-disconnect" name="confirm" value="yes" required>
    Yes, remove my timetable events and disconnect</label></p>
    <button type="submit" class="danger">Disconnect</button>
  </form>
</section>`;
}
