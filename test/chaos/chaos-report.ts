// What a chaos run reports: what it did, what it injected, what it survived, and what it found (the target is
// no differences at all).
export interface ChaosReport {
  readonly seed: number;
  readonly people: number;
  readonly chaosSeconds: number;
  readonly totalSeconds: number;
  /** Graph requests the emulator took during the chaos (batch items counted one by one). */
  readonly graphRequests: number;
  readonly faultsInjected: number;
  readonly throttled: number;
  readonly pushCalls: number;
  readonly pushRetries: number;
  readonly timetableChanges: number;
  readonly ownerActions: Readonly<Record<string, number>>;
  readonly workerKills: number;
  readonly workerStarts: number;
  /** Workers that died without being killed: a crash the service did not survive on its own. */
  readonly unexpectedWorkerExits: readonly string[];
  readonly databaseRestarts: number;
  readonly databaseDownMs: number;
  /** The person whose consent was revoked: the status they were shown before reconnecting. */
  readonly revoked: { readonly person: string; readonly status: string; readonly reason: string };
  readonly eventsCompared: number;
  readonly differences: readonly string[];
}

export function formatChaosReport(report: ChaosReport): string {
  const owner = Object.entries(report.ownerActions)
    .map(([what, count]) => `${count} ${what}`)
    .join(', ');
  return [
    `chaos run (seed ${report.seed}): ${report.people} people, ${report.chaosSeconds} s of chaos, ${report.totalSeconds} s in all`,
    `  operations: ${report.graphRequests} Graph requests, ${report.pushCalls} push calls (${report.timetableChanges} timetable changes, ${report.pushRetries} sent again), owner actions: ${owner}`,
    `  faults injected: ${report.faultsInjected} (plus ${report.throttled} throttled answers)`,
    `  crashes survived: ${report.workerKills} workers killed with SIGKILL (${report.workerStarts} started), ${report.databaseRestarts} database restart (${report.databaseDownMs} ms down), ${report.unexpectedWorkerExits.length} unexpected worker exits`,
    `  consent revoked: ${report.revoked.person} was shown "${report.revoked.status}" (${report.revoked.reason}), then reconnected`,
    `  events compared: ${report.eventsCompared}; differences: ${report.differences.length}`,
    ...report.differences.slice(0, 50).map((d) => `    ${d}`),
    ...report.unexpectedWorkerExits.map((e) => `  unexpected exit: ${e}`),
  ].join('\n');
}
