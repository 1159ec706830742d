// One WebSocket connection to the app-server daemon's unix socket and its handshake. No reconnecting here (client.ts
// does that); it never starts the daemon.
import WebSocket from 'ws';
import { decodeIncoming, type Incoming } from './messages.js';
import type { ClientInfo } from './protocol/ClientInfo.js';
import type { InitializeResponse } from './protocol/InitializeResponse.js';
import type { RequestId } from './protocol/RequestId.js';
import type { PendingRequests } from './rpc.js';
import { daemonSocketUrl } from './socket-path.js';

export interface ConnectionOptions {
  socketPath: string;
  clientInfo: ClientInfo;
  /** Shared by every connection of one client, so request ids never repeat. */
  pending: PendingRequests;
  /** For opening the socket and for the initialize answer. */
  timeoutMs: number;
  /** Every message that is not an answer to one of our requests. */
  onMessage: (message: Incoming) => void;
  /** Called once, when an open connection closes for any reason. */
  onClose: (reason: string) => void;
}

export class AppServerConnection {
  private closed = false;

  private constructor(
    private readonly ws: WebSocket,
    private readonly pending: PendingRequests,
  ) {}

  /**
   * Opens the socket and runs the handshake: `initialize`, then the `initialized` notification; rejects if either
   * fails. It opts into the experimental API because the daemon refuses experimental methods the product uses (such
   * as thread/search: "requires experimentalApi capability") on a connection that did not.
   */
  static async open(opts: ConnectionOptions): Promise<{ connection: AppServerConnection; initialize: InitializeResponse }> {
    const ws = new WebSocket(daemonSocketUrl(opts.socketPath), { perMessageDeflate: false, handshakeTimeout: opts.timeoutMs });
    let lastError: Error | undefined;
    // Without an 'error' listener, ws's error event would throw out of the event loop.
    ws.on('error', (error) => {
      lastError = error;
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('close', () => reject(lastError ?? new Error('the daemon closed the socket during the WebSocket handshake')));
    });
    const connection = new AppServerConnection(ws, opts.pending);
    ws.on('message', (data, isBinary) => {
      if (isBinary) return opts.onMessage({ kind: 'invalid', reason: 'binary frame' });
      const message = decodeIncoming(String(data));
      if (message.kind === 'response') opts.pending.resolve(message.id, message.result);
      else if (message.kind === 'errorResponse') opts.pending.reject(message.id, message.error);
      else opts.onMessage(message);
    });
    ws.once('close', (code, reason) => {
      connection.closed = true;
      const why = lastError?.message ?? `socket closed (code ${code}${reason.length > 0 ? `, ${reason}` : ''})`;
      opts.pending.failAll(why);
      opts.onClose(why);
    });
    try {
      const initialize = (await connection.request(
        'initialize',
        {
          clientInfo: opts.clientInfo,
          capabilities: { experimentalApi: true },
        },
        opts.timeoutMs,
      )) as InitializeResponse;
      connection.notify('initialized');
      return { connection, initialize };
    } catch (error) {
      connection.close();
      throw error;
    }
  }

  get isOpen(): boolean {
    return !this.closed && this.ws.readyState === WebSocket.OPEN;
  }

  request(method: string, params: unknown, timeoutMs: number): Promise<unknown> {
    return this.pending.request((message) => this.send(message), method, params, timeoutMs);
  }

  notify(method: string, params?: unknown): void {
    this.send(params === undefined ? { method } : { method, params });
  }

  /** Answers a server → client request. The daemon keeps the first answer any client gives and drops later ones. */
  respond(id: RequestId, result: unknown): void {
    this.send({ id, result });
  }

  respondError(id: RequestId, code: number, message: string): void {
    this.send({ id, error: { code, message } });
  }

  close(): void {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    // terminate(), not close(): no closing handshake to wait for on a local socket, and 'close' still fires.
    this.ws.terminate();
  }

  private send(message: object): void {
    if (!this.isOpen) throw new Error('socket not open');
    this.ws.send(JSON.stringify(message));
  }
}
