import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { matchExpression, parseSearch } from './query.js';
import { snippetParts } from './reader.js';

describe('search text', () => {
  it('turns words, prefixes and phrases into quoted FTS5 terms', () => {
    expect(matchExpression('deploy scr')).toBe('"deploy" AND "scr"*');
    expect(matchExpression('deploy scr ')).toBe('"deploy" AND "scr"');
    expect(matchExpression('dep* "exact phrase"')).toBe('"dep"* AND "exact phrase"');
    expect(matchExpression('a"b', 'commands')).toBe('{commands} : ("a""b"*)');
    expect(matchExpression('  " " *** ')).toBeNull();
    expect(parseSearch('"unclosed phrase')).toEqual([{ text: 'unclosed phrase', phrase: true, prefix: false }]);
  });

  it('never lets typed text reach FTS5 syntax', () => {
    const db = new Database(':memory:');
    db.exec('CREATE VIRTUAL TABLE d USING fts5(title, prompts, messages, commands, files)');
    db.prepare('INSERT INTO d (prompts) VALUES (?)').run('fix NEAR(x) AND the (build) {files}: now');
    for (const q of ['NEAR(', 'AND', 'OR NOT', '(build)', '{files}:', '"', 'x*y', '^fix', 'prompts:fix', '-fix']) {
      expect(() => db.prepare('SELECT count(*) FROM d WHERE d MATCH ?').get(matchExpression(q) ?? '""'), q).not.toThrow();
    }
    expect(db.prepare('SELECT count(*) AS n FROM d WHERE d MATCH ?').get(matchExpression('(build)'))).toEqual({ n: 1 });
  });

  it('splits a marked snippet into plain and matched pieces', () => {
    expect(snippetParts('a \u0002b\u0003 c\n d \u0002e')).toEqual([
      { text: 'a ', hit: false },
      { text: 'b', hit: true },
      { text: ' c d ', hit: false },
      { text: 'e', hit: true },
    ]);
  });
});
