import { describe, expect, it } from 'vitest';
import { findMentions, withAttachmentPaths } from './mentions.js';

const files = [{ name: 'a.png' }, { name: 'a.png.bak' }, { name: 'notes v2.md' }, { name: 'data.csv' }];

describe('findMentions', () => {
  it('finds names at word starts, in order of appearance', () => {
    expect(findMentions('see @data.csv and @a.png.', files).map((f) => f.name)).toEqual(['data.csv', 'a.png']);
  });
  it('prefers the longest matching name', () => {
    expect(findMentions('@a.png.bak please', files).map((f) => f.name)).toEqual(['a.png.bak']);
  });
  it('accepts names with spaces', () => {
    expect(findMentions('read @notes v2.md', files).map((f) => f.name)).toEqual(['notes v2.md']);
  });
  it('ignores e-mail-like text and unknown names', () => {
    expect(findMentions('mail me@a.png or @other.txt', files)).toEqual([]);
  });
});

describe('withAttachmentPaths', () => {
  it('keeps the text and appends one path line per mention', () => {
    const out = withAttachmentPaths('look at @a.png', [{ id: 'x' as never, name: 'a.png', path: '/d/a.png', mimeType: 'image/png' }]);
    expect(out).toBe('look at @a.png\n\nAttachment file paths:\n- @a.png: /d/a.png');
  });
  it('returns the text unchanged without mentions', () => {
    expect(withAttachmentPaths('plain', [])).toBe('plain');
  });
});
