import { describe, expect, it } from 'vitest';
import { FOLD_CHARS, FOLD_LINES, foldPrompt } from './foldPrompt.js';

const lines = (n: number, width = 10) => Array.from({ length: n }, (_, i) => `${i}`.padEnd(width, 'x')).join('\n');

describe('foldPrompt', () => {
  it('leaves short prompts whole', () => {
    expect(foldPrompt('Fix the bug')).toBeNull();
    expect(foldPrompt(lines(FOLD_LINES))).toBeNull();
  });

  it('shows the first lines of a long prompt and counts the rest', () => {
    const folded = foldPrompt(lines(1000));
    expect(folded?.preview).toBe(lines(FOLD_LINES));
    expect(folded?.hiddenLines).toBe(1000 - FOLD_LINES);
  });

  it('cuts a prompt of few but very long lines at a line end near the limit', () => {
    const text = lines(10, 400);
    const folded = foldPrompt(text);
    expect(folded?.preview.length).toBeLessThanOrEqual(FOLD_CHARS);
    expect(text.startsWith(folded?.preview ?? '-')).toBe(true);
    expect(folded?.preview.endsWith('x')).toBe(true);
    expect((folded?.preview.split('\n').length ?? 0) + (folded?.hiddenLines ?? 0)).toBe(10);
  });

  it('cuts one huge line inside it, marked with an ellipsis', () => {
    const folded = foldPrompt('y'.repeat(200_000));
    expect(folded?.preview).toBe(`${'y'.repeat(FOLD_CHARS)}…`);
    expect(folded?.hiddenLines).toBe(1);
  });
});
