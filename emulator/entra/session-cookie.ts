// The browser's sign-in session on the emulator's origin, like Entra's ESTSAUTH cookie: a second authorize request
// from the same browser skips the password unless the application asks for `prompt=login`.
import type { FastifyReply, FastifyRequest } from 'fastify';

const cookieName = 'ESTSAUTH';

export function sessionIdOf(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookieName) return value.join('=') || undefined;
  }
  return undefined;
}

export function setSessionCookie(reply: FastifyReply, sessionId: string): void {
  reply.header('set-cookie', `${cookieName}=${sessionId}; Path=/; Secure; HttpOnly; SameSite=Lax`);
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.header('set-cookie', `${cookieName}=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0`);
}
