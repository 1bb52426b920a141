import { describe, expect, it } from 'vitest';
import { runInLanes } from './run-in-lanes.ts';

describe('runInLanes', () => {
  it('runs every item, never more than the lanes at once, and reports each failure', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const failures = await runInLanes([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (n % 3 === 0) throw new Error(`no ${n}`);
      done.push(n);
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 4, 5, 7]);
    expect(failures.map((f) => [f.item, (f.error as Error).message])).toEqual([
      [3, 'no 3'],
      [6, 'no 6'],
    ]);
    expect(await runInLanes([], 3, async () => {})).toEqual([]);
  });
});
