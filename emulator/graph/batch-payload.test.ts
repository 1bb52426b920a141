import { describe, expect, it } from 'vitest';
import { parseBatchPayload } from './batch-payload.ts';

const messageOf = (payload: unknown) => {
  const parsed = parseBatchPayload(payload);
  return 'error' in parsed ? (parsed.error.body as { error: { message: string } }).error.message : undefined;
};
const get = (id: string, extra: Record<string, unknown> = {}) => ({ id, method: 'GET', url: '/me/events', ...extra });

describe('parseBatchPayload', () => {
  it('reads items, lower-casing header names', () => {
    const parsed = parseBatchPayload({
      requests: [
        get('1'),
        { id: '2', method: 'post', url: 'me/events', headers: { 'Content-Type': 'application/json' }, body: {} },
      ],
    });
    expect(parsed).toEqual({
      items: [
        { id: '1', method: 'GET', url: '/me/events', headers: {}, body: undefined, dependsOn: [] },
        {
          id: '2',
          method: 'POST',
          url: 'me/events',
          headers: { 'content-type': 'application/json' },
          body: {},
          dependsOn: [],
        },
      ],
    });
  });

  it('refuses more than 20 requests', () => {
    const requests = Array.from({ length: 21 }, (_, i) => get(String(i)));
    expect(messageOf({ requests })).toMatch(/limited to 20 requests/);
    expect(messageOf({ requests: requests.slice(1) })).toBeUndefined();
  });

  it.each([
    ['no requests array', {}, /Invalid batch payload/],
    ['an empty batch', { requests: [] }, /Invalid batch payload/],
    ['duplicate ids', { requests: [get('1'), get('1')] }, /more than once/],
    ['a missing url', { requests: [{ id: '1', method: 'GET' }] }, /has no url/],
    ['a missing id', { requests: [{ method: 'GET', url: '/me' }] }, /has no id/],
    ['an unknown method', { requests: [get('1', { method: 'FETCH' })] }, /no valid method/],
    ['an absolute url', { requests: [get('1', { url: 'https://graph.microsoft.com/v1.0/me' })] }, /absolute/],
    [
      'a write without body',
      { requests: [get('1', { method: 'POST', headers: { 'content-type': 'application/json' } })] },
      /Write request id : 1/,
    ],
    ['a write without Content-Type', { requests: [get('1', { method: 'PATCH', body: {} })] }, /Write request id : 1/],
    ['an unknown dependency', { requests: [get('1', { dependsOn: ['9'] })] }, /depends on '9'/],
    ['a cycle', { requests: [get('1', { dependsOn: ['2'] }), get('2', { dependsOn: ['1'] })] }, /cycle/],
  ])('refuses %s', (_name, payload, message) => {
    expect(messageOf(payload)).toMatch(message);
  });
});
