// Progress of a long run: a redrawn bar on a terminal, a plain line every few percent otherwise (logs, CI).
import type { WriteStream } from 'node:tty';

export interface Progress {
  update(done: number, total: number, note?: string): void;
  finish(): void;
}

export function createProgress(stream: NodeJS.WriteStream | WriteStream = process.stderr, label = 'people'): Progress {
  const started = Date.now();
  let lastPlainPercent = -1;
  let drawn = false;
  return {
    update(done, total, note = '') {
      const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
      const elapsed = ((Date.now() - started) / 1000).toFixed(1);
      if (stream.isTTY) {
        const width = 30;
        const filled = Math.round((percent / 100) * width);
        const bar = `${'#'.repeat(filled)}${'.'.repeat(width - filled)}`;
        stream.write(
          `\r[${bar}] ${done}/${total} ${label} ${elapsed}s ${note}`.slice(0, (stream.columns ?? 100) - 1).padEnd(20),
        );
        drawn = true;
      } else if (percent >= lastPlainPercent + 10 || done === total) {
        lastPlainPercent = percent;
        stream.write(`${done}/${total} ${label} (${percent}%) after ${elapsed}s\n`);
      }
    },
    finish() {
      if (drawn) stream.write('\n');
    },
  };
}
