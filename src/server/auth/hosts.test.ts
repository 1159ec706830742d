import { describe, expect, it } from 'vitest';
import { isAllowedName, parseAllowedHosts, splitHost } from './hosts.js';

describe('CODEX_PRO_MAX_ALLOWED_HOSTS', () => {
  it('reads exact names, with an optional port, in any case', () => {
    expect(parseAllowedHosts(' My-PC.tail1234.ts.net, other.example:8443 https://third.example/ ')).toEqual([
      { name: 'my-pc.tail1234.ts.net', port: null },
      { name: 'other.example', port: 8443 },
      { name: 'third.example', port: null },
    ]);
    expect(parseAllowedHosts(undefined)).toEqual([]);
    expect(parseAllowedHosts('  ')).toEqual([]);
  });

  it('refuses anything wider than one name', () => {
    for (const raw of ['*', '.example.com', '*.ts.net', 'true', 'all', 'a b/c', 'exa mple?']) {
      expect(() => parseAllowedHosts(raw), raw).toThrow(/not a single host name/);
    }
  });

  it('matches the name exactly, and the port when one was named', () => {
    const allowed = parseAllowedHosts('my-pc.tail1234.ts.net,other.example:8443');
    for (const host of ['my-pc.tail1234.ts.net', 'MY-PC.tail1234.ts.net:443', 'other.example:8443'])
      expect(isAllowedName(host, allowed), host).toBe(true);
    for (const host of [
      'x.my-pc.tail1234.ts.net',
      'my-pc.tail1234.ts.net.evil',
      'tail1234.ts.net',
      'other.example',
      'other.example:443',
      '',
    ]) {
      expect(isAllowedName(host, allowed), host).toBe(false);
    }
    expect(splitHost('[::1]:53128')).toEqual({ name: '[::1]', port: 53128 });
  });
});
