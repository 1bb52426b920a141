// Formats the sync benchmark's rows as a Markdown table (printed, and pasted into bench/README.md as it is).
import { type RunFigures, written } from './engine-run.ts';

export interface Row {
  readonly run: string;
  readonly database: string;
  readonly latency: string;
  readonly mailboxes: number;
  readonly eventsPerMailbox: number;
  readonly figures: RunFigures;
  /** Seconds the emulator's own bound needs for the same work (first syncs only). */
  readonly boundSeconds?: number;
}

const headers = [
  'run',
  'database',
  'latency',
  'mailboxes × events',
  'time',
  'written',
  'events/s',
  'Graph HTTP requests',
  'requests / written event',
  'engine CPU',
  'engine CPU / written event',
  'engine CPU / timetable event',
  'emulator CPU / written event',
  'peak RSS',
  'bound / measured',
];

export function figuresTable(rows: readonly Row[]): string {
  const lines = rows.map((row) => {
    const f = row.figures;
    const events = written(f);
    return [
      row.run,
      row.database,
      row.latency,
      `${row.mailboxes} × ${row.eventsPerMailbox}`,
      `${f.seconds.toFixed(1)} s`,
      events.toLocaleString('en-US'),
      events > 0 ? Math.round(events / f.seconds).toLocaleString('en-US') : '–',
      f.graphHttpRequests.toLocaleString('en-US'),
      events > 0 ? (f.graphHttpRequests / events).toFixed(4) : '–',
      `${(f.engineCpuMicros / 1e6).toFixed(1)} s`,
      events > 0 ? `${Math.round(f.engineCpuMicros / events)} µs` : '–',
      `${Math.round(f.engineCpuMicros / (row.mailboxes * row.eventsPerMailbox))} µs`,
      events > 0 ? `${Math.round(f.emulatorCpuMicros / events)} µs` : '–',
      `${Math.round(f.peakRssBytes / 2 ** 20)} MB`,
      row.boundSeconds === undefined ? '–' : (row.boundSeconds / f.seconds).toFixed(2),
    ];
  });
  return [
    `| ${headers.join(' | ')} |`,
    `|${headers.map(() => '---').join('|')}|`,
    ...lines.map((cells) => `| ${cells.join(' | ')} |`),
  ].join('\n');
}

/** The checks behind each row: what the engine counted against what the emulator counted, and failures. */
export function crossChecks(rows: readonly Row[]): string {
  return rows
    .map((row) => {
      const f = row.figures;
      // The emulator counts plain requests and batch items; the engine counts plain requests and batch POSTs.
      const plain = f.emulatorGraphRequests - f.batchItems;
      return (
        `- ${row.run} (${row.database}, ${row.latency}): ${f.people} people, ${f.failedPeople} not succeeded` +
        `${f.firstFailure ? ` (first: ${f.firstFailure})` : ''}; created ${f.created}, updated ${f.updated}, ` +
        `deleted ${f.deleted}, unchanged ${f.unchanged}; calendars listed ${f.listedCalendars}. Engine: ` +
        `${f.graphHttpRequests} Graph HTTP requests = ${f.graphHttpRequests - plain} \`$batch\` POSTs ` +
        `(${f.batchItems} items) + ${plain} plain requests; ${f.throttled} throttled, ${f.retries} retries. ` +
        `Emulator: ${f.emulatorGraphRequests} Graph requests counted (items + plain), ${f.emulatorHttpRequests} ` +
        `HTTP requests in all (sign-in included), ${f.storedEvents} events stored. Engine opened in ` +
        `${f.openSeconds.toFixed(1)} s.`
      );
    })
    .join('\n');
}
