// How the pages write times, counts and statuses: the same words everywhere.
import type { PersonStatus, RunCounts, RunKind, RunOutcome } from '../store/index.ts';

/** `2026-12-01 09:05 UTC`; the page says UTC, as the store keeps it (no script to convert to local time). */
export function formatInstant(iso: string | null | undefined): string {
  if (!iso) return '—';
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export const statusLabels: Readonly<Record<PersonStatus, string>> = {
  never_synced: 'Not synced yet',
  ok: 'In sync',
  failing: 'Failing',
  reconnect_needed: 'Reconnect needed',
  held: 'Waiting for an admin',
  disconnected: 'Disconnected',
};

export const runKindLabels: Readonly<Record<RunKind, string>> = {
  sync: 'Sync',
  reconcile: 'Reconcile',
  purge: 'Purge',
  dry_run: 'Dry run',
};

export function runOutcomeLabel(outcome: RunOutcome | null): string {
  switch (outcome) {
    case 'succeeded':
      return 'Succeeded';
    case 'partial':
      return 'Partly failed';
    case 'failed':
      return 'Failed';
    case 'held':
      return 'Held for an admin';
    case null:
      return 'Running';
  }
}

/** "3 created, 1 updated" — only what happened; "nothing changed" when nothing did. */
export function changeSummary(counts: RunCounts): string {
  const parts = [
    counts.created && `${counts.created} created`,
    counts.updated && `${counts.updated} updated`,
    counts.deleted && `${counts.deleted} deleted`,
    counts.adopted && `${counts.adopted} adopted`,
    counts.failed && `${counts.failed} failed`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'nothing changed';
}
