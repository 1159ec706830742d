import { describe, expect, it } from 'vitest';
import { declaresDone, mentionedMembers } from './mentions.js';

const names = ['alpha', 'beta', 'Mod'];

describe('mentionedMembers', () => {
  it.each([
    ['@alpha please start', ['alpha']],
    ['@beta and @alpha, go', ['alpha', 'beta']],
    ['ask @ALPHA.', ['alpha']],
    ['(@beta) review', ['beta']],
    ['mail me at me@alpha.dev', []],
    ['@alphabet is not a member', []],
    ['@mod decide', ['Mod']],
    ['nobody here', []],
    ['@alpha @alpha twice', ['alpha']],
    ['@all go', ['alpha', 'beta']],
    ['@everyone and @Mod', ['alpha', 'beta', 'Mod']],
  ])('%s', (text, expected) => {
    expect(mentionedMembers(text, names, ['alpha', 'beta'])).toEqual(expected);
  });
});

describe('declaresDone', () => {
  it.each([
    ['DONE', true],
    ['All parts are in.\nDONE', true],
    ['**DONE** — the parser works', true],
    ['DONE: shipped', true],
    ['Not done yet, @alpha go on', false],
    ['I am DONE with part one', false],
    ['DONEISH', false],
  ])('%s', (text, expected) => {
    expect(declaresDone(text)).toBe(expected);
  });
});
