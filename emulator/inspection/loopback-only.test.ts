import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { isLoopbackAddress, refuseRemoteClients } from './loopback-only.ts';

describe('loopback-only guard', () => {
  it.each(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'])('lets %s in', (address) => {
    expect(isLoopbackAddress(address)).toBe(true);
  });

  it.each(['10.0.0.5', '192.168.1.20', '::ffff:10.0.0.5', 'fe80::1', '', undefined])('refuses %s', (address) => {
    expect(isLoopbackAddress(address)).toBe(false);
  });

  it('answers 403 to a remote client before the route runs', async () => {
    const app = Fastify();
    let ran = false;
    app.addHook('onRequest', refuseRemoteClients);
    app.get('/_emulator/health', async () => {
      ran = true;
      return { status: 'ok' };
    });
    const remote = await app.inject({ method: 'GET', url: '/_emulator/health', remoteAddress: '203.0.113.7' });
    expect(remote.statusCode).toBe(403);
    expect(remote.json().error.message).toContain('loopback');
    expect(ran).toBe(false);
    const local = await app.inject({ method: 'GET', url: '/_emulator/health', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    await app.close();
  });
});
