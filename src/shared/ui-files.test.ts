import { expect, it } from 'vitest';
import { compressible } from './ui-files.js';

it('compresses text, scripts, styles and svg, not fonts or images compressed already', () => {
  for (const t of ['text/html; charset=utf-8', 'text/javascript; charset=utf-8', 'text/css; charset=utf-8', 'image/svg+xml'])
    expect([t, compressible(t)]).toEqual([t, true]);
  for (const t of ['font/woff2', 'image/png', 'audio/mpeg', 'application/octet-stream']) expect([t, compressible(t)]).toEqual([t, false]);
});
