// The faults that never answer: a dropped connection, and a request held without an answer until the client
// gives up (or faults.timeoutMs passes, then dropped). Both take the reply away from fastify first.
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Ends the connection without an answer: the client sees a reset / "other side closed". */
export function dropConnection(request: FastifyRequest, reply: FastifyReply): void {
  reply.hijack();
  request.raw.socket.destroy();
}

export class HeldConnections {
  private readonly held = new Set<Socket>();

  /** Keeps the request unanswered for `ms`, then drops the connection (sooner if the client hangs up). */
  hold(request: FastifyRequest, reply: FastifyReply, ms: number): void {
    reply.hijack();
    const socket = request.raw.socket;
    this.held.add(socket);
    const timer = setTimeout(() => socket.destroy(), ms);
    socket.once('close', () => {
      clearTimeout(timer);
      this.held.delete(socket);
    });
  }

  /** Drops every held connection, so closing the server does not wait for their timers. */
  dropAll(): void {
    for (const socket of this.held) socket.destroy();
    this.held.clear();
  }
}
