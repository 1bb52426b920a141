// A PostgreSQL server of the test's own (temporary directory, free port) that it may crash and restart, so the
// chaos test never restarts the machine's shared server that other test files use at the same time.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { describe, it } from 'vitest';

export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres`, trust authentication. */
  readonly url: string;
  readonly port: number;
  /** The temporary directory holding the data directory, the socket and `server.log`. */
  readonly dir: string;
  /**
   * Stops the server the hard way (`pg_ctl stop -m immediate`: a crash, no checkpoint, recovery at the next start),
   * waits `downMs` (default 0), starts it again on the same port and resolves once it accepts connections.
   * Returns how long it was down (ms): from the stop command to the first successful connection.
   */
  restart(options?: { readonly downMs?: number }): Promise<number>;
  /** Stops the server and removes its directory. Safe to call twice. */
  stop(): Promise<void>;
}

/** A step of starting, restarting or stopping the private server failed; the message ends with the server log. */
export class PrivatePostgresError extends Error {
  override readonly name = 'PrivatePostgresError';
  readonly step: string;
  readonly logTail: string;

  constructor(step: string, detail: string, logTail: string, options?: ErrorOptions) {
    const log = logTail ? `\n--- end of the server log ---\n${logTail}` : '';
    super(`private PostgreSQL: ${step} failed: ${detail}${log}`, options);
    this.step = step;
    this.logTail = logTail;
  }
}

const SERVER_TOOLS = ['initdb', 'pg_ctl', 'postgres'] as const;
const READY_TIMEOUT_MS = 30_000;
const COMMAND_TIMEOUT_MS = 60_000;
const PORT_ATTEMPTS = 3;

/** Finds the PostgreSQL server binaries (initdb, pg_ctl, postgres) or says why they cannot be used. */
export function findPostgresBinaries(): { readonly bin: string } | { readonly missing: string } {
  const bin = [...pgConfigBinDir(), ...debianBinDirs(), ...pathDirs()].find((dir) =>
    SERVER_TOOLS.every((tool) => existsSync(join(dir, tool))),
  );
  if (!bin) {
    return {
      missing:
        'no directory with initdb, pg_ctl and postgres (looked at `pg_config --bindir`, /usr/lib/postgresql/*/bin ' +
        "and PATH): install PostgreSQL's server package (Debian/Ubuntu: `apt-get install postgresql`)",
    };
  }
  if (isRoot() && !serverUser()) {
    return { missing: 'running as root, which initdb refuses, and there is no `postgres` OS user to run it as' };
  }
  return { bin };
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const found = findPostgresBinaries();
  if ('missing' in found) throw new PrivatePostgresError('finding the server binaries', found.missing, '');
  const user = isRoot() ? serverUser() : undefined;
  const dir = await mkdtemp(join(tmpdir(), 'timetable-sync-pg-'));
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  const logTail = () => tail(log);
  // The server runs as `user`, so it must own its directory (and reach it: the OS temp dir is open to all).
  if (user) await chown(dir, user.uid, user.gid);

  const run = async (step: string, tool: string, args: readonly string[]) => {
    try {
      await new Promise<void>((resolve, reject) => {
        execFile(
          join(found.bin, tool),
          args,
          { cwd: dir, timeout: COMMAND_TIMEOUT_MS, uid: user?.uid, gid: user?.gid },
          // The error's message holds the command and its stderr; pg_ctl says how far it got on stdout.
          (error, stdout) => {
            if (!error) return resolve();
            const killed = error.killed ? ` (killed after ${COMMAND_TIMEOUT_MS} ms)` : '';
            reject(new Error(`${error.message}${killed}\n${stdout}`));
          },
        );
      });
    } catch (error) {
      throw new PrivatePostgresError(step, (error as Error).message.trim(), await logTail(), { cause: error });
    }
  };
  const running = () => existsSync(join(data, 'postmaster.pid'));
  const stopNow = (step: string) => run(step, 'pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
  const start = async (port: number) => {
    // -k: the socket goes in our directory, not /var/run/postgresql, which a non-root user may not write to.
    // fsync and full-page writes guard against an OS crash, which never happens here. synchronous_commit stays on:
    // off, a commit returns before its WAL leaves the server's memory, and the immediate stop loses committed rows.
    const options = `-p ${port} -k "${dir}" -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off`;
    await run(`starting the server on port ${port}`, 'pg_ctl', ['start', '-D', data, '-l', log, '-w', '-o', options]);
    await waitUntilReady(serverUrl(port), logTail);
  };

  try {
    const initdbArgs = ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'];
    await run('initdb', 'initdb', initdbArgs);
    const port = await startOnFreePort(start, logTail);
    let stopped = false;
    return {
      url: serverUrl(port),
      port,
      dir,
      async restart(options = {}) {
        const began = performance.now();
        await stopNow('the immediate stop of a restart');
        if (options.downMs) await sleep(options.downMs);
        await start(port);
        return Math.round(performance.now() - began);
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        try {
          if (running()) await stopNow('stopping the server');
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    try {
      if (running()) await stopNow('stopping the server after a failed start');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    throw error;
  }
}

function serverUrl(port: number): string {
  return `postgres://postgres@127.0.0.1:${port}/postgres`;
}

