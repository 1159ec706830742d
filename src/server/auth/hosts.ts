// Which Host and Origin headers each listener answers to, and whether a request is really from this computer. Pure
// rules on header values; the guard (security.ts) applies them. Nothing here widens a list on its own: a name is
// accepted only because it is loopback, the address the person told us to listen on, or one they named.
import { isIP, isIPv4 } from 'node:net';
import { networkInterfaces } from 'node:os';

/** Real loopback addresses and `localhost` only: a name such as `127.0.0.1.nip.io` resolves anywhere DNS says. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || (isIPv4(host) && host.startsWith('127.'));
}

export function isWildcardHost(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/** A host name the person named in CODEX_PRO_MAX_ALLOWED_HOSTS, with the port it must come with (null: any). */
export interface AllowedHost {
  name: string;
  port: number | null;
}

/** Splits a Host header (or an Origin's authority) into a lowercase name and a port; IPv6 names keep their brackets. */
export function splitHost(host: string): { name: string; port: number | null } {
  const lower = host.trim().toLowerCase();
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d{1,5}))?$/.exec(lower);
  if (!match) return { name: lower, port: null };
  return { name: match[1] ?? '', port: match[2] === undefined ? null : Number(match[2]) };
}

/**
 * Reads CODEX_PRO_MAX_ALLOWED_HOSTS: host names separated by commas or spaces, each optionally with `:port`. Anything
 * wider than one exact name (`*`, `.example.com`, `true`, `all`) is refused: the list exists to accept exactly the
 * name a proxy serves, and a pattern would let a DNS-rebinding page in again.
 */
export function parseAllowedHosts(raw: string | undefined): AllowedHost[] {
  if (!raw?.trim()) return [];
  return raw
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const { name, port } = splitHost(entry.replace(/^https?:\/\//i, '').replace(/\/+$/, ''));
      if (
        !/^(\[[0-9a-f:.]+\]|[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*)$/.test(name) ||
        ['true', 'all'].includes(name)
      ) {
        throw new Error(
          `CODEX_PRO_MAX_ALLOWED_HOSTS: "${entry}" is not a single host name. Name each host exactly (for example my-computer.tail1234.ts.net); patterns such as * or .example.com are not accepted.`,
        );
      }
      return { name, port };
    });
}

/** True when `host` (a Host header, or an Origin's authority) is one of the named hosts, with its port if one was named. */
export function isAllowedName(host: string, allowed: readonly AllowedHost[]): boolean {
  const { name, port } = splitHost(host);
  return allowed.some((a) => a.name === name && (a.port === null || a.port === port));
}

/** The authority of `address` on `port`, as a browser writes it in Host and Origin. */
export function authority(address: string, port: number): string {
  return `${address.includes(':') && !address.startsWith('[') ? `[${address}]` : address}:${port}`;
}

/** The addresses a listener on `bindHost` can be reached at: that one, or for 0.0.0.0 / :: every address this computer has. */
export function addressesOf(bindHost: string): string[] {
  if (!isWildcardHost(bindHost)) return [bindHost];
  const all = Object.values(networkInterfaces())
    .flat()
    .filter((i) => i !== undefined)
    .filter((i) => (bindHost === '0.0.0.0' ? i.family === 'IPv4' : true))
    .map((i) => i.address);
  return [...new Set(all)];
}

/** The address worth putting in a link for another device: the bind address, or the first non-loopback one behind a wildcard. */
export function linkAddress(bindHost: string): string {
  if (!isWildcardHost(bindHost)) return bindHost;
  return addressesOf(bindHost).find((a) => isIP(a) === 4 && !isLoopbackHost(a)) ?? '127.0.0.1';
}

/** Headers a proxy adds. A request that carries one came through a proxy, whatever address it arrived from. */
export const PROXY_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip'] as const;
