// The scale benchmark's printout: per size, the two runs, every process's memory and CPU, and the database's size
// (Markdown tables, pasted into bench/README.md as they are); across sizes, how time and memory grew.
import type { DatabaseSize } from './scale-database-size.ts';
import { type PhaseFigures, writtenEvents } from './scale-phase.ts';
import { putsAtOnce } from './scale-push.ts';
import type { SizeResult, TimetableLoad } from './scale-size-run.ts';

export function sizeReport(result: SizeResult, workers: number, concurrency: number): string {
  const { first, change } = result;
  return [
    `### ${count(result.mailboxes)} mailboxes × ${result.events} events, ${result.source} source ` +
      `(${workers} workers × ${concurrency} jobs at once)`,
    '',
    ...loadLines(result),
    '',
    table(
      [
        'run',
        'time',
        'people succeeded',
        'written',
        'written / s',
        'Graph HTTP requests (sign-ins included)',
        'requests / written event',
        'Outlook-counted requests',
        'worker CPU',
        'emulator CPU',
        'load average',
      ],
      [phaseRow('first sync', first), phaseRow(changeLabel(result), change)],
    ),
    '',
    table(
      ['process', 'peak RSS after first sync', 'peak RSS at end', 'RSS at end', 'CPU since start'],
      [
        ...result.workers.map((worker, i) => {
          const after = result.workerPeakAfterFirst[i] ?? null;
          const end = worker
            ? [mb(worker.peakRssBytes), mb(worker.rssBytes), seconds(worker.cpuSeconds)]
            : ['exited', '–', '–'];
          return [`worker ${i + 1}`, after === null ? 'exited' : mb(after), ...end];
        }),
        ...(result.emulator
          ? [
              [
                'emulator',
                '–',
                mb(result.emulator.peakRssBytes),
                mb(result.emulator.rssBytes),
                seconds(result.emulator.cpuSeconds),
              ],
            ]
          : []),
        [
          'benchmark (observer)',
          '–',
          mb(result.bench.peakRssBytes),
          mb(result.bench.rssBytes),
          seconds(result.bench.cpuSeconds),
        ],
      ],
    ),
    '',
    databaseTable(result.sizeAtStart, result.sizeAfterFirst, result.sizeAtEnd),
    '',
    ...notes(result),
  ].join('\n');
}

/** How the timetables got where the source reads them; not part of the runs' wall times. */
function loadLines(result: SizeResult): string[] {
  const line = (what: string, load: TimetableLoad) =>
    `- ${what}: ${seconds(load.seconds)} (load average ${load.loadAverage.toFixed(1)})`;
  if (result.source === 'json') {
    return [
      line(`writing the timetable file (${count(result.mailboxes)} people)`, result.timetableLoad),
      line('writing it again with the changes', result.changeLoad),
    ];
  }
  const rate = (load: TimetableLoad) => {
    const perSecond = load.seconds > 0 ? count(Math.round(load.people / load.seconds)) : '–';
    return `${count(load.people)} PUTs, ${putsAtOnce} at once: ${perSecond} a second`;
  };
  return [
    line(`loading timetables into the store (${rate(result.timetableLoad)})`, result.timetableLoad),
    line(`storing the changed timetables (${rate(result.changeLoad)})`, result.changeLoad),
  ];
}

function changeLabel(result: SizeResult): string {
  const share = (result.changedEvents / (result.mailboxes * result.events)) * 100;
  const queued = result.source === 'push' ? 'their people queued' : 'everyone queued';
  return `re-run, ${count(result.changedEvents)} events changed (${share.toFixed(1)}%), ${queued}`;
}

function phaseRow(label: string, phase: PhaseFigures): string[] {
  const written = writtenEvents(phase);
  const workerCpu = phase.cpuSeconds.workers.reduce((sum, s) => sum + s, 0);
  return [
    label,
    seconds(phase.seconds),
    `${count(phase.succeeded)} / ${count(phase.people)}`,
    count(written),
    written > 0 ? count(Math.round(written / phase.seconds)) : '–',
    count(phase.graphHttpRequests),
    written > 0 ? (phase.graphHttpRequests / written).toFixed(4) : '–',
    count(phase.emulatorGraphRequests),
    seconds(workerCpu),
    seconds(phase.cpuSeconds.emulator),
    `${phase.loadAverage.start.toFixed(1)} → ${phase.loadAverage.end.toFixed(1)}`,
  ];
}

