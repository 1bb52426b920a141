// `timetable-sync demo` (what `npm start` runs) as a newcomer meets it: the dashboard comes up on its port with the
// demo accounts on the start page, answers /health, and stops cleanly on SIGTERM; a taken port is said plainly.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../../bin/timetable-sync.js', import.meta.url));
const dirs: string[] = [];

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('timetable-sync demo (the dashboard)', () => {
  it('serves the start page with the demo accounts and /health, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const demo = spawnDemo(['--dir', tempDir(), '--students', '4', '--port', String(port)]);
    try {
      const line = await demo.waitForLine(/open http:\/\/localhost:\d+/);
      const url = /open (\S+)/.exec(line)?.[1] as string;
      expect(url).toBe(`http://localhost:${port}`);

      const home = await fetch(url);
      expect(home.status).toBe(200);
      const page = await home.text();
      for (const account of ['s0001@uni.example', 'admin@uni.example']) expect(page).toContain(account);
      expect(page).toMatch(/Password/);
      expect(page).toContain('<code>demo</code>');

      expect((await fetch(`${url}/health`)).status).toBe(200);
      demo.child.kill('SIGTERM');
      expect(await demo.exited).toEqual({ code: 0, signal: null });
      expect(demo.lines).toContain('demo: stopped');
    } finally {
      demo.child.kill('SIGKILL');
    }
  }, 120_000);

  it('--once syncs everyone, prints the summary and exits 0 (tests and CI)', async () => {
    const demo = spawnDemo(['--once', '--dir', tempDir(), '--students', '2']);
    expect(await demo.exited).toEqual({ code: 0, signal: null });
    expect(demo.lines).toContainEqual(expect.stringMatching(/^people: \d+ \(\d+ succeeded\)$/));
  }, 120_000);

  it('says a taken port plainly and exits 2', async () => {
    const busy = await listening();
    try {
      const port = (busy.address() as { port: number }).port;
      const demo = spawnDemo(['--dir', tempDir(), '--students', '1', '--port', String(port)]);
      expect(await demo.exited).toEqual({ code: 2, signal: null });
      expect(demo.lines.join('\n')).toContain(`port ${port} is already in use`);
    } finally {
      busy.close();
    }
  }, 60_000);
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tts-demo-'));
  dirs.push(dir);
  return dir;
}

function listening(): Promise<Server> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen({ port: 0, host: '0.0.0.0' }, () => resolve(server));
  });
}

async function freePort(): Promise<number> {
  const server = await listening();
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface DemoProcess {
  readonly child: ChildProcess;
  readonly lines: string[];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  waitForLine(pattern: RegExp): Promise<string>;
}

function spawnDemo(args: readonly string[]): DemoProcess {
  const child = spawn(process.execPath, [bin, 'demo', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const take = (partial: { text: string }) => (chunk: Buffer) => {
    partial.text += chunk.toString();
    const complete = partial.text.split('\n');
    partial.text = complete.pop() ?? '';
    for (const line of complete) {
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  };
  child.stdout?.on('data', take({ text: '' }));
  child.stderr?.on('data', take({ text: '' }));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  return {
    child,
    lines,
    exited,
    waitForLine: (pattern) => {
      const seen = lines.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        waiters.push({ pattern, resolve });
        void exited.then(({ code, signal }) =>
          reject(new Error(`demo exited (${code ?? signal}) before printing ${pattern}:\n${lines.join('\n')}`)),
        );
      });
    },
  };
}
