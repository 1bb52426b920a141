import { describe, expect, it } from 'vitest';
import { Mutex } from './mutex.ts';

describe('Mutex', () => {
  it('hands the lock out one holder at a time, first come first served', async () => {
    const mutex = new Mutex();
    const order: string[] = [];
    let inside = 0;
    let most = 0;
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((name) =>
        mutex.run(async () => {
          inside++;
          most = Math.max(most, inside);
          order.push(`${name} in`);
          await Promise.resolve();
          await new Promise((resolve) => setImmediate(resolve));
          order.push(`${name} out`);
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out', 'd in', 'd out']);
    expect(mutex.locked).toBe(false);
  });

  it('releases the lock when the work throws', async () => {
    const mutex = new Mutex();
    await expect(mutex.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(mutex.locked).toBe(false);
    expect(await mutex.run(async () => 'next')).toBe('next');
  });

  it('ignores a second release of the same hold', async () => {
    const mutex = new Mutex();
    const release = await mutex.acquire();
    const waiter = mutex.acquire();
    expect(mutex.waiting).toBe(1);
    release();
    release();
    const second = await waiter;
    expect(mutex.locked).toBe(true);
    // A stale release must not free the lock the second holder now owns.
    release();
    expect(mutex.locked).toBe(true);
    second();
    expect(mutex.locked).toBe(false);
  });
});
