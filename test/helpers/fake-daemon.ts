// A scripted stand-in for the Codex daemon on a unix socket: answers initialize, records everything, and lets a test
// push frames or drop connections where it must misbehave on purpose. test/live runs the real daemon.
import { createServer, type Server } from 'node:http';
import { WebSocket, WebSocketServer } from 'ws';
import { AppServerError } from '../../src/codex/app-server/errors.js';

export type Msg = { id?: number | string; method?: string; params?: any; result?: any; error?: any };

/** A scripted daemon: answers initialize, records everything, and lets the test push frames or drop connections. */
export class FakeDaemon {
  readonly received: Msg[] = [];
  readonly sockets: WebSocket[] = [];
  private http!: Server;
  private wss!: WebSocketServer;
  handle: (msg: Msg, ws: WebSocket) => unknown = () => ({});

  constructor(readonly path: string) {}

  async listen(): Promise<this> {
    this.http = createServer();
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on('connection', (ws) => {
      this.sockets.push(ws);
      ws.on('message', (data) => {
        const msg = JSON.parse(String(data)) as Msg;
        this.received.push(msg);
        if (msg.id === undefined || msg.method === undefined) return;
        if (msg.method === 'initialize') return ws.send(JSON.stringify({ id: msg.id, result: { userAgent: 'fake/1.0', codexHome: '/x' } }));
        const out = this.handle(msg, ws);
        if (out === undefined) return; // the test answers itself, or never
        if (out instanceof AppServerError) ws.send(JSON.stringify({ id: msg.id, error: { code: out.code, message: out.message } }));
        else ws.send(JSON.stringify({ id: msg.id, result: out }));
      });
    });
    await new Promise<void>((resolve) => this.http.listen(this.path, resolve));
    return this;
  }

  push(message: object): void {
    this.pushRaw(JSON.stringify(message));
  }

  pushRaw(text: string): void {
    for (const ws of this.sockets) if (ws.readyState === WebSocket.OPEN) ws.send(text);
  }

  methods(): string[] {
    return this.received.map((m) => m.method ?? `answer:${m.id}`);
  }

  dropConnections(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  async close(): Promise<void> {
    this.dropConnections();
    this.wss.close();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}
