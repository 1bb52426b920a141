// Where a benchmark's engine keeps its store: embedded PGlite in a temporary folder, or a new PostgreSQL database
// created on the server of a given URL for this run and dropped afterwards (so no existing data is touched).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface BenchDatabase {
  /** `PGlite` or `PostgreSQL`. */
  readonly name: string;
  /** The configuration's `database` section. */
  readonly config: { readonly dataDir: string } | { readonly url: string };
  drop(): Promise<void>;
}

export function pgliteDatabase(): BenchDatabase {
  const directory = mkdtempSync(join(tmpdir(), 'tts-bench-pglite-'));
  return {
    name: 'PGlite',
    config: { dataDir: join(directory, 'data') },
    drop: async () => rmSync(directory, { recursive: true, force: true }),
  };
}

export async function postgresDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `tts_bench_${randomBytes(5).toString('hex')}`;
  await onServer(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name: 'PostgreSQL',
    config: { url: url.toString() },
    drop: () => onServer(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

async function onServer(serverUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
