// How big and how long a chaos run is. The short run is part of `npm test` (and so of CI); `npm run test:chaos`
// runs the long one. TTS_CHAOS_SECONDS, TTS_CHAOS_PEOPLE and TTS_CHAOS_SEED change either.
export interface ChaosSettings {
  readonly seed: number;
  readonly people: number;
  readonly eventsPerPerson: number;
  readonly workers: number;
  /** Jobs each worker process runs at once. */
  readonly concurrency: number;
  /** How long the chaos lasts before the quiet period. */
  readonly seconds: number;
  /** The share of Graph requests answered with a fault. */
  readonly faultRate: number;
  readonly latencyMs: { readonly min: number; readonly max: number };
  /** A worker is killed every so often, at a random moment in this range. */
  readonly killEveryMs: readonly [number, number];
  readonly pushEveryMs: number;
  readonly ownerEveryMs: number;
  /** How long the queue may take to run dry after the chaos. */
  readonly settleTimeoutMs: number;
}

const short: Omit<ChaosSettings, 'seed'> = {
  people: 12,
  eventsPerPerson: 15,
  workers: 3,
  concurrency: 3,
  seconds: 45,
  faultRate: 0.1,
  latencyMs: { min: 5, max: 60 },
  killEveryMs: [4000, 9000],
  pushEveryMs: 250,
  ownerEveryMs: 400,
  settleTimeoutMs: 180_000,
};

const long: Omit<ChaosSettings, 'seed'> = {
  people: 60,
  eventsPerPerson: 40,
  workers: 4,
  concurrency: 4,
  seconds: 600,
  faultRate: 0.1,
  latencyMs: { min: 5, max: 120 },
  killEveryMs: [5000, 20_000],
  pushEveryMs: 100,
  ownerEveryMs: 200,
  settleTimeoutMs: 600_000,
};

export function chaosSettings(env: NodeJS.ProcessEnv = process.env): ChaosSettings {
  const base = env.TTS_CHAOS === 'long' ? long : short;
  const number = (name: string, fallback: number) => {
    const text = env[name];
    if (text === undefined || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value) || value <= 0)
      throw new Error(`${name} must be a positive whole number, not "${text}"`);
    return value;
  };
  return {
    ...base,
    seed: number('TTS_CHAOS_SEED', Math.floor(Math.random() * 1_000_000) + 1),
    people: number('TTS_CHAOS_PEOPLE', base.people),
    seconds: number('TTS_CHAOS_SECONDS', base.seconds),
  };
}
