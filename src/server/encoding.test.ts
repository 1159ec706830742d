import { expect, it } from 'vitest';
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
