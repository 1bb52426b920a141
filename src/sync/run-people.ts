// Works through many people with a bounded number at once, reporting each as it finishes, and sums up what the
// run cost in Graph requests. Sync, reconcile and purge all go through it.
import type { Person } from '../model/person.ts';
import type { Engine } from './engine.ts';
import type { PersonOutcome } from './person-outcome.ts';

export interface RunSummary {
  readonly outcomes: readonly PersonOutcome[];
  readonly durationMs: number;
  readonly graph: ReturnType<Engine['graph']['stats']['snapshot']>;
}

export interface RunPeopleOptions {
  /** People worked on at once (reading, planning, writing). */
  readonly concurrency?: number;
  readonly onProgress?: (done: number, total: number, outcome: PersonOutcome) => void;
}

export async function runPeople(
  engine: Engine,
  people: readonly Person[],
  work: (person: Person) => Promise<PersonOutcome>,
  options: RunPeopleOptions = {},
): Promise<RunSummary> {
  const started = Date.now();
  const before = engine.graph.stats.snapshot();
  const outcomes: PersonOutcome[] = [];
  const concurrency = options.concurrency ?? Math.max(4, engine.config.sync.maxConcurrentMailboxes * 2);
  let next = 0;
  const worker = async () => {
    while (next < people.length) {
      const person = people[next++] as Person;
      const outcome = await work(person);
      outcomes.push(outcome);
      options.onProgress?.(outcomes.length, people.length, outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, people.length) }, worker));
  const after = engine.graph.stats.snapshot();
  return {
    outcomes,
    durationMs: Date.now() - started,
    graph: {
      httpRequests: after.httpRequests - before.httpRequests,
      batchItems: after.batchItems - before.batchItems,
      throttled: after.throttled - before.throttled,
      retries: after.retries - before.retries,
      transportFailures: after.transportFailures - before.transportFailures,
    },
  };
}
