// The summary a run prints: one line per person (created, updated, deleted, unchanged, failed with the reason)
// and the totals (Graph requests, throttled responses, time).
import type { PersonOutcome } from '../sync/person-outcome.ts';
import type { RunSummary } from '../sync/run-people.ts';

export function formatRunSummary(summary: RunSummary, options: { readonly everyPerson?: boolean } = {}): string {
  const lines: string[] = [];
  const sorted = [...summary.outcomes].sort((a, b) => a.personId.localeCompare(b.personId));
  const shown = (options.everyPerson ?? sorted.length <= 50) ? sorted : sorted.filter((o) => o.status !== 'succeeded');
  for (const outcome of shown) lines.push(personLine(outcome));
  if (shown.length < sorted.length) lines.push(`  … and ${sorted.length - shown.length} more people, all succeeded`);
  const totals = sum(summary.outcomes);
  const byStatus = new Map<string, number>();
  for (const o of summary.outcomes) byStatus.set(o.status, (byStatus.get(o.status) ?? 0) + 1);
  lines.push('');
  lines.push(
    `people: ${summary.outcomes.length} (${[...byStatus].map(([status, n]) => `${n} ${status}`).join(', ') || 'none'})`,
  );
  lines.push(
    `events: ${totals.created} created, ${totals.updated} updated, ${totals.deleted} deleted, ${totals.adopted} adopted, ${totals.unchanged} unchanged, ${totals.failed} failed`,
  );
  const g = summary.graph;
  lines.push(
    `graph: ${g.httpRequests} HTTP requests (${g.batchItems} batch items), ${g.throttled} throttled, ${g.retries} retried, ${g.transportFailures} without an answer`,
  );
  lines.push(`time: ${(summary.durationMs / 1000).toFixed(1)} s`);
  return lines.join('\n');
}

function personLine(o: PersonOutcome): string {
  const c = o.counts;
  const what = `${c.created} created, ${c.updated} updated, ${c.deleted} deleted, ${c.unchanged} unchanged${c.failed ? `, ${c.failed} failed` : ''}`;
  const why = o.reason ? ` — ${o.reason}` : '';
  return `  ${o.status.padEnd(9)} ${o.personId} <${o.mailbox}>: ${what}${why}`;
}

function sum(outcomes: readonly PersonOutcome[]) {
  const totals = { created: 0, updated: 0, deleted: 0, adopted: 0, unchanged: 0, failed: 0 };
  for (const o of outcomes) {
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += o.counts[key];
  }
  return totals;
}
