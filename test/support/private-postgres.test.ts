// The private PostgreSQL server the chaos test crashes: committed rows survive an immediate restart, connections
// open across it fail while new ones work, and stop() leaves no directory behind. Needs PostgreSQL's server
// binaries (skipped with a notice without them, required when CI=true).
import { existsSync } from 'node:fs';
import pg from 'pg';
import { expect, it } from 'vitest';
import { describeWithPrivatePostgres, startPrivatePostgres } from './private-postgres.ts';

describeWithPrivatePostgres('a private PostgreSQL server', () => {
  it('keeps committed rows across an immediate restart and cuts the connections open across it', async () => {
    const server = await startPrivatePostgres();
    try {
      const setup = new pg.Client(server.url);
      await setup.connect();
      await setup.query('create table person (name text primary key)');
      await setup.query("insert into person values ('Ada Lovelace')");
      await setup.end();

      const pool = new pg.Pool({ connectionString: server.url, max: 2 });
      const idleClientErrors: Error[] = [];
      pool.on('error', (error) => idleClientErrors.push(error));
      const [idle, held] = [await pool.connect(), await pool.connect()];
      idle.release();
      const heldClientErrors: Error[] = [];
      held.on('error', (error) => heldClientErrors.push(error));

      await server.restart();

      await expect(held.query('select 1')).rejects.toThrow();
      held.release(true);
      expect(heldClientErrors).not.toEqual([]);
      expect(idleClientErrors).not.toEqual([]);
      const { rows } = await pool.query('select name from person');
      expect(rows).toEqual([{ name: 'Ada Lovelace' }]);
      await pool.end();
    } finally {
      await server.stop();
    }
    expect(existsSync(server.dir)).toBe(false);
  });
});
