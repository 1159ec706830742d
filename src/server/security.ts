// Who may talk to the server: loopback Host names only (DNS rebinding), our own Origins only, and the token.
// The token check runs on the route the router chose, never on the raw URL: the router decodes and normalises
// the path, so any check of the raw text can be spelled around (`/%61pi/…`, absolute-form targets).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { isIPv4 } from 'node:net';
import { posix } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Forbidden, Unauthorized } from '../errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `'public'` opens a route to callers without a credential; a route that says nothing needs one. */
    access?: 'public';
  }
}

/** Route options for the few routes anyone on loopback may call. */
export const PUBLIC_ROUTE = { config: { access: 'public' as const } };

export const AUTH_COOKIE = 'cpm_token';
const LOGIN_CODE_TTL_MS = 10 * 60_000;
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/** Real loopback addresses and `localhost` only: a name such as `127.0.0.1.nip.io` resolves anywhere DNS says. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || (isIPv4(host) && host.startsWith('127.'));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The path as a lenient router would read it: no scheme or authority, percent-decoded, `//`, `.` and `..` resolved,
 * `;` parameters and trailing dots dropped (so that `/api./x;y` reads as `/api/x`).
 */
export function canonicalPath(url: string): string {
  const target = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split(/[?#]/)[0] ?? '';
  // Each run of escapes on its own, so one malformed `%zz` cannot keep the rest of the path encoded.
  const decoded = target.replace(/(%[0-9a-f]{2})+/gi, safeDecode).replaceAll('\\', '/');
  const segments = posix
    .normalize(`/${decoded}`)
    .split('/')
    .map((segment) => segment.split(';')[0]?.replace(/\.+$/, '') ?? '');
  return segments.join('/') || '/';
}

/** True when a path no route matched still reads as an API call, so that it answers 401 rather than the web page. */
export function looksLikeApi(url: string): boolean {
  return /^\/+api(\/|$)/i.test(canonicalPath(url));
}

function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return safeDecode(part.slice(eq + 1).trim());
  }
  return null;
}

export class AccessGuard {
  private readonly loginCodes = new Map<string, number>();
  private hosts = new Set<string>();
  private origins = new Set<string>();

  constructor(
    private readonly token: string,
    private readonly bindHost: string,
  ) {}

  /** Called once the ports are known (0 means "any free port" until then). */
  setPorts(ports: number[]): void {
    const names = new Set(LOOPBACK_NAMES);
    if (!isLoopbackHost(this.bindHost) && this.bindHost !== '0.0.0.0' && this.bindHost !== '::') {
      names.add(this.bindHost.includes(':') ? `[${this.bindHost}]` : this.bindHost);
    }
    this.hosts = new Set([...names].flatMap((n) => ports.map((p) => `${n}:${p}`)));
    this.origins = new Set([...this.hosts].map((h) => `http://${h}`));
  }

  tokenMatches(candidate: string | null | undefined): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** A one-time code for the browser link; it is swapped for a cookie and never works twice. */
  issueLoginCode(): string {
    const now = Date.now();
    for (const [code, expires] of this.loginCodes) if (expires < now) this.loginCodes.delete(code);
    const code = randomBytes(24).toString('base64url');
    this.loginCodes.set(code, now + LOGIN_CODE_TTL_MS);
    return code;
  }

  redeemLoginCode(code: string): boolean {
    const expires = this.loginCodes.get(code);
    this.loginCodes.delete(code);
    return expires !== undefined && expires >= Date.now();
  }

  /** The onRequest check: throws 403 for a foreign Host/Origin, 401 for a missing token on the API. */
  check(request: FastifyRequest): void {
    const host = request.headers.host?.toLowerCase();
    if (!host || !this.hosts.has(host)) {
      throw new Forbidden(
        `Requests must address this server by a loopback name such as 127.0.0.1 (got Host "${host ?? ''}"). This blocks DNS-rebinding attacks.`,
      );
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !this.origins.has(origin.toLowerCase())) {
      throw new Forbidden(`Requests from the web page at "${origin}" are not allowed. Only the Codex Pro Max page may call this server.`);
    }
    if (request.headers['sec-fetch-site'] === 'cross-site') {
      throw new Forbidden('Cross-site requests are not allowed.');
    }
    if (!this.needsCredential(request) || this.isAuthenticated(request)) return;
    throw new Unauthorized();
  }

  /** A matched route needs a credential unless it is declared public; an unmatched one when it reads as an API call. */
  private needsCredential(request: FastifyRequest): boolean {
    const matched = request.routeOptions.url !== undefined;
    if (matched) return request.routeOptions.config.access !== 'public';
    return looksLikeApi(request.url);
  }

  isAuthenticated(request: FastifyRequest): boolean {
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    return this.tokenMatches(bearer) || this.tokenMatches(cookieValue(request.headers.cookie, AUTH_COOKIE));
  }

  setAuthCookie(reply: FastifyReply): void {
    reply.header('set-cookie', `${AUTH_COOKIE}=${encodeURIComponent(this.token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=31536000`);
  }
}
