import { expect, it } from 'vitest';
import { compressible, uiFileType } from '../shared/ui-files.js';
import { pickEncoding } from './encoding.js';

it.each([
  [undefined, null],
  ['', null],
  ['identity', null],
  ['gzip', 'gzip'],
  ['gzip, deflate, br', 'br'],
  ['br;q=0, gzip', 'gzip'],
  ['BR;Q=0.5', 'br'],
  ['*', 'br'],
  ['*;q=0', null],
  ['gzip;q=0, *', 'br'],
] as const)('Accept-Encoding %j picks %j', (header, expected) => {
  expect(pickEncoding(header)).toBe(expected);
});

it('compresses text, scripts, styles and svg, not fonts or images compressed already', () => {
  for (const t of ['text/html; charset=utf-8', 'text/javascript; charset=utf-8', 'text/css; charset=utf-8', 'image/svg+xml'])
    expect([t, compressible(t)]).toEqual([t, true]);
  for (const t of ['font/woff2', 'image/png', 'audio/mpeg', 'application/octet-stream']) expect([t, compressible(t)]).toEqual([t, false]);
});
