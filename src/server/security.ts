// Who may talk to the server: Host names we answer to (loopback, the remote listener's address, the names the person
// allowed; DNS rebinding), our own Origins only, and a credential: the owner's token, or a paired device's cookie.
// The token check runs on the route the router chose, never on the raw URL: the router decodes and normalises
// the path, so any check of the raw text can be spelled around (`/%61pi/…`, absolute-form targets).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { posix } from 'node:path';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Forbidden, Unauthorized } from '../errors.js';
import type { Caller } from '../shared/devices.js';
import type { DeviceRegistry } from './auth/devices.js';
import { type AllowedHost, addressesOf, authority, isAllowedName, isLoopbackHost, PROXY_HEADERS, splitHost } from './auth/hosts.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `'public'` opens a route to callers without a credential; a route that says nothing needs one. */
    access?: 'public';
  }
}

/** Route options for the few routes anyone on loopback may call. */
export const PUBLIC_ROUTE = { config: { access: 'public' as const } };

export const AUTH_COOKIE = 'cpm_token';
/** The paired device's cookie; its value is the device token (only its hash is stored). */
export const DEVICE_COOKIE = 'cpm_device';
const LOGIN_CODE_TTL_MS = 10 * 60_000;
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];
// Chrome keeps a cookie at most 400 days whatever Max-Age says.
const DEVICE_COOKIE_MAX_AGE_S = 400 * 24 * 3600;

export { isLoopbackHost };

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

/** Which listener a request came in on: the loopback ones (API and UI), or the one for other devices (`--allow-remote`). */
export type Listener = 'local' | 'remote';

export interface GuardOptions {
  /** Host names a proxy in front of the loopback port serves (CODEX_PRO_MAX_ALLOWED_HOSTS). */
  allowedHosts?: readonly AllowedHost[];
  /** Paired devices; without it only the owner's token is a credential. */
  devices?: DeviceRegistry;
}

interface Seen {
  listener: Listener;
  caller: Caller | null;
}

export class AccessGuard {
  private readonly loginCodes = new Map<string, number>();
  private hosts = new Set<string>();
  private remoteHosts = new Set<string>();
  private origins = new Set<string>();
  private remoteOrigins = new Set<string>();
  private remoteScheme: 'https' | 'http' = 'https';
  private readonly seen = new WeakMap<FastifyRequest, Seen>();
  private readonly allowed: readonly AllowedHost[];
  /** The owner's token as bytes, made once: every request compares against it. */
  private readonly tokenBytes: Buffer;

  constructor(
    private readonly token: string,
    private readonly bindHost: string,
    private readonly options: GuardOptions = {},
  ) {
    this.allowed = options.allowedHosts ?? [];
    this.tokenBytes = Buffer.from(token);
  }

  /** Called once the loopback ports are known (0 means "any free port" until then). */
  setPorts(ports: number[]): void {
    const names = new Set(LOOPBACK_NAMES);
    if (!isLoopbackHost(this.bindHost) && this.bindHost !== '0.0.0.0' && this.bindHost !== '::') {
      names.add(this.bindHost.includes(':') ? `[${this.bindHost}]` : this.bindHost);
    }
    this.hosts = new Set([...names].flatMap((n) => ports.map((p) => `${n}:${p}`)));
    this.origins = new Set([...this.hosts].map((h) => `http://${h}`));
  }

  /** Called once the listener for other devices is up: it answers to its own address (every address, for 0.0.0.0). */
  setRemote(bindHost: string, port: number, scheme: 'https' | 'http'): void {
    this.remoteHosts = new Set(addressesOf(bindHost).map((a) => authority(a, port)));
    this.remoteOrigins = new Set([...this.remoteHosts].map((h) => `${scheme}://${h}`));
    this.remoteScheme = scheme;
  }

