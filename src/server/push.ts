// Fans push messages out to connected browsers over Server-Sent Events, numbered in one global order.
import type { ServerResponse } from 'node:http';
import type { PushEnvelope, PushMessage } from '../shared/push.js';

const HEARTBEAT_MS = 15_000;

export class PushHub {
  private seq = 0;
  private readonly clients = new Set<ServerResponse>();
  private readonly listeners = new Set<(m: PushEnvelope) => void>();
  private heartbeat: NodeJS.Timeout | null = null;

  publish(message: PushMessage): void {
    const seq = ++this.seq;
    // Built and encoded once for every browser, and not at all while nobody listens (agents at work, no tab open).
    if (this.clients.size === 0 && this.listeners.size === 0) return;
    const envelope = { ...message, seq } as PushEnvelope;
    if (this.clients.size > 0) {
      const frame = `id: ${seq}\ndata: ${JSON.stringify(envelope)}\n\n`;
      for (const res of this.clients) res.write(frame);
    }
    for (const listener of this.listeners) listener(envelope);
  }

  /** In-process subscribers (tests, notifications); returns an unsubscribe function. */
  subscribe(listener: (m: PushEnvelope) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes over a raw response as an event stream until the browser disconnects. */
  attach(res: ServerResponse, hello: PushMessage): void {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
      'x-accel-buffering': 'no',
    });
    res.write(`retry: 1000\nid: ${this.seq}\ndata: ${JSON.stringify({ ...hello, seq: this.seq })}\n\n`);
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
    if (!this.heartbeat) {
      this.heartbeat = setInterval(() => {
        for (const c of this.clients) c.write(': keep-alive\n\n');
      }, HEARTBEAT_MS);
      this.heartbeat.unref();
    }
  }

  get clientCount(): number {
    return this.clients.size;
  }

  close(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }
}
