// The --write check: create one probe event (carrying our marker, its subject saying what it is), find it again by
// the marker, and delete it. The delete always runs, also after a failure in between; after a create whose answer
// was lost, the probe is looked up by its marker first, so no copy stays behind.
import { randomUUID } from 'node:crypto';
import type { Event } from '@microsoft/microsoft-graph-types';
import { failureClassOf } from '../graph/classify-failure.ts';
import { createEventRequest, deleteEventRequest, deleteSucceeded, writtenEvent } from '../graph/event-requests.ts';
import type { GraphClient } from '../graph/graph-client.ts';
import { GraphError, GraphProtocolError } from '../graph/graph-error.ts';
import type { MailboxRef } from '../graph/mailbox-ref.ts';
import { copiesFromLookup, lookupByMarkerRequest } from '../graph/own-events.ts';
import type { AdviceContext } from './advice.ts';
import { type CheckResult, failed, passed } from './check-result.ts';
import { graphFailureResult } from './graph-check.ts';

export const probeSubject = 'timetable-sync probe (doctor write check, deleted right away)';

/** The probe: tomorrow, 15 minutes, free, no reminder; a sync or reconcile would remove a stray one (it is ours). */
export function probeEvent(now: Date = new Date()): Event {
  const start = new Date(Math.ceil(now.getTime() / 900_000) * 900_000 + 24 * 3600_000);
  const end = new Date(start.getTime() + 15 * 60_000);
  const wallClock = (date: Date) => date.toISOString().slice(0, 19);
  return {
    subject: probeSubject,
    body: {
      contentType: 'text',
      content:
        'timetable-sync doctor --write created this event to check that it may write to this calendar, and deletes it at once. If you still see it, delete it.',
    },
    start: { dateTime: wallClock(start), timeZone: 'UTC' },
    end: { dateTime: wallClock(end), timeZone: 'UTC' },
    showAs: 'free',
    isReminderOn: false,
    importance: 'low',
  };
}

export async function probeEventCheck(
  graph: GraphClient,
  mailbox: MailboxRef,
  context: AdviceContext,
): Promise<CheckResult> {
  const check = 'probe';
  const title = `write probe ${mailbox.label}`;
  const sourceKey = `timetable-sync-doctor-probe:${randomUUID()}`;
  let createdId: string | undefined;
  let failure: unknown;
  try {
    const response = await graph.request(
      createEventRequest(mailbox, probeEvent(), { sourceKey, contentHash: 'doctor-probe' }, randomUUID()),
    );
    if (response.error) throw response.error;
    createdId = writtenEvent(response, mailbox.label).graphId;
    const found = await findProbes(graph, mailbox, sourceKey);
    if (!found.includes(createdId)) {
      throw new GraphProtocolError(
        'the probe event was created, but listing by our marker does not return it',
        mailbox.label,
      );
    }
  } catch (error) {
    failure = error;
  }
  const cleanup = await removeProbes(graph, mailbox, sourceKey, createdId, failure);
  if (cleanup.error !== undefined) {
    const result = graphFailureResult(check, title, cleanup.error, context);
    return failed(check, title, `the probe event "${probeSubject}" may still be in the calendar: ${result.summary}`, {
      code: result.code,
      fix: `delete that event in Outlook (it is not part of the timetable); then: ${result.fix ?? 'run the doctor again'}`,
    });
  }
  if (failure !== undefined) {
    const result = graphFailureResult(check, title, failure, context);
    return { ...result, summary: `could not write: ${result.summary}` };
  }
  return passed(
    check,
    title,
    `created a probe event carrying our marker, found it by the marker and deleted it again (${cleanup.deleted} deleted)`,
  );
}

async function findProbes(graph: GraphClient, mailbox: MailboxRef, sourceKey: string): Promise<string[]> {
  const response = await graph.requestOk(lookupByMarkerRequest(mailbox, sourceKey));
  return copiesFromLookup(response.body, sourceKey, mailbox.label).map((event) => event.graphId);
}

/** Deletes the probe we created or, when the create's answer was lost, every copy its marker finds. */
async function removeProbes(
  graph: GraphClient,
  mailbox: MailboxRef,
  sourceKey: string,
  createdId: string | undefined,
  failure: unknown,
): Promise<{ readonly deleted: number; readonly error?: unknown }> {
  try {
    const ids =
      createdId !== undefined
        ? [createdId]
        : mayHaveTakenEffect(failure)
          ? await findProbes(graph, mailbox, sourceKey)
          : [];
    for (const id of ids) {
      const response = await graph.request(deleteEventRequest(mailbox, id));
      if (!deleteSucceeded(response)) {
        throw response.error ?? new GraphProtocolError(`delete answered ${response.status}`, mailbox.label);
      }
    }
    return { deleted: ids.length };
  } catch (error) {
    return { deleted: 0, error };
  }
}

/** A create refused with a 4xx wrote nothing; a lost answer or an unreadable one may have left a probe. */
function mayHaveTakenEffect(failure: unknown): boolean {
  if (failure instanceof GraphError && failure.status < 500) return false;
  return failureClassOf(failure)?.ambiguous ?? true;
}
