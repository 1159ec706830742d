// A stand-in Web Push service for tests: an HTTPS server on loopback (its own certificate authority) that hands out
// subscriptions like a browser's PushManager (a P-256 key pair and an auth secret each), takes the pushes sent to them
// and decrypts each payload as the browser would (RFC 8291, aes128gcm, with http_ece). Test-only.
import { createECDH, createPublicKey, type ECDH, randomBytes, verify } from 'node:crypto';
import { Agent, createServer } from 'node:https';
import { decrypt } from 'http_ece';
import { generate } from 'selfsigned';

export interface ReceivedPush {
  subscription: number;
  headers: Record<string, string | undefined>;
  /** The decrypted payload, parsed as JSON. */
  payload: any;
  /** The payload as text, to check what it does not contain. */
  text: string;
}

export interface StandInSubscription {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

export interface PushService {
  /** An agent that trusts this service's certificate, for the server's notifier. */
  agent: Agent;
  received: ReceivedPush[];
  /** A new subscription, as PushSubscription.toJSON() gives it. */
  subscribe(): StandInSubscription;
  /** Answer this status to pushes for subscription `n` from now on (410: gone). */
  answer(n: number, status: number): void;
  /** Called after every push taken. */
  onPush(listener: () => void): void;
  close(): Promise<void>;
}

/** Checks a VAPID header (RFC 8292): its JWT is signed with ES256 by the key `k` names; returns the JWT's claims. */
export function verifiedVapid(header: string | undefined): { claims: any; publicKey: string } {
  const match = /^vapid t=([^,]+),\s*k=(.+)$/.exec(header ?? '');
  if (!match) throw new Error(`Not a VAPID Authorization header: ${header}`);
  const [token, key] = [match[1] as string, match[2] as string];
  const [head, body, signature] = token.split('.') as [string, string, string];
  const raw = Buffer.from(key, 'base64url');
  const jwk = { kty: 'EC', crv: 'P-256', x: raw.subarray(1, 33).toString('base64url'), y: raw.subarray(33).toString('base64url') };
  const ok = verify(
    'sha256',
    Buffer.from(`${head}.${body}`),
    { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!ok) throw new Error('The VAPID signature does not verify');
  return { claims: JSON.parse(Buffer.from(body, 'base64url').toString()), publicKey: key };
}

export async function startPushService(): Promise<PushService> {
  const pems = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
    keySize: 2048,
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const subscriptions: { ecdh: ECDH; auth: string; status: number }[] = [];
  const received: ReceivedPush[] = [];
  const listeners: (() => void)[] = [];
  const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const n = Number(/^\/push\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
      const sub = subscriptions[n];
      if (!sub || req.method !== 'POST') return void res.writeHead(404).end();
      if (sub.status !== 201) return void res.writeHead(sub.status).end();
      const text = decrypt(Buffer.concat(chunks), { version: 'aes128gcm', privateKey: sub.ecdh, authSecret: sub.auth }).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]));
      received.push({ subscription: n, headers, payload: JSON.parse(text), text });
      res.writeHead(201).end();
      for (const listener of listeners) listener();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    agent: new Agent({ ca: pems.cert }),
    received,
    subscribe() {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16).toString('base64url');
      subscriptions.push({ ecdh, auth, status: 201 });
      return {
        endpoint: `https://127.0.0.1:${port}/push/${subscriptions.length - 1}`,
        keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth },
      };
    },
    answer(n, status) {
      const sub = subscriptions[n];
      if (sub) sub.status = status;
    },
    onPush: (listener) => listeners.push(listener),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
