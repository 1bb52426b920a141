// The scale benchmark (issue 7): for each mailbox count in turn, W `timetable-sync worker` processes on one
// PostgreSQL do a first sync of N mailboxes × E events (pushed timetables, or one JSON file) against the emulator
// and a sync after 1% of the events changed; it reports wall time, Graph requests per written event, peak memory per process, database size per event,
// and how time and memory grow between sizes. `npx node bench/scale.ts --help`; figures in bench/README.md.
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { benchCertificate } from './bench-tenant.ts';
import { runScaleSize, type ScaleOptions, type SizeResult } from './scale-size-run.ts';
import { growthTable, sizeReport } from './scale-tables.ts';

const usage = `usage: npx node bench/scale.ts [options]
  --mailboxes N,N,...    mailbox counts, run one after the other (1000,10000)
  --events N             events per mailbox (150)
  --workers N            worker processes (3)
  --concurrency N        sync jobs at once per worker process (8)
  --database-url URL     PostgreSQL server; a database is created there for each size and dropped afterwards
                         (TEST_DATABASE_URL when absent; PostgreSQL is required)
  --change-share SHARE   share of all events changed before the second run (0.01)
  --source push|json     push: every timetable stored as a PUT to the push API stores it, the changed people
                         pushed again and their syncs queued per person; json: one timetable file that every
                         worker parses whole, rewritten and everyone queued again (push)
  --help                 this text`;

export function parseScaleArgs(args: readonly string[], env = process.env): ScaleOptions | null {
  const { values } = parseArgs({
    args: [...args],
    options: {
      mailboxes: { type: 'string', default: '1000,10000' },
      events: { type: 'string', default: '150' },
      workers: { type: 'string', default: '3' },
      concurrency: { type: 'string', default: '8' },
      'database-url': { type: 'string' },
      'change-share': { type: 'string', default: '0.01' },
      source: { type: 'string', default: 'push' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return null;
  const whole = (name: string, text: string | undefined) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`--${name} must be a whole number above 0, not ${text}`);
    return n;
  };
  const databaseUrl = values['database-url'] ?? (env.TEST_DATABASE_URL || undefined);
  if (!databaseUrl) {
    throw new RangeError(
      'the scale benchmark needs PostgreSQL: pass --database-url postgres://… or set TEST_DATABASE_URL ' +
        '(a database is created on that server for each size and dropped afterwards)',
    );
  }
  const changeShare = Number(values['change-share']);
  if (!(changeShare > 0 && changeShare <= 1)) {
    throw new RangeError(`--change-share must be more than 0 and at most 1, not ${values['change-share']}`);
  }
  const source = values.source;
  if (source !== 'push' && source !== 'json') throw new RangeError(`--source must be push or json, not ${source}`);
  return {
    mailboxes: (values.mailboxes ?? '').split(',').map((text) => whole('mailboxes', text.trim())),
    events: whole('events', values.events),
    workers: whole('workers', values.workers),
    concurrency: whole('concurrency', values.concurrency),
    databaseUrl,
    changeShare,
    source,
  };
}

export async function runScaleBenchmark(options: ScaleOptions, print: (text: string) => void): Promise<void> {
  const [load1, load5, load15] = loadavg().map((n) => n.toFixed(2));
  print(
    `Scale benchmark: ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ` +
      `${(totalmem() / 2 ** 30).toFixed(1)} GB memory, Node ${process.version}, load average at start ` +
      `${load1} / ${load5} / ${load15}; ${options.workers} worker processes × ${options.concurrency} jobs at once, ` +
      `${options.source} source, PostgreSQL at ${redacted(options.databaseUrl)}, emulator with zero latency, ${new Date().toISOString()}.`,
  );
  const certificate = await benchCertificate();
  const results: SizeResult[] = [];
  for (const mailboxes of options.mailboxes) {
    const result = await runScaleSize(options, mailboxes, certificate, log);
    results.push(result);
    print(`\n${sizeReport(result, options.workers, options.concurrency)}`);
  }
  if (results.length >= 2) {
    print(`\n### Growth from ${results[0]?.mailboxes.toLocaleString('en-US')} mailboxes\n`);
    print(growthTable(results));
  }
}

/** The server and database only: never a password in the printout. */
function redacted(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname}`;
}

function log(message: string): void {
  process.stderr.write(`[scale] ${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  let options: ScaleOptions | null;
  try {
    options = parseScaleArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
  if (!options) console.log(usage);
  else await runScaleBenchmark(options, (text) => console.log(text));
}
