// One Graph write (or the lookup that settles an ambiguous create) as the executor schedules it, and the request
// that carries it. A plan action becomes one operation; an operation may turn into another (create → lookup).

import { createEventRequest, deleteEventRequest, updateEventRequest } from '../graph/event-requests.ts';
import type { GraphRequest } from '../graph/graph-client.ts';
import type { MailboxRef } from '../graph/mailbox-ref.ts';
import { lookupByMarkerRequest } from '../graph/own-events.ts';
import { transactionIdFor } from '../mapping/transaction-id.ts';
import type { DesiredEvent } from '../model/desired-event.ts';

export interface PersonRun {
  readonly personId: string;
  readonly runId: string;
  readonly mailbox: MailboxRef;
}

export type Operation =
  /** POST the event; `replaces` is the id of the event a recreate puts back (another transactionId). */
  | {
      readonly kind: 'create';
      readonly run: PersonRun;
      readonly desired: DesiredEvent;
      readonly replaces: string | null;
    }
  /** A create's answer was lost: find the event by its marker before creating it again. */
  | {
      readonly kind: 'lookup';
      readonly run: PersonRun;
      readonly desired: DesiredEvent;
      readonly replaces: string | null;
    }
  | {
      readonly kind: 'update';
      readonly run: PersonRun;
      readonly graphId: string;
      readonly desired: DesiredEvent;
      /** The hash the event had when the state last saw it, for the user-deleted rule on a 404. */
      readonly previousHash: string | null;
    }
  | {
      readonly kind: 'delete';
      readonly run: PersonRun;
      readonly sourceKey: string;
      readonly graphId: string;
      readonly keep: boolean;
    };

export function operationRequest(operation: Operation): GraphRequest {
  const mailbox = operation.run.mailbox;
  switch (operation.kind) {
    case 'create':
      return createEventRequest(
        mailbox,
        operation.desired.payload,
        markerOf(operation.desired),
        transactionId(operation),
      );
    case 'lookup':
      return lookupByMarkerRequest(mailbox, operation.desired.sourceKey);
    case 'update':
      // No If-Match: the timetable wins over a user's edit of our event (the rule), so a stale changeKey
      // would only cost a 412 and a second request.
      return updateEventRequest(mailbox, operation.graphId, operation.desired.payload, markerOf(operation.desired));
    case 'delete':
      return deleteEventRequest(mailbox, operation.graphId);
  }
}

export function transactionId(operation: { run: PersonRun; desired: DesiredEvent; replaces: string | null }): string {
  return transactionIdFor({
    mailbox: operation.run.mailbox.label,
    sourceKey: operation.desired.sourceKey,
    contentHash: operation.desired.contentHash,
    replaces: operation.replaces,
  });
}

export function sourceKeyOf(operation: Operation): string {
  return operation.kind === 'delete' ? operation.sourceKey : operation.desired.sourceKey;
}

function markerOf(desired: DesiredEvent) {
  return { sourceKey: desired.sourceKey, contentHash: desired.contentHash };
}
