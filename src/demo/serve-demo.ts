// The zero-config demo as the web dashboard (what `npm start` runs): the demo folder prepared, the emulator as the
// tenant, one sync of everyone, then the service as `serve` runs it (web, scheduler, workers) on embedded PGlite,
// with the start page listing the demo accounts. Stops on request: the service first, then the emulator.
import { createServer } from 'node:net';
import { startService } from '../service/start-service.ts';
import type { RunSummary } from '../sync/run-people.ts';
import type { DemoAccount } from '../web/demo-accounts.ts';
import { demoAdmin, demoPassword, demoWebPort } from './demo-tenant.ts';
import { prepareDemo } from './prepare-demo.ts';
import { syncEveryone } from './run-demo.ts';
import type { SampleTimetable } from './sample-timetable.ts';

export interface DemoDashboardOptions {
  readonly dir?: string;
  readonly students?: number;
  /** Default 3000 (the redirect URI always registered); another port is registered for this run. */
  readonly port?: number;
  readonly log?: (line: string) => void;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface DemoDashboard {
  /** What to open in a browser, e.g. `http://localhost:3000`. */
  readonly url: string;
  readonly accounts: readonly DemoAccount[];
  readonly summary: RunSummary;
  readonly dir: string;
  readonly caPath: string;
  stop(): Promise<void>;
}

/** The dashboard's port is taken (another `npm start`, or another server). */
export class DemoPortInUseError extends Error {
  override readonly name = 'DemoPortInUseError';
  readonly code = 'DEMO_PORT_IN_USE';
  readonly port: number;
  constructor(port: number) {
    super(
      `port ${port} is already in use (another \`npm start\` still running?): stop that, or pick another port ` +
        `with \`npm start -- --port ${port + 1}\``,
    );
    this.port = port;
  }
}

export async function startDemoDashboard(options: DemoDashboardOptions = {}): Promise<DemoDashboard> {
  const log = options.log ?? console.log;
  const port = options.port ?? demoWebPort;
  // Checked before anything starts, so a second `npm start` says so at once instead of failing after its sync.
  if (!(await portIsFree(port))) throw new DemoPortInUseError(port);
  const demo = await prepareDemo({ ...options, webPort: port, log });
  try {
    const summary = await syncEveryone(demo, log, options.onProgress);
    const accounts = demoAccounts(demo.timetable);
    const service = await startService({
      config: demo.config,
      workers: demo.config.service.workers,
      scheduler: true,
      webPort: port,
      name: 'demo',
      log,
      demo: {
        accounts,
        signInNote:
          'The sign-in pages are served by the emulated tenant over HTTPS with its own certificate authority: ' +
          `your browser warns once. Accept it for 127.0.0.1, or trust ${demo.caPath}.`,
      },
    }).catch((error: unknown) => {
      throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? new DemoPortInUseError(port) : error;
    });
    let stopping: Promise<void> | undefined;
    return {
      url: demo.config.web.publicUrl,
      accounts,
      summary,
      dir: demo.dir,
      caPath: demo.caPath,
      stop: () => {
        stopping ??= service.stop().finally(() => demo.emulator.close());
        return stopping;
      },
    };
  } catch (error) {
    await demo.emulator.close();
    throw error;
  }
}

/** A few students, a lecturer and the admin: enough to see both roles. */
function demoAccounts(timetable: SampleTimetable): DemoAccount[] {
  const students = timetable.people.filter((p) => /^s\d+$/.test(p.id)).slice(0, 3);
  const lecturer = timetable.people.find((p) => !/^s\d+$/.test(p.id));
  return [
    ...students.map((p) => ({ userPrincipalName: p.mailbox, password: demoPassword, role: 'student' })),
    ...(lecturer ? [{ userPrincipalName: lecturer.mailbox, password: demoPassword, role: 'lecturer' }] : []),
    { userPrincipalName: demoAdmin, password: demoPassword, role: 'admin (the dashboard for everyone)' },
  ];
}

function portIsFree(port: number): Promise<boolean> {
  if (port === 0) return Promise.resolve(true);
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(false);
      else reject(error);
    });
    probe.listen({ port, host: '0.0.0.0' }, () => probe.close(() => resolve(true)));
  });
}
