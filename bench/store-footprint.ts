// Measures the store (not a test: `npx node bench/store-footprint.ts`, with TEST_DATABASE_URL for the
// PostgreSQL figures): how long a fresh PGlite takes to open and migrate, how fast batch results are recorded,
// and how many bytes one event_state row costs with its indexes, using Graph-sized ids.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { EventState } from '../src/model/event-state.ts';
import { applyEventStateChanges } from '../src/store/event-state.repository.ts';
import type { StoreDatabase } from '../src/store/open-database.ts';
import { openDatabase } from '../src/store/open-database.ts';
import { upsertPeople } from '../src/store/person.repository.ts';
import { dropSchema, randomSchema, testDatabaseUrl } from '../test/store/dialects.ts';

const ROWS = 100_000;
const PEOPLE = 500;
const BATCH = 20;

async function timeFreshPglite(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'timetable-sync-measure-'));
  try {
    for (const dataDir of ['memory://', join(folder, 'a'), join(folder, 'b')]) {
      const started = performance.now();
      const store = await openDatabase({ dataDir });
      const opened = performance.now() - started;
      await store.close();
      console.log(
        `PGlite fresh open + migrate (${dataDir.startsWith('memory') ? 'memory' : 'folder'}): ${opened.toFixed(0)} ms`,
      );
    }
    const started = performance.now();
    const store = await openDatabase({ dataDir: join(folder, 'a') });
    console.log(`PGlite reopen of a migrated folder: ${(performance.now() - started).toFixed(0)} ms`);
    await store.close();
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function graphSizedState(i: number): EventState {
  return {
    sourceKey: `2026!INFO${String(i % 997).padStart(3, '0')}!LEC!${i}-20261201`,
    // Real event ids are ~152 characters of base64.
    graphId: `AAMkAGI2${randomBytes(108).toString('base64url')}`,
    contentHash: randomBytes(32).toString('base64url'),
    changeKey: randomBytes(30).toString('base64'),
    startUtc: new Date(Date.UTC(2026, 11, 1, 8) + (i % 1000) * 3_600_000).toISOString(),
    endUtc: new Date(Date.UTC(2026, 11, 1, 10) + (i % 1000) * 3_600_000).toISOString(),
    userDeletedHash: null,
    lastSyncedAt: new Date().toISOString(),
  };
}

async function measureRows(label: string, store: StoreDatabase): Promise<void> {
  const { db } = store;
  await upsertPeople(
    db,
    Array.from({ length: PEOPLE }, (_, p) => ({
      id: `p${p}`,
      mailbox: `p${p}@uni.example`,
      authMode: 'application' as const,
    })),
  );
  const perPerson = ROWS / PEOPLE;
  const started = performance.now();
  for (let p = 0; p < PEOPLE; p++) {
    for (let start = 0; start < perPerson; start += BATCH) {
      const changes = Array.from({ length: BATCH }, (_, j) => ({
        kind: 'upsert' as const,
        state: graphSizedState(p * perPerson + start + j),
      }));
      await applyEventStateChanges(db, `p${p}`, changes);
    }
  }
  const elapsed = performance.now() - started;
  await sql`vacuum analyze event_state`.execute(db);
  const { rows } = await sql<{ total: number; heap: number; indexes: number }>`
    select pg_total_relation_size('event_state')::bigint as total,
           pg_relation_size('event_state')::bigint as heap,
           pg_indexes_size('event_state')::bigint as indexes`.execute(db);
  const size = rows[0];
  if (!size) throw new Error('no size');
  console.log(
    `${label}: ${ROWS} rows in batches of ${BATCH}: ${(elapsed / (ROWS / BATCH)).toFixed(2)} ms per batch, ` +
      `${Math.round(ROWS / (elapsed / 1000))} rows/s; ${Math.round(Number(size.total) / ROWS)} bytes per row ` +
      `(table ${Math.round(Number(size.heap) / ROWS)}, indexes ${Math.round(Number(size.indexes) / ROWS)})`,
  );
}

await timeFreshPglite();
const pglite = await openDatabase({ dataDir: 'memory://' });
try {
  await measureRows('PGlite', pglite);
} finally {
  await pglite.close();
}
const url = testDatabaseUrl();
if (url) {
  const schema = randomSchema('measure');
  const postgres = await openDatabase({ url, schema });
  try {
    await measureRows('PostgreSQL', postgres);
  } finally {
    await postgres.close();
    await dropSchema(url, schema);
  }
} else {
  console.log('TEST_DATABASE_URL is not set: no PostgreSQL figures');
}
