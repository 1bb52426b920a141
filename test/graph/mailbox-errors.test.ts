// Mailbox-level failures come back per person: someone outside the access policy, someone without an Exchange
// Online mailbox, an unknown user. Each is "stop this person", and nobody else's requests are affected.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyFailure } from '../../src/graph/classify-failure.ts';
import { createEventRequest } from '../../src/graph/event-requests.ts';
import type { GraphClient } from '../../src/graph/graph-client.ts';
import { GraphError } from '../../src/graph/graph-error.ts';
import { userMailbox } from '../../src/graph/mailbox-ref.ts';
import { ensureMasterCategories, listMasterCategories } from '../../src/graph/master-categories.ts';
import { listOwnEvents } from '../../src/graph/own-events.ts';
import { people, startTestEmulator, type TestEmulator } from '../support/emulator.ts';
import { graphClientFor, lecture } from './graph-test-client.ts';

describe('mailbox errors, per person', () => {
  let emulator: TestEmulator;
  let client: GraphClient;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    client = await graphClientFor(emulator);
  });
  afterAll(async () => {
    await client.close();
    await emulator.close();
  });

  it.each([
    [people.outsider.upn, 403, 'ErrorAccessDenied'],
    [people.noMailbox.upn, 404, 'MailboxNotEnabledForRESTAPI'],
    ['nobody@uni.example', 404, 'ErrorInvalidUser'],
  ])('listing %s throws a mailbox-level GraphError naming them (%i %s)', async (upn, status, graphCode) => {
    const error = await listOwnEvents(client, userMailbox(upn)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GraphError);
    expect(error).toMatchObject({ status, graphCode, mailbox: upn });
    expect((error as GraphError).message).toContain(upn);
    expect(classifyFailure(error as GraphError)).toMatchObject({ kind: 'mailbox', retryable: false });
  });

  it('gives each item of a mixed batch its own outcome', async () => {
    const write = (upn: string) =>
      createEventRequest(userMailbox(upn), lecture('Lecture'), { sourceKey: 'k', contentHash: 'h' }, `tx-${upn}`);
    const results = await client.batch([
      write(people.s1.upn),
      write(people.outsider.upn),
      write(people.noMailbox.upn),
      write(people.s2.upn),
    ]);
    expect(results.map((r) => r.status)).toEqual([201, 403, 404, 201]);
    expect(results[1]?.error).toMatchObject({ mailbox: people.outsider.upn });
    expect(results[2]?.error).toMatchObject({ mailbox: people.noMailbox.upn });
    expect(results.map((r) => (r.error ? classifyFailure(r.error).kind : 'ok'))).toEqual([
      'ok',
      'mailbox',
      'mailbox',
      'ok',
    ]);
  });

  it('adds missing categories to the master list and leaves existing ones alone', async () => {
    const s2 = userMailbox(people.s2.upn);
    const first = await ensureMasterCategories(client, s2, [{ displayName: 'Lecture', color: 'preset7' }]);
    expect(first).toMatchObject([{ kind: 'created', category: { displayName: 'Lecture', color: 'preset7' } }]);
    const second = await ensureMasterCategories(client, s2, [
      { displayName: 'lecture', color: 'preset1' },
      { displayName: 'Exam', color: 'preset0' },
    ]);
    expect(second.map((o) => o.kind)).toEqual(['exists', 'created']);
    const list = await listMasterCategories(client, s2);
    expect(list.map((c) => [c.displayName, c.color]).sort()).toEqual([
      ['Exam', 'preset0'],
      ['Lecture', 'preset7'],
    ]);
  });

  it('reports a category list the mailbox cannot give as a mailbox error', async () => {
    const error = await listMasterCategories(client, userMailbox(people.noMailbox.upn)).catch((e: unknown) => e);
    expect(classifyFailure(error as GraphError).kind).toBe('mailbox');
  });
});
