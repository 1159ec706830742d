import { describe, expect, it } from 'vitest';
import { SnapshotBuffer } from './snapshotBuffer.js';

describe('SnapshotBuffer', () => {
  it('lets pushes through while nothing loads', () => {
    const b = new SnapshotBuffer<string>();
    expect(b.hold('a')).toBe(false);
  });

  it('holds pushes while a load is in flight and hands them back in order when it ends', () => {
    const b = new SnapshotBuffer<string>();
    const t = b.begin();
    expect(b.hold('a')).toBe(true);
    expect(b.hold('b')).toBe(true);
    expect(b.end(t)).toEqual(['a', 'b']);
    expect(b.hold('c')).toBe(false);
    expect(b.end(t)).toEqual([]);
  });

  it('keeps holding until the last of several loads ends', () => {
    const b = new SnapshotBuffer<string>();
    const first = b.begin();
    b.hold('a');
    const second = b.begin();
    b.hold('b');
    expect(b.end(second)).toEqual([]);
    expect(b.hold('c')).toBe(true);
    expect(b.isCurrent(first)).toBe(true);
    expect(b.end(first)).toEqual(['a', 'b', 'c']);
  });

  it('a replacing load makes the older one stale and drops what was held for it', () => {
    const b = new SnapshotBuffer<string>();
    const old = b.begin(true);
    b.hold('before the new request');
    const fresh = b.begin(true);
    b.hold('after it');
    expect(b.isCurrent(old)).toBe(false);
    expect(b.end(old)).toEqual([]);
    expect(b.hold('still loading')).toBe(true);
    expect(b.end(fresh)).toEqual(['after it', 'still loading']);
  });

  it('clear forgets loads and held pushes', () => {
    const b = new SnapshotBuffer<string>();
    const t = b.begin();
    b.hold('a');
    b.clear();
    expect(b.isCurrent(t)).toBe(false);
    expect(b.end(t)).toEqual([]);
    expect(b.hold('b')).toBe(false);
  });
});
