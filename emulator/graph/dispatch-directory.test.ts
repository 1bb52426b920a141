import { describe, expect, it } from 'vitest';
import { appPrincipal, call, delegatedPrincipal, graphTestContext, groupId, people } from './test-fixture.ts';

const context = graphTestContext();

describe('the category master list', () => {
  const categories = `/users/${people.s1.upn}/outlook/masterCategories`;

  it('creates, lists, recolours and deletes categories', async () => {
    const created = await call(context, 'POST', categories, { body: { displayName: 'Lecture', color: 'Preset9' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ displayName: 'Lecture', color: 'preset9' });
    expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
    const listed = await call(context, 'GET', categories);
    expect(listed.body.value).toEqual([{ id: created.body.id, displayName: 'Lecture', color: 'preset9' }]);
    const recoloured = await call(context, 'PATCH', `${categories}/${created.body.id}`, { body: { color: 'preset1' } });
    expect(recoloured.body.color).toBe('preset1');
    const renamed = await call(context, 'PATCH', `${categories}/${created.body.id}`, { body: { displayName: 'X' } });
    expect(renamed.status).toBe(400);
    expect((await call(context, 'GET', `${categories}/${created.body.id}`)).body.displayName).toBe('Lecture');
    expect((await call(context, 'DELETE', `${categories}/${created.body.id}`)).status).toBe(204);
    expect((await call(context, 'GET', `${categories}/${created.body.id}`)).status).toBe(404);
  });

  it('refuses a second category with the same name, whatever its case', async () => {
    await call(context, 'POST', categories, { body: { displayName: 'Exam', color: 'preset0' } });
    const again = await call(context, 'POST', categories, { body: { displayName: 'EXAM' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('ErrorDuplicateCategory');
  });

  it('refuses colours and properties Outlook does not have', async () => {
    expect((await call(context, 'POST', categories, { body: { displayName: 'A', color: 'pink' } })).status).toBe(400);
    expect((await call(context, 'POST', categories, { body: { displayName: 'B', size: 3 } })).status).toBe(400);
    expect((await call(context, 'POST', categories, { body: { color: 'preset2' } })).status).toBe(400);
  });
});

describe('directory reads', () => {
  it('answers /me for a delegated token with User.Read', async () => {
    const me = await call(context, 'GET', '/me', { principal: delegatedPrincipal() });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: people.s1.id, userPrincipalName: people.s1.upn, mail: people.s1.upn });
    const selected = await call(context, 'GET', '/me?$select=id,displayName', { principal: delegatedPrincipal() });
    expect(Object.keys(selected.body).sort()).toEqual(['@odata.context', 'displayName', 'id']);
    const noScope = await call(context, 'GET', '/me', {
      principal: delegatedPrincipal(people.s1.id, ['Calendars.Read']),
    });
    expect(noScope.status).toBe(403);
    expect(noScope.body.error).toMatchObject({
      code: 'Authorization_RequestDenied',
      message: 'Insufficient privileges to complete the operation.',
    });
    expect((await call(context, 'GET', '/me')).status).toBe(400);
  });

  it('answers /users/{id} for applications with a user-read role only', async () => {
    const refused = await call(context, 'GET', `/users/${people.s2.upn}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('Authorization_RequestDenied');
    const reader = appPrincipal(['User.Read.All']);
    const user = await call(context, 'GET', `/users/${people.noMailbox.id}`, { principal: reader });
    expect(user.body).toMatchObject({ userPrincipalName: people.noMailbox.upn, mail: null });
    const missing = await call(context, 'GET', '/users/nobody@uni.example', { principal: reader });
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('Request_ResourceNotFound');
  });

  it('lists a group’s transitive members, paged, with nested groups and their members', async () => {
    const reader = appPrincipal(['GroupMember.Read.All']);
    const first = await call(context, 'GET', `/groups/${groupId}/transitiveMembers?$top=3`, { principal: reader });
    expect(first.status).toBe(200);
    expect(first.body.value).toHaveLength(3);
    const next = first.body['@odata.nextLink'] as string;
    const second = await call(context, 'GET', next.slice(`${context.baseUrl}/v1.0`.length), { principal: reader });
    const all = [...first.body.value, ...second.body.value];
    expect(second.body['@odata.nextLink']).toBeUndefined();
    expect(all.map((m: { '@odata.type': string; id: string }) => [m['@odata.type'], m.id])).toEqual([
      ['#microsoft.graph.user', people.s1.id],
      ['#microsoft.graph.user', people.s2.id],
      ['#microsoft.graph.user', people.noMailbox.id],
      ['#microsoft.graph.group', '8b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e'],
      ['#microsoft.graph.user', people.nested.id],
    ]);
    const users = await call(context, 'GET', `/groups/${groupId}/transitiveMembers/microsoft.graph.user`, {
      principal: reader,
    });
    expect(users.body.value).toHaveLength(4);
    const refused = await call(context, 'GET', `/groups/${groupId}/transitiveMembers`);
    expect(refused.status).toBe(403);
    const missing = await call(context, 'GET', '/groups/00000000-0000-4000-8000-000000000000/transitiveMembers', {
      principal: reader,
    });
    expect(missing.status).toBe(404);
  });
});
