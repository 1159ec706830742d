import { describe, expect, it } from 'vitest';
import { canonicalPath, isLoopbackHost, looksLikeApi } from './security.js';

describe('isLoopbackHost', () => {
  it('accepts only real loopback addresses and localhost', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['127.0.0.1.nip.io', '127.evil.example', '127.0.0.1x', '0.0.0.0', '::', '10.0.0.1', 'localhost.example', '']) {
      expect(isLoopbackHost(host), host).toBe(false);
    }
  });
});

describe('canonicalPath', () => {
  it('reads a path the way a lenient router would', () => {
    expect(canonicalPath('/%61pi/sessions?x=1')).toBe('/api/sessions');
    expect(canonicalPath('http://127.0.0.1:53128/api/sessions')).toBe('/api/sessions');
    expect(canonicalPath('//api/./x/../sessions')).toBe('/api/sessions');
    expect(canonicalPath('/api./sessions;jsessionid=1')).toBe('/api/sessions');
    expect(canonicalPath('/%zz/%61pi')).toBe('/%zz/api');
    expect(canonicalPath('/assets/Index-AbC.js')).toBe('/assets/Index-AbC.js');
  });

  it('recognises API calls in any case, and nothing else', () => {
    for (const url of ['/API/sessions', '/Api', '/%41PI/x', '\\api\\x']) expect(looksLikeApi(url), url).toBe(true);
    for (const url of ['/', '/apis', '/assets/api.js', '/sessions/api']) expect(looksLikeApi(url), url).toBe(false);
  });
});
