// The push API's tables: API keys (hashed; the key itself is shown once) and the timetables a timetabling system
// pushes to us (`source.type: push`), one row per person. Written against Kysely<unknown> in snake_case.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_key')
    // The random prefix of the key (`tts_<id>_…`): looked up by it, then the hash compared in constant time.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    // SHA-256 (hex) of the whole key; the key itself is never stored.
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('pushed_timetable')
    // No reference to person: a timetable may arrive before its person signs in (delegated) or is synced.
    .addColumn('person_id', 'text', (c) => c.primaryKey())
    .addColumn('mailbox', 'text', (c) => c.notNull())
    // The person's events in the canonical JSON form, each with its own timeZone, validated when pushed.
    .addColumn('events', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('pushed_timetable').execute();
  await db.schema.dropTable('api_key').execute();
}
