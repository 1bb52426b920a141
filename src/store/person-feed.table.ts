// The `person_feed` table: the secret in a person's personal iCal feed URL (`/ical/{secret}.ics`), hashed for
// lookup and encrypted so their page can show the URL again. Rotating replaces the row's secret.
import type { Selectable } from 'kysely';
import type { DefaultedTimestamp } from './columns.ts';

export interface PersonFeedTable {
  personId: string;
  /** SHA-256 of the secret, hex. */
  secretHash: string;
  /** The secret, encrypted with the token key and bound to the person id. */
  secretCiphertext: string;
  createdAt: DefaultedTimestamp;
}

export type PersonFeedRow = Selectable<PersonFeedTable>;
