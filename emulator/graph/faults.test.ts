import { describe, expect, it } from 'vitest';
import type { EmulatorContext } from '../context.ts';
import { seededRandom } from '../random.ts';
import { type FaultKind, faultsSchema } from '../seed.ts';
import { drawFault, type FaultSite } from './faults.ts';

const contextWith = (rate: number, kinds: FaultKind[], seed = 1) =>
  ({ faults: faultsSchema.parse({ rate, kinds, seed }), random: seededRandom(seed) }) as unknown as EmulatorContext;

describe('drawFault', () => {
  it.each<[FaultSite, FaultKind[], FaultKind | undefined]>([
    ['request', ['reset'], 'reset'],
    ['request', ['503'], '503'],
    ['batch', ['reset-after-write'], 'reset-after-write'],
    ['batch', ['503'], undefined],
    ['batch-item', ['503'], '503'],
    ['batch-item', ['timeout', 'reset'], undefined],
  ])('at %s with kinds %j gives %s at rate 1', (site, kinds, expected) => {
    expect(drawFault(contextWith(1, kinds), site)).toBe(expected);
  });

  it('never fails at rate 0 and never draws then', () => {
    const context = contextWith(0, ['429']);
    const before = context.random;
    expect(drawFault(context, 'request')).toBeUndefined();
    expect(context.random).toBe(before);
  });

  it('leaves out reset-after-write unless asked for', () => {
    expect(faultsSchema.parse({}).kinds).not.toContain('reset-after-write');
  });

  it('draws the same faults from the same seed', () => {
    const draw = (seed: number) => {
      const context = contextWith(0.3, ['429', '503', '504', 'reset', 'timeout'], seed);
      return Array.from({ length: 50 }, () => drawFault(context, 'request'));
    };
    expect(draw(5)).toEqual(draw(5));
    expect(draw(5)).not.toEqual(draw(6));
  });
});
