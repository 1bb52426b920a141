// What a dry run found for one person: the plan's counts, whether it would be held and why, and a sample of the
// actions (what, which event, when). Nothing was written.
import type { PlanAction } from '../planner/index.ts';
import type { PersonOutcome } from '../sync/person-outcome.ts';
import { formatInstant } from './format.ts';
import { html, type SafeHtml } from './html.ts';

const SAMPLE = 25;

export function dryRunBody(personId: string, outcome: PersonOutcome): SafeHtml {
  const back = html`<p><a href="/admin/people/${encodeURIComponent(personId)}">Back to ${personId}</a></p>`;
  const plan = outcome.plan;
  if (!plan) {
    return html`<section class="card"><p role="alert">The dry run could not plan: ${outcome.reason ?? 'unknown reason'}${outcome.code ? html` (<code>${outcome.code}</code>)` : ''}</p>${back}</section>`;
  }
  const c = plan.counts;
  const rows: [string, number][] = [
    ['Create', c.create],
    ['Update', c.update],
    ['Overwrite a user edit', c.overwriteUserEdit],
    ['Re-create (deleted by the user)', c.recreate],
    ['Delete', c.delete],
    ['Remove a duplicate', c.removeDuplicate],
    ['Adopt (ours, not recorded)', c.adopt],
    ['Unchanged', c.unchanged],
    ['Kept deleted (the user deleted it)', c.keptUserDeleted],
  ];
  const actions = (plan.status === 'held' ? plan.heldActions : plan.actions).filter(
    (a) => a.kind !== 'forget' && a.kind !== 'mark-user-deleted',
  );
  return html`
<section class="card" aria-labelledby="summary-heading">
  <h2 id="summary-heading">Plan</h2>
  <p>Nothing was written. ${outcome.listed ? 'The calendar was listed (a reconcile).' : 'The calendar was not listed; the database says what it holds.'}</p>
  ${plan.hold && html`<p role="alert"><strong>This plan would be held for an admin:</strong> ${plan.hold.message}</p>`}
  <div class="table-wrap"><table>
    <caption>What a sync would do now (${plan.current} of our events in the window)</caption>
    <thead><tr><th scope="col">Action</th><th scope="col" class="num">Events</th></tr></thead>
    <tbody>${rows.map(([label, value]) => html`<tr><th scope="row">${label}</th><td class="num">${value}</td></tr>`)}</tbody>
  </table></div>
</section>
<section class="card" aria-labelledby="sample-heading">
  <h2 id="sample-heading">Sample actions</h2>
  ${
    actions.length === 0
      ? html`<p>No writes would be needed.</p>`
      : html`<div class="table-wrap"><table>
    <caption>The first ${Math.min(SAMPLE, actions.length)} of ${actions.length} actions</caption>
    <thead><tr><th scope="col">Action</th><th scope="col">Event</th><th scope="col">Starts</th><th scope="col">Source key</th></tr></thead>
    <tbody>${actions.slice(0, SAMPLE).map(actionRow)}</tbody>
  </table></div>`
  }
  ${back}
</section>`;
}

function actionRow(action: PlanAction): SafeHtml {
  const described = describe(action);
  return html`<tr><td>${action.kind}</td><td>${described.subject}</td><td>${formatInstant(described.start)}</td><td><code>${action.sourceKey}</code></td></tr>`;
}

function describe(action: PlanAction): { subject: string; start: string | null } {
  switch (action.kind) {
    case 'create':
    case 'update':
    case 'overwrite-user-edit':
    case 'recreate':
      return { subject: action.desired.payload.subject ?? '', start: action.desired.startUtc };
    case 'adopt':
      return { subject: action.update?.payload.subject ?? '(as it is)', start: action.remote.startUtc };
    case 'delete':
      return { subject: '(to delete)', start: action.startUtc };
    default:
      return { subject: '', start: null };
  }
}
