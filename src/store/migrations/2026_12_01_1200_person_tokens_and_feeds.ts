// What the web service keeps per person: their delegated msal token cache (encrypted, never in clear) and the
// secret of their personal iCal feed (hashed for lookup, encrypted for showing it to them again). Written against
// Kysely<unknown> in snake_case (a migration is a snapshot).
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('person_token')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('person.id').onDelete('cascade'))
    // AES-256-GCM of msal's serialized cache (refresh token included); the key is never in the database.
    .addColumn('cache_ciphertext', 'text', (c) => c.notNull())
    // msal's account key (`<oid>.<tid>`): which account of the cache acquireTokenSilent works for.
    .addColumn('home_account_id', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('person_feed')
    .addColumn('person_id', 'text', (c) => c.primaryKey().references('person.id').onDelete('cascade'))
    // SHA-256 of the secret: the feed URL is looked up by it, so a database leak does not reveal working URLs.
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('secret_ciphertext', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Sign-in finds the person by the user principal name Entra reports, in any letter case.
  await db.schema.createIndex('person_mailbox_lower_idx').on('person').expression(sql`lower(mailbox)`).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('person_mailbox_lower_idx').execute();
  await db.schema.dropTable('person_feed').execute();
  await db.schema.dropTable('person_token').execute();
}
