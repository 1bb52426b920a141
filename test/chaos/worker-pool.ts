// The chaos run's `timetable-sync worker` processes: started as an operator would, killed with SIGKILL at the
// chaos monkey's whim and started again, and watched for the exits nobody asked for (a crash is a finding).
import { type ServiceProcess, spawnService } from '../service/worker-process.ts';

export interface WorkerExit {
  readonly slot: number;
  readonly pid: number;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The last lines it printed, for the report. */
  readonly lastLines: readonly string[];
}

export class WorkerPool {
  private readonly configPath: string;
  private readonly concurrency: number;
  private readonly slots: (ServiceProcess | undefined)[];
  private readonly killed = new Set<number>();
  /** Workers that exited without being killed: each one is a crash the service did not survive on its own. */
  readonly unexpectedExits: WorkerExit[] = [];
  kills = 0;
  starts = 0;

  constructor(configPath: string, size: number, concurrency: number) {
    this.configPath = configPath;
    this.concurrency = concurrency;
    this.slots = Array.from({ length: size }, () => undefined);
  }

  get size(): number {
    return this.slots.length;
  }

  /** Starts every empty slot; resolves when each new worker says it takes jobs. */
  async fill(): Promise<void> {
    await Promise.all(this.slots.map((worker, slot) => (worker ? undefined : this.start(slot))));
  }

  /** SIGKILL, as when a machine dies: no graceful shutdown, jobs held stay active until their heartbeat expires. */
  async kill(slot: number): Promise<void> {
    const worker = this.slots[slot];
    if (!worker || worker.child.exitCode !== null) return;
    this.killed.add(worker.pid);
    worker.signal('SIGKILL');
    await worker.exited;
    this.slots[slot] = undefined;
    this.kills++;
  }

  /** SIGTERM to each, and waits for them to finish or hand back their jobs. */
  async stop(): Promise<void> {
    await Promise.all(
      this.slots.map(async (worker) => {
        if (!worker || worker.child.exitCode !== null) return;
        this.killed.add(worker.pid);
        worker.signal('SIGTERM');
        await worker.exited;
      }),
    );
    this.slots.fill(undefined);
  }

  /** The lines every worker printed, for the report when something fails. */
  linesOf(slot: number): readonly string[] {
    return this.slots[slot]?.lines ?? [];
  }

  private async start(slot: number): Promise<void> {
    const worker = spawnService('worker', ['--config', this.configPath, '--concurrency', String(this.concurrency)]);
    this.slots[slot] = worker;
    this.starts++;
    void worker.exited.then(({ code, signal }) => {
      if (this.killed.has(worker.pid)) return;
      this.unexpectedExits.push({ slot, pid: worker.pid, code, signal, lastLines: worker.lines.slice(-15) });
      if (this.slots[slot] === worker) this.slots[slot] = undefined;
    });
    await worker.waitForLine(/^worker \d+: \d+ job\(s\) at once/);
  }
}
