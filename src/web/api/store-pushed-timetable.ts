// What a `PUT /api/v1/people/{id}/timetable` writes, in one transaction: the mailbox check (two people's
// timetables cannot share a calendar), the person's `pushed_timetable` row and, in application mode, the person
// row (the timetable decides who is synced; delegated people join when they connect). Nothing is queued here.
import type { Kysely } from 'kysely';
import type { AuthMode } from '../../model/person.ts';
import type { Database } from '../../store/database.ts';
import { inTransaction } from '../../store/in-transaction.ts';
import { upsertPeople } from '../../store/person.repository.ts';
import { pushedPersonWithMailbox, putPushedTimetable } from '../../store/pushed-timetable.repository.ts';
import { ApiError } from './api-error.ts';
import type { TimetablePush } from './push-body.ts';

export async function storePushedTimetable(
  db: Kysely<Database>,
  push: TimetablePush,
  auth: AuthMode,
  now: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const other = await pushedPersonWithMailbox(trx, push.mailbox, push.personId);
    if (other !== undefined) {
      throw new ApiError('CONFLICT', `mailbox ${push.mailbox} is ${other}'s: two timetables cannot share a calendar`);
    }
    await putPushedTimetable(trx, push, now);
    if (auth === 'application') {
      await upsertPeople(trx, [{ id: push.personId, mailbox: push.mailbox, authMode: 'application' }]);
    }
  });
}