  tokenMatches(candidate: string | null | undefined): boolean {
    if (!candidate) return false;
    const a = Buffer.from(candidate);
    return a.length === this.tokenBytes.length && timingSafeEqual(a, this.tokenBytes);
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

  /** The onRequest check: throws 403 for a foreign Host/Origin, 401 for a missing credential on the API. */
  check(request: FastifyRequest, listener: Listener = 'local'): void {
    const host = request.headers.host?.toLowerCase();
    const known = listener === 'remote' ? this.remoteHosts : this.hosts;
    if (!host || !(known.has(host) || isAllowedName(host, this.allowed))) {
      throw new Forbidden(
        `Requests must address this server by a loopback name such as 127.0.0.1, its own address, or a name listed in CODEX_PRO_MAX_ALLOWED_HOSTS (got Host "${host ?? ''}"). This blocks DNS-rebinding attacks.`,
      );
    }
    const origin = request.headers.origin;
    if (origin !== undefined && !this.originAllowed(origin.toLowerCase())) {
      throw new Forbidden(`Requests from the web page at "${origin}" are not allowed. Only the Codex Pro Max page may call this server.`);
    }
    if (request.headers['sec-fetch-site'] === 'cross-site') {
      throw new Forbidden('Cross-site requests are not allowed.');
    }
    const seen: Seen = { listener, caller: this.credential(request) };
    this.seen.set(request, seen);
    if (!this.needsCredential(request) || seen.caller) return;
    throw new Unauthorized();
  }

  private originAllowed(origin: string): boolean {
    if (this.origins.has(origin) || this.remoteOrigins.has(origin)) return true;
    // A proxy's name is reached over HTTPS only (the browser would not send the Secure device cookie otherwise).
    return origin.startsWith('https://') && isAllowedName(origin.slice('https://'.length), this.allowed);
  }

  /** A matched route needs a credential unless it is declared public; an unmatched one when it reads as an API call. */
  private needsCredential(request: FastifyRequest): boolean {
    const matched = request.routeOptions.url !== undefined;
    if (matched) return request.routeOptions.config.access !== 'public';
    return looksLikeApi(request.url);
  }

  /** The owner (token in a Bearer header or the login cookie), a paired device (its cookie), or nobody. */
  private credential(request: FastifyRequest): Caller | null {
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : null;
    if (this.tokenMatches(bearer) || this.tokenMatches(cookieValue(request.headers.cookie, AUTH_COOKIE))) return { kind: 'owner' };
    const devices = this.options.devices;
    const device = devices?.byToken(cookieValue(request.headers.cookie, DEVICE_COOKIE));
    if (!device || !devices) return null;
    devices.touch(device, clientAddress(request));
    return { kind: 'device', deviceId: device.id };
  }

  /** Who made this request, as the check found it (null: no credential). */
  callerOf(request: FastifyRequest): Caller | null {
    const seen = this.seen.get(request);
    return seen ? seen.caller : this.credential(request);
  }

  isAuthenticated(request: FastifyRequest): boolean {
    return this.callerOf(request) !== null;
  }

  /**
   * True only for a request from this computer: on a loopback listener, from a loopback address, naming a loopback
   * host, with no proxy header. Behind Tailscale Serve or any reverse proxy every request arrives from 127.0.0.1, so
   * the address alone proves nothing.
   */
  isFromThisComputer(request: FastifyRequest): boolean {
    if ((this.seen.get(request)?.listener ?? 'local') !== 'local') return false;
    if (PROXY_HEADERS.some((name) => request.headers[name] !== undefined)) return false;
    const host = request.headers.host;
    return host !== undefined && isLoopbackHost(splitHost(host).name) && isLoopbackHost(request.socket.remoteAddress ?? '');
  }

  /**
   * Whether the device cookie gets Secure: always, except on a remote listener the person started as plain HTTP on
   * purpose, where a browser would drop a Secure cookie and pairing could never work. On http://127.0.0.1 Chromium and
   * Firefox keep Secure cookies (loopback counts as a secure context).
   */
  deviceCookieSecure(request: FastifyRequest): boolean {
    return !((this.seen.get(request)?.listener ?? 'local') === 'remote' && this.remoteScheme === 'http');
  }

  setAuthCookie(reply: FastifyReply): void {
    reply.header('set-cookie', `${AUTH_COOKIE}=${encodeURIComponent(this.token)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=31536000`);
  }

  /** The device's own cookie, long-lived; HttpOnly and SameSite=Strict like the owner's, Secure as deviceCookieSecure says. */
  setDeviceCookie(reply: FastifyReply, token: string, secure: boolean): void {
    const flags = `HttpOnly;${secure ? ' Secure;' : ''} SameSite=Strict; Path=/; Max-Age=${DEVICE_COOKIE_MAX_AGE_S}`;
    reply.header('set-cookie', `${DEVICE_COOKIE}=${encodeURIComponent(token)}; ${flags}`);
  }
}

/** The address shown in the device list: the socket's, and what a proxy says it forwarded for (shown, never trusted). */
export function clientAddress(request: FastifyRequest): string | null {
  const socket = request.socket.remoteAddress ?? null;
  const forwarded = request.headers['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first ? `${first.slice(0, 64)} (through a proxy)` : socket;
}