function databaseTable(start: DatabaseSize, first: DatabaseSize, end: DatabaseSize): string {
  const perEvent = (bytes: number, size: DatabaseSize) =>
    size.eventStates > 0 ? `${count(Math.round(bytes / size.eventStates))} B` : '–';
  const row = (label: string, pick: (size: DatabaseSize) => number) => [
    label,
    mb(pick(first)),
    perEvent(pick(first), first),
    mb(pick(end)),
    perEvent(pick(end), end),
  ];
  const tableBytes = (size: DatabaseSize, name: string) => size.storeTables.find((t) => t.name === name)?.bytes ?? 0;
  // The tables that hold something (over 256 kB or 1% of the store); the nearly empty ones as one row.
  const threshold = Math.min(end.storeBytes / 100, 256 * 1024);
  const large = end.storeTables.filter((t) => t.bytes >= threshold).map((t) => t.name);
  const small = end.storeTables.filter((t) => !large.includes(t.name)).map((t) => t.name);
  const smallBytes = (size: DatabaseSize) => small.reduce((sum, name) => sum + tableBytes(size, name), 0);
  return [
    `Event states stored: ${count(first.eventStates)} after the first sync, ${count(end.eventStates)} at the end; ` +
      `the database had ${mb(start.databaseBytes)} with the empty schemas.`,
    '',
    table(
      ['PostgreSQL', 'after first sync', 'per event state', 'at end', 'per event state'],
      [
        row('whole database (`pg_database_size`)', (s) => s.databaseBytes),
        row('its growth since the schemas were installed', (s) => s.databaseBytes - start.databaseBytes),
        ...large.map((name) => row(`store: ${name}`, (s) => tableBytes(s, name))),
        ...(small.length > 0 ? [row(`store: ${small.length} other tables`, smallBytes)] : []),
        row('store tables together', (s) => s.storeBytes),
        row("pg-boss's schema", (s) => s.bossBytes),
      ],
    ),
  ].join('\n');
}

function notes(result: SizeResult): string[] {
  const phaseNote = (label: string, phase: PhaseFigures) =>
    `- ${label}: queueing took ${seconds(phase.enqueueSeconds)}; created ${count(phase.created)}, updated ${count(phase.updated)}, deleted ${count(phase.deleted)}, ` +
    `adopted ${count(phase.adopted)}, failed writes ${phase.failedWrites}; ${phase.notSucceeded} people without a ` +
    `succeeded run${phase.firstFailure ? ` (first run that did not succeed: ${phase.firstFailure})` : ''}; ` +
    `sync-person jobs retried ${phase.retriedJobs}, failed ${phase.failedJobs}, dead-lettered ${phase.deadJobs}; ` +
    `${phase.throttled} throttled. The runs recorded ${count(phase.runGraphRequests)} Graph requests (their ` +
    `listings included; sign-ins are not); the emulator holds ${count(phase.storedEvents)} events; the benchmark process used ` +
    `${seconds(phase.cpuSeconds.bench)} of CPU.`;
  const changeRequests = result.changedEvents > 0 ? result.change.graphHttpRequests / result.changedEvents : 0;
  return [
    phaseNote('first sync', result.first),
    phaseNote('re-run', result.change),
    `- re-run: ${changeRequests.toFixed(3)} Graph HTTP requests per changed event.`,
    `- workers on SIGTERM: ${result.workerExits.join('; ')}.`,
    ...(result.unexpectedLines.length > 0
      ? [
          `- ${result.unexpectedLines.length} other line(s) from the workers, the first ones:`,
          ...result.unexpectedLines.slice(0, 10).map((line) => `  - \`${line}\``),
        ]
      : ['- the workers printed nothing but their start/stop lines and one line per job.']),
  ];
}

/** Each size against the first: linear time means the time ratio equals the mailbox ratio; flat memory, 1.0. */
export function growthTable(results: readonly SizeResult[]): string {
  const [base] = results;
  if (!base) return '';
  const peakWorker = (result: SizeResult) => Math.max(0, ...result.workers.map((worker) => worker?.peakRssBytes ?? 0));
  const rows = results.map((result) => {
    const written = writtenEvents(result.first);
    const end = result.sizeAtEnd;
    const grown = end.databaseBytes - result.sizeAtStart.databaseBytes;
    const perState = end.eventStates > 0 ? grown / end.eventStates : 0;
    return [
      count(result.mailboxes),
      ratio(result.mailboxes, base.mailboxes),
      seconds(result.first.seconds),
      ratio(result.first.seconds, base.first.seconds),
      seconds(result.change.seconds),
      ratio(result.change.seconds, base.change.seconds),
      mb(peakWorker(result)),
      ratio(peakWorker(result), peakWorker(base)),
      written > 0 ? (result.first.graphHttpRequests / written).toFixed(4) : '–',
      result.changedEvents > 0 ? (result.change.graphHttpRequests / result.changedEvents).toFixed(3) : '–',
      `${count(Math.round(perState))} B`,
    ];
  });
  return table(
    [
      'mailboxes',
      '× mailboxes',
      'first sync',
      '× time',
      're-run',
      '× time',
      'peak RSS per worker (largest)',
      '× RSS',
      'requests / written event (first sync)',
      'requests / changed event (re-run)',
      'database growth / event state',
    ],
    rows,
  );
}

function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...rows.map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
}

const count = (n: number) => n.toLocaleString('en-US');
const seconds = (s: number) => `${s.toFixed(1)} s`;
const mb = (bytes: number) => {
  const megabytes = bytes / 2 ** 20;
  if (megabytes >= 1024) return `${(megabytes / 1024).toFixed(2)} GB`;
  return megabytes >= 10 ? `${count(Math.round(megabytes))} MB` : `${megabytes.toFixed(1)} MB`;
};
const ratio = (value: number, base: number) => (base > 0 ? (value / base).toFixed(2) : '–');
