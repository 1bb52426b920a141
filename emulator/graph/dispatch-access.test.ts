import { describe, expect, it } from 'vitest';
import {
  appPrincipal,
  call,
  delegatedPrincipal,
  deniedClientId,
  eventBody,
  graphTestContext,
  otherTenantId,
  people,
} from './test-fixture.ts';

const context = graphTestContext();

describe('who may reach which mailbox', () => {
  it('lets an application with Calendars.ReadWrite use /users/{upn} and /users/{id}', async () => {
    const byUpn = await call(context, 'GET', `/users/${people.s1.upn}/events`);
    const byId = await call(context, 'GET', `/users/${people.s1.id.toUpperCase()}/events`);
    const byKey = await call(context, 'GET', `/users('${people.s1.upn}')/calendar/events`);
    expect(byUpn.status).toBe(200);
    expect(byId.body.value).toEqual(byUpn.body.value);
    expect(byKey.body.value.map((e: { id: string }) => e.id)).toEqual(
      byUpn.body.value.map((e: { id: string }) => e.id),
    );
  });

  it('refuses /me to an application', async () => {
    const response = await call(context, 'GET', '/me/events');
    expect(response.status).toBe(400);
    expect(response.body.error).toMatchObject({
      code: 'BadRequest',
      message: '/me request is only valid with delegated authentication flow.',
    });
  });

  it('answers /me for a delegated token with that user’s mailbox', async () => {
    const response = await call(context, 'GET', '/me/events', { principal: delegatedPrincipal() });
    expect(response.status).toBe(200);
    expect(response.body.value[0].subject).toBe('Dentist');
  });

  it('refuses a delegated token access to someone else’s mailbox', async () => {
    const response = await call(context, 'GET', `/users/${people.s2.upn}/events`, { principal: delegatedPrincipal() });
    expect(response.status).toBe(403);
    expect(response.body.error.code).toBe('ErrorAccessDenied');
    const own = await call(context, 'GET', `/users/${people.s1.upn}/events`, { principal: delegatedPrincipal() });
    expect(own.status).toBe(200);
  });

  it('needs Calendars.Read or Calendars.ReadWrite to read and Calendars.ReadWrite to write', async () => {
    const none = await call(context, 'GET', `/users/${people.s1.upn}/events`, {
      principal: appPrincipal(['User.Read.All']),
    });
    expect(none.status).toBe(403);
    expect(none.body.error).toMatchObject({
      code: 'ErrorAccessDenied',
      message: 'Access is denied. Check credentials and try again.',
    });
    const reader = appPrincipal(['Calendars.Read']);
    expect((await call(context, 'GET', `/users/${people.s1.upn}/events`, { principal: reader })).status).toBe(200);
    const write = await call(context, 'POST', `/users/${people.s1.upn}/events`, {
      principal: reader,
      body: eventBody(),
    });
    expect(write.status).toBe(403);
    const delegatedReader = delegatedPrincipal(people.s1.id, ['Calendars.Read']);
    const delegatedWrite = await call(context, 'POST', '/me/events', { principal: delegatedReader, body: eventBody() });
    expect(delegatedWrite.status).toBe(403);
  });

  it('needs MailboxSettings for the category master list', async () => {
    const calendarsOnly = appPrincipal(['Calendars.ReadWrite']);
    const list = await call(context, 'GET', `/users/${people.s1.upn}/outlook/masterCategories`, {
      principal: calendarsOnly,
    });
    expect(list.status).toBe(403);
    const readOnly = appPrincipal(['MailboxSettings.Read']);
    const read = await call(context, 'GET', `/users/${people.s1.upn}/outlook/masterCategories`, {
      principal: readOnly,
    });
    expect(read.status).toBe(200);
    const create = await call(context, 'POST', `/users/${people.s1.upn}/outlook/masterCategories`, {
      principal: readOnly,
      body: { displayName: 'Lecture', color: 'preset1' },
    });
    expect(create.status).toBe(403);
  });

  it('refuses mailboxes outside the access policy group with "Access to OData is disabled."', async () => {
    const outsider = await call(context, 'GET', `/users/${people.outsider.upn}/events`);
    expect(outsider.status).toBe(403);
    expect(outsider.body.error).toMatchObject({ code: 'ErrorAccessDenied', message: 'Access to OData is disabled.' });
    expect((await call(context, 'GET', `/users/${people.nested.upn}/events`)).status).toBe(200);
  });

  it('applies a DenyAccess policy the other way round', async () => {
    const principal = { ...appPrincipal(['Calendars.ReadWrite']), clientId: deniedClientId };
    expect((await call(context, 'GET', `/users/${people.outsider.upn}/events`, { principal })).status).toBe(200);
    const member = await call(context, 'GET', `/users/${people.s1.upn}/events`, { principal });
    expect(member.status).toBe(403);
    expect(member.body.error.message).toBe('Access to OData is disabled.');
  });

  it('does not apply the access policy to delegated tokens', async () => {
    const response = await call(context, 'GET', '/me/events', { principal: delegatedPrincipal(people.outsider.id) });
    expect(response.status).toBe(200);
  });

  it('answers 404 ErrorInvalidUser for an unknown user, also one of another tenant', async () => {
    const unknown = await call(context, 'GET', '/users/nobody@uni.example/events');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      code: 'ErrorInvalidUser',
      message: "The requested user 'nobody@uni.example' is invalid.",
    });
    const foreign = await call(context, 'GET', '/users/x@other.example/events');
    expect(foreign.body.error.code).toBe('ErrorInvalidUser');
  });

  it('answers 404 MailboxNotEnabledForRESTAPI for a user without an Exchange Online mailbox', async () => {
    const response = await call(context, 'GET', `/users/${people.noMailbox.upn}/calendarView`, {
      query: { startDateTime: '2026-01-01T00:00:00Z', endDateTime: '2026-02-01T00:00:00Z' },
    });
    expect(response.status).toBe(404);
    expect(response.body.error).toMatchObject({
      code: 'MailboxNotEnabledForRESTAPI',
      message: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
    });
  });

  it('checks the permission before it looks the user up', async () => {
    const response = await call(context, 'GET', '/users/nobody@uni.example/events', { principal: appPrincipal([]) });
    expect(response.status).toBe(403);
  });

  it('keeps a token to its own tenant', async () => {
    const principal = { ...appPrincipal(), tenantId: otherTenantId };
    const response = await call(context, 'GET', `/users/${people.s1.upn}/events`, { principal });
    expect(response.body.error.code).toBe('ErrorInvalidUser');
  });

  it('answers unknown segments with 400 and unsupported methods with 405', async () => {
    const unknown = await call(context, 'GET', `/users/${people.s1.upn}/contacts`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toBe("Resource not found for the segment 'contacts'.");
    const method = await call(context, 'PUT', `/users/${people.s1.upn}/events`);
    expect(method.status).toBe(405);
  });
});
