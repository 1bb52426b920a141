// The one log line per job: who, what was asked and why, how it ended, what it wrote, how long it took. Never
// a token, a secret or event content; the mailbox address is what an admin searches the log for.
import type { PersonOutcome } from '../sync/person-outcome.ts';
import type { SyncPersonJob } from './sync-job.ts';
import type { SyncJobResult } from './sync-person-handler.ts';

export function formatJobLine(job: SyncPersonJob, outcome: PersonOutcome, result: SyncJobResult): string {
  const c = outcome.counts;
  const parts = [
    `sync-person ${outcome.personId} <${outcome.mailbox}> ${job.kind}/${job.reason}: ${outcome.status}`,
    `created ${c.created}, updated ${c.updated}, deleted ${c.deleted}, adopted ${c.adopted}, unchanged ${c.unchanged}, failed ${c.failed}`,
    `${outcome.graphRequests} Graph request(s)${outcome.throttled > 0 ? `, ${outcome.throttled} throttled` : ''}`,
    `${result.durationMs} ms`,
  ];
  if (result.changeToOutlookMs !== null) parts.push(`change to Outlook ${result.changeToOutlookMs} ms`);
  if (result.followUp) parts.push(`throttled: continues after ${result.followUp.startAfter}`);
  if (outcome.code) parts.push(`${outcome.code}: ${outcome.reason ?? ''}`);
  return parts.join(' — ');
}
