// The inspection API changes and reveals everything (events, tokens' fate, limits), so only this machine may call it.
import type { FastifyReply, FastifyRequest } from 'fastify';

/** True for 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (`::ffff:127.0.0.1`). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ipv4 = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  return /^127(?:\.\d{1,3}){3}$/.test(ipv4) || address === '::1' || address === '0:0:0:0:0:0:0:1';
}

/** onRequest hook: 403 for any client that is not on the loopback interface. */
export async function refuseRemoteClients(
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  if (isLoopbackAddress(request.socket.remoteAddress)) return undefined;
  return reply.code(403).send({
    error: {
      code: 'Forbidden',
      message: `The emulator's inspection API answers loopback clients only, not ${request.socket.remoteAddress ?? 'an unknown address'}.`,
    },
  });
}
