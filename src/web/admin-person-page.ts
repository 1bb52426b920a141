// One person as an admin sees them: status and why (with what to do), actions (sync now, reconcile, dry run,
// purge), the held plan with approve / reject, recent runs, errors with Graph's code and advice, and every write.
import type { GraphWrite, HeldPlan, PersonRecord, SyncRun } from '../store/index.ts';
import { adviceFor } from '../sync/describe-failure.ts';
import { changeSummary, formatInstant, runKindLabels, runOutcomeLabel, statusLabels } from './format.ts';
import { html, type SafeHtml } from './html.ts';

export interface AdminPersonData {
  readonly person: PersonRecord;
  readonly runs: readonly SyncRun[];
  readonly writes: readonly GraphWrite[];
  readonly plan: HeldPlan | undefined;
  readonly eventCount: number;
  readonly csrf: string;
}

export function adminPersonBody(data: AdminPersonData): SafeHtml {
  const { person } = data;
  const base = `/admin/people/${encodeURIComponent(person.id)}`;
  const action = (path: string, label: string, className = 'secondary') =>
    html`<form method="post" action="${base}/${path}" class="inline"><input type="hidden" name="_csrf" value="${data.csrf}"><button type="submit" class="${className}">${label}</button></form>`;
  const advice = adviceFor(person.statusCode);
  return html`
<section class="card" aria-labelledby="state-heading">
  <h2 id="state-heading">State</h2>
  <p><span class="status ${person.status}">${statusLabels[person.status]}</span></p>
  <dl class="facts">
    <dt>Mailbox</dt><dd>${person.mailbox}</dd>
    <dt>Permissions</dt><dd>${person.authMode === 'delegated' ? 'Delegated (the person connected)' : 'Application'}</dd>
    <dt>Last sync</dt><dd>${formatInstant(person.lastSyncAt)}</dd>
    <dt>Last success</dt><dd>${formatInstant(person.lastSuccessAt)}</dd>
    <dt>Our events in the calendar</dt><dd>${data.eventCount}</dd>
    ${person.statusReason && html`<dt>Why</dt><dd>${person.statusReason}</dd>`}
    ${person.statusCode && html`<dt>Code</dt><dd><code>${person.statusCode}</code></dd>`}
    ${advice && html`<dt>What to do</dt><dd>${advice}</dd>`}
  </dl>
</section>
<section class="card" aria-labelledby="actions-heading">
  <h2 id="actions-heading">Actions</h2>
  <p class="hint">Sync and reconcile are queued; a dry run shows what a sync would do, without writing.</p>
  ${action('sync', 'Sync now', '')}${action('reconcile', 'Reconcile')}${action('dry-run', 'Dry run (preview)')}
  <form method="post" action="${base}/purge">
    <input type="hidden" name="_csrf" value="${data.csrf}">
    <p><label class="choice" for="confirm-purge"><input type="checkbox" id="confirm-purge" name="confirm" value="yes" required>
    Delete every event timetable-sync created in this calendar</label></p>
    <button type="submit" class="danger">Purge</button>
  </form>
</section>
${data.plan && planCard(data.plan, base, data.csrf)}
${errorsCard(data.runs, data.writes)}
${runsCard(data.runs)}
${writesCard(data.writes)}`;
}

function planCard(plan: HeldPlan, base: string, csrf: string): SafeHtml {
  const { summary } = plan;
  const samples = summary.sampleDeletes ?? [];
  const decide = (decision: 'approve' | 'reject', label: string, className: string) =>
    html`<form method="post" action="${base}/plans/${encodeURIComponent(plan.id)}/${decision}" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit" class="${className}">${label}</button></form>`;
  return html`<section class="card" aria-labelledby="plan-heading">
  <h2 id="plan-heading">Plan waiting for a decision</h2>
  <p>Held ${formatInstant(plan.createdAt)} (${plan.reason}): it would delete <strong>${summary.deletes}</strong> of
  ${summary.current} events, create ${summary.creates} and update ${summary.updates}.</p>
  ${samples.length > 0 && html`<ul>${samples.map((s) => html`<li><code>${s.sourceKey}</code>${s.start ? html` (${formatInstant(s.start)})` : ''}</li>`)}</ul>`}
  ${decide('approve', 'Approve and run', 'danger')}${decide('reject', 'Reject', 'secondary')}
</section>`;
}

