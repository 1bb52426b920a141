// The admin dashboard: people by status (each count links to the list), the chart of writes and throttling, the
// app credential's expiry, why people are failing (grouped by cause, with what to do), failed writes by Graph's
// code, and the plans waiting for a decision.
import type { DashboardCounts, FailedWrites, FailureCause, HeldPlan, HourActivity } from '../store/index.ts';
import { adviceFor } from '../sync/describe-failure.ts';
import { activityChart, activityTable } from './activity-chart.ts';
import type { CredentialStatus } from './certificate-status.ts';
import { formatInstant } from './format.ts';
import { html, type SafeHtml } from './html.ts';

export interface DashboardData {
  readonly counts: DashboardCounts;
  readonly activity: readonly HourActivity[];
  readonly credential: CredentialStatus;
  readonly causes: readonly FailureCause[];
  readonly failedWrites: readonly FailedWrites[];
  readonly openPlans: readonly HeldPlan[];
}

export function dashboardBody(data: DashboardData): SafeHtml {
  const { counts } = data;
  const byStatus = counts.peopleByStatus;
  const count = (label: string, value: number, href: string, className: string) =>
    html`<li class="${className}${value === 0 ? ' zero' : ''}"><a href="${href}"><span class="number">${value}</span> ${label}</a></li>`;
  return html`
<section aria-labelledby="counts-heading">
<h2 id="counts-heading">People</h2>
<ul class="counts">
  ${count('people', counts.people, '/admin/people', 'all')}
  ${count('in sync', byStatus.ok, '/admin/people?status=ok', 'ok')}
  ${count('failing', byStatus.failing, '/admin/people?status=failing', 'failing')}
  ${count('reconnect needed', byStatus.reconnect_needed, '/admin/people?status=reconnect_needed', 'reconnect')}
  ${count('held plans', counts.openPlans, '#plans', 'held')}
  ${count('not synced yet', byStatus.never_synced, '/admin/people?status=never_synced', 'new')}
  ${count('disconnected', byStatus.disconnected, '/admin/people?status=disconnected', 'gone')}
</ul>
</section>
<section class="card" aria-labelledby="activity-heading">
  <h2 id="activity-heading">Writes to Outlook, last ${data.activity.length} hours</h2>
  ${activityChart(data.activity)}
  ${activityTable(data.activity)}
</section>
<div class="grid">
${credentialCard(data.credential)}
${plansCard(data.openPlans)}
</div>
${causesCard(data.causes)}
${failedWritesCard(data.failedWrites)}`;
}

function credentialCard(status: CredentialStatus): SafeHtml {
  const body =
    status.kind === 'certificate'
      ? html`<dl class="facts">
    <dt>Subject</dt><dd>${status.subject}</dd>
    <dt>Expires</dt><dd>${formatInstant(status.notAfter)} (${status.daysLeft >= 0 ? `in ${status.daysLeft} days` : `${-status.daysLeft} days ago`})</dd>
    <dt>SHA-1 thumbprint</dt><dd><code>${status.thumbprint}</code></dd>
  </dl>
  ${
    status.findings.length === 0
      ? html`<p>Valid, with an RSA key of an accepted size.</p>`
      : html`<ul>${status.findings.map((f) => html`<li><strong>${f.level === 'error' ? 'Error' : 'Warning'}:</strong> ${f.message}</li>`)}</ul>`
  }`
      : status.kind === 'secret'
        ? html`<p>The app signs in with a client secret. Its expiry is only shown in the Entra admin center (App
    registrations, Certificates &amp; secrets); a certificate (timetable-sync cert create) is recommended.</p>`
        : html`<p role="alert">The certificate cannot be read: ${status.message}</p>`;
  return html`<section class="card" aria-labelledby="credential-heading"><h2 id="credential-heading">App certificate</h2>${body}</section>`;
}

function plansCard(plans: readonly HeldPlan[]): SafeHtml {
  const items = plans.map(
    (plan) =>
      html`<li><a href="/admin/people/${encodeURIComponent(plan.personId)}">${plan.personId}</a>: would delete ${plan.summary.deletes} of ${plan.summary.current} events (held ${formatInstant(plan.createdAt)})</li>`,
  );
  return html`<section class="card" id="plans" aria-labelledby="plans-heading"><h2 id="plans-heading">Plans waiting for a decision</h2>
  ${items.length === 0 ? html`<p>None.</p>` : html`<ul>${items}</ul>`}</section>`;
}

function causesCard(causes: readonly FailureCause[]): SafeHtml {
  if (causes.length === 0) {
    return html`<section class="card" aria-labelledby="causes-heading"><h2 id="causes-heading">Why people are failing</h2><p>Nobody is failing.</p></section>`;
  }
  const rows = causes.map(
    (cause) => html`<tr>
    <td><code>${cause.code ?? 'unknown'}</code></td><td class="num">${cause.people}</td>
    <td>${adviceFor(cause.code) ?? cause.example ?? ''}</td>
    <td>${cause.samplePersonIds.map((id, index) => html`${index > 0 ? ', ' : ''}<a href="/admin/people/${encodeURIComponent(id)}">${id}</a>`)}</td>
  </tr>`,
  );
  return html`<section class="card" aria-labelledby="causes-heading"><h2 id="causes-heading">Why people are failing</h2>
  <div class="table-wrap"><table>
    <caption>People failing or needing to reconnect now, by cause</caption>
    <thead><tr><th scope="col">Cause</th><th scope="col" class="num">People</th><th scope="col">What to do</th><th scope="col">For example</th></tr></thead>
    <tbody>${rows}</tbody>
  </table></div></section>`;
}

function failedWritesCard(groups: readonly FailedWrites[]): SafeHtml {
  if (groups.length === 0) {
    return html`<section class="card" aria-labelledby="writes-heading"><h2 id="writes-heading">Failed writes, last 24 hours</h2><p>None.</p></section>`;
  }
  const rows = groups.map(
    (group) => html`<tr>
    <td><code>${group.errorCode ?? 'no answer'}</code></td><td class="num">${group.status ?? '—'}</td>
    <td class="num">${group.writes}</td><td class="num">${group.people}</td><td>${formatInstant(group.lastAt)}</td>
    <td>${adviceFor(group.errorCode) ?? ''}</td>
  </tr>`,
  );
  return html`<section class="card" aria-labelledby="writes-heading"><h2 id="writes-heading">Failed writes, last 24 hours</h2>
  <div class="table-wrap"><table>
    <caption>Writes Graph refused, by error code</caption>
    <thead><tr><th scope="col">Graph code</th><th scope="col" class="num">Status</th><th scope="col" class="num">Writes</th><th scope="col" class="num">People</th><th scope="col">Last</th><th scope="col">What it means</th></tr></thead>
    <tbody>${rows}</tbody>
  </table></div></section>`;
}