/** Another process may take the free port before the server binds it; then try a new one. */
async function startOnFreePort(start: (port: number) => Promise<void>, logTail: () => Promise<string>) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      await start(port);
      return port;
    } catch (error) {
      if (attempt >= PORT_ATTEMPTS || !(await logTail()).includes('could not bind')) throw error;
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port assigned')),
      );
    });
  });
}

/** pg_ctl -w already waited; this proves the TCP address the tests use accepts a query. */
async function waitUntilReady(url: string, logTail: () => Promise<string>): Promise<void> {
  const deadline = performance.now() + READY_TIMEOUT_MS;
  for (;;) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
    try {
      await client.connect();
      await client.query('select 1');
      await client.end();
      return;
    } catch (error) {
      await client.end().catch(() => undefined); // the connection already failed; its error is the one reported
      if (performance.now() > deadline) {
        const detail = `${url} accepted no connection within ${READY_TIMEOUT_MS} ms (last: ${(error as Error).message})`;
        throw new PrivatePostgresError('waiting for the server', detail, await logTail(), { cause: error });
      }
      await sleep(50);
    }
  }
}

async function tail(file: string, lines = 20): Promise<string> {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '(no server log yet)';
    return `(server log unreadable: ${(error as Error).message})`;
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The OS user the server runs as when the tests run as root; undefined when there is none. */
function serverUser(): { readonly uid: number; readonly gid: number } | undefined {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: 'pipe' }));
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch (error) {
    if ((error as { status?: number }).status === 1) return undefined; // `id` says: no such user
    throw error;
  }
}

function pgConfigBinDir(): string[] {
  try {
    return [execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: 'pipe' }).trim()];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []; // no pg_config: look elsewhere
    throw error;
  }
}

/** Debian and Ubuntu install each major version side by side; the highest wins. */
function debianBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((version) => /^\d+$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(root, version, 'bin'));
}

function pathDirs(): string[] {
  return (process.env.PATH ?? '').split(delimiter).filter(Boolean);
}

/**
 * `describe` for suites that need a private server: skipped with a visible notice where PostgreSQL's server
 * programs are missing, and a failing test instead when CI=true (CI must run them).
 */
export function describeWithPrivatePostgres(title: string, suite: () => void): void {
  const found = findPostgresBinaries();
  if ('bin' in found) describe(title, suite);
  else if (process.env.CI === 'true') {
    describe(title, () => {
      it('has PostgreSQL’s server programs', () => {
        throw new Error(`CI=true but ${found.missing}: install PostgreSQL's server package`);
      });
    });
  } else {
    console.warn(`${found.missing}: skipping "${title}" (install PostgreSQL's server package to run it)`);
    describe.skip(title, suite);
  }
}
