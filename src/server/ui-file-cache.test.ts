import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UiFileCache } from './ui-file-cache.js';

describe('UiFileCache', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cpm-ui-cache-'));
    mkdirSync(join(root, 'assets'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('reads a hashed asset from disk once and then from memory', async () => {
    const asset = join(root, 'assets', 'index-abc123.js');
    writeFileSync(asset, 'console.log(1)');
    const cache = new UiFileCache(root);
    expect(String(await cache.read(asset))).toBe('console.log(1)');
    rmSync(asset);
    expect(String(await cache.read(asset))).toBe('console.log(1)');
    expect(cache.size).toBe('console.log(1)'.length);
  });

  it('reads a file outside assets/ again when a rebuild rewrote it in place', async () => {
    const index = join(root, 'index.html');
    writeFileSync(index, '<p>old build</p>');
    const cache = new UiFileCache(root);
    expect(String(await cache.read(index))).toBe('<p>old build</p>');
    writeFileSync(index, '<p>new build, longer</p>');
    expect(String(await cache.read(index))).toBe('<p>new build, longer</p>');
    // Same size, a later modification time: still seen.
    writeFileSync(index, '<p>newer build, longer</p>'.slice(0, '<p>new build, longer</p>'.length));
    const later = new Date(Date.now() + 5_000);
    utimesSync(index, later, later);
    expect(String(await cache.read(index))).toBe('<p>newer build, longer</p>'.slice(0, '<p>new build, longer</p>'.length));
    expect(cache.size).toBe('<p>new build, longer</p>'.length);
  });

  it('answers null for a missing file, and for a file removed outside assets/', async () => {
    const cache = new UiFileCache(root);
    expect(await cache.read(join(root, 'assets', 'gone.js.br'))).toBeNull();
    const worker = join(root, 'sw.js');
    writeFileSync(worker, 'self.x = 1');
    expect(String(await cache.read(worker))).toBe('self.x = 1');
    rmSync(worker);
    expect(await cache.read(worker)).toBeNull();
    expect(cache.size).toBe(0);
  });

  it('keeps no more than its budget, and still serves what it did not keep', async () => {
    const cache = new UiFileCache(root, 10);
    const small = join(root, 'assets', 'a-1.js');
    const large = join(root, 'assets', 'b-2.js');
    writeFileSync(small, '12345678');
    writeFileSync(large, 'more than the budget left');
    await cache.read(small);
    expect(String(await cache.read(large))).toBe('more than the budget left');
    expect(cache.size).toBe(8);
    rmSync(large);
    expect(await cache.read(large)).toBeNull();
  });
});
