// `timetable-sync worker` (or `serve`) as a child process, the way an operator runs it: its output line by line,
// a way to wait for a line, to signal it, and its exit.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServiceProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Everything it printed so far (stdout and stderr), one entry per line. */
  readonly lines: readonly string[];
  /** Resolves with the exit code (null and the signal when it was killed). */
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>;
  waitForLine(pattern: RegExp): Promise<string>;
  signal(signal: NodeJS.Signals): void;
}

const bin = fileURLToPath(new URL('../../bin/timetable-sync.js', import.meta.url));

export function spawnService(command: 'worker' | 'serve', args: readonly string[]): ServiceProcess {
  const child = spawn(process.execPath, [bin, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const take = (chunk: Buffer, partial: { text: string }) => {
    partial.text += chunk.toString();
    const complete = partial.text.split('\n');
    partial.text = complete.pop() ?? '';
    for (const line of complete) {
      lines.push(line);
      for (const waiter of [...waiters]) {
        if (waiter.pattern.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  };
  const out = { text: '' };
  const err = { text: '' };
  child.stdout?.on('data', (chunk: Buffer) => take(chunk, out));
  child.stderr?.on('data', (chunk: Buffer) => take(chunk, err));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    pid: child.pid ?? -1,
    lines,
    exited,
    waitForLine: (pattern) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then(({ code, signal }) =>
          reject(new Error(`${command} exited (${code ?? signal}) before printing ${pattern}:\n${lines.join('\n')}`)),
        );
      });
    },
    signal: (signal) => {
      child.kill(signal);
    },
  };
}