function errorsCard(runs: readonly SyncRun[], writes: readonly GraphWrite[]): SafeHtml {
  const failedRuns = runs.filter((run) => run.error);
  const failedWrites = writes.filter((write) => write.errorCode || (write.status !== null && write.status >= 300));
  if (failedRuns.length === 0 && failedWrites.length === 0) {
    return html`<section class="card" aria-labelledby="errors-heading"><h2 id="errors-heading">Errors</h2><p>No recent errors.</p></section>`;
  }
  const rows = [
    ...failedRuns.map(
      (run) =>
        html`<tr><td>${formatInstant(run.startedAt)}</td><td>${runKindLabels[run.kind]}</td><td><code>${run.errorCode ?? ''}</code></td><td>${run.error}${adviceFor(run.errorCode) && !run.error?.includes('—') ? html`<br><em>${adviceFor(run.errorCode)}</em>` : ''}</td></tr>`,
    ),
    ...failedWrites
      .slice(0, 20)
      .map(
        (write) =>
          html`<tr><td>${formatInstant(write.at)}</td><td>${write.action} (HTTP ${write.status ?? 'no answer'})</td><td><code>${write.errorCode ?? ''}</code></td><td>${adviceFor(write.errorCode) ?? ''}</td></tr>`,
      ),
  ];
  return html`<section class="card" aria-labelledby="errors-heading"><h2 id="errors-heading">Errors</h2>
  <div class="table-wrap"><table>
    <caption>Failed runs and writes, newest first</caption>
    <thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Graph code</th><th scope="col">Explanation</th></tr></thead>
    <tbody>${rows}</tbody>
  </table></div></section>`;
}

function runsCard(runs: readonly SyncRun[]): SafeHtml {
  const rows = runs.map(
    (run) =>
      html`<tr><td>${formatInstant(run.startedAt)}</td><td>${runKindLabels[run.kind]}</td><td>${runOutcomeLabel(run.outcome)}</td><td>${changeSummary(run.counts)}</td><td class="num">${run.counts.graphRequests}</td><td class="num">${run.counts.throttled}</td></tr>`,
  );
  return html`<section class="card" aria-labelledby="runs-heading"><h2 id="runs-heading">Recent runs</h2>
  ${
    runs.length === 0
      ? html`<p>No runs yet.</p>`
      : html`<div class="table-wrap"><table>
    <caption>Runs, newest first</caption>
    <thead><tr><th scope="col">Started</th><th scope="col">Kind</th><th scope="col">Outcome</th><th scope="col">Changes</th><th scope="col" class="num">Requests</th><th scope="col" class="num">Throttled</th></tr></thead>
    <tbody>${rows}</tbody>
  </table></div>`
  }</section>`;
}

function writesCard(writes: readonly GraphWrite[]): SafeHtml {
  const rows = writes.map(
    (write) =>
      html`<tr><td>${formatInstant(write.at)}</td><td>${write.action}</td><td><code>${write.sourceKey ?? ''}</code></td><td class="num">${write.status ?? '—'}</td><td><code>${write.errorCode ?? ''}</code></td></tr>`,
  );
  return html`<section class="card" aria-labelledby="writes-heading"><h2 id="writes-heading">Writes to the calendar</h2>
  ${
    writes.length === 0
      ? html`<p>No writes yet.</p>`
      : html`<div class="table-wrap"><table>
    <caption>Every write sent to Graph, newest first (latest ${writes.length})</caption>
    <thead><tr><th scope="col">When</th><th scope="col">Action</th><th scope="col">Source key</th><th scope="col" class="num">Status</th><th scope="col">Graph code</th></tr></thead>
    <tbody>${rows}</tbody>
  </table></div>`
  }</section>`;
}
