import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { matchExpression, parseSearch, searchExpressions } from './query.js';
import { fold, matcherFor, snippetOf } from './snippet.js';

describe('search text', () => {
  it('turns words, prefixes and phrases into quoted FTS5 terms', () => {
    expect(matchExpression('deploy scr')).toBe('"deploy" AND "scr"*');
    expect(matchExpression('deploy scr ')).toBe('"deploy" AND "scr"');
    expect(matchExpression('dep* "exact phrase"')).toBe('"dep"* AND "exact phrase"');
    expect(matchExpression('a"b', 'commands')).toBe('{commands} : ("a""b"*)');
    expect(matchExpression('  " " *** ')).toBeNull();
    expect(parseSearch('"unclosed phrase')).toEqual([{ text: 'unclosed phrase', phrase: true, prefix: false }]);
  });

  it('takes a last word shorter than three characters as typed, and offers the typed word exact as well', () => {
    expect(matchExpression('deploy sc')).toBe('"deploy" AND "sc"');
    expect(matchExpression('sc*')).toBe('"sc"*');
    expect(searchExpressions('deploy scr')).toEqual({ match: '"deploy" AND "scr"*', exact: '"deploy" AND "scr"' });
    expect(searchExpressions('deploy scr*')).toEqual({ match: '"deploy" AND "scr"*', exact: null });
    expect(searchExpressions('scr', 'prompts')).toEqual({ match: '{prompts} : ("scr"*)', exact: '{prompts} : ("scr")' });
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

  it('marks the matched words in a window around the first one, folding case and accents', () => {
    expect(fold('Café')).toBe('cafe');
    const m = matcherFor('cafe deplo');
    expect(snippetOf('We fixed the CAFÉ deploy script.', m)).toEqual([
      { text: 'We fixed the ', hit: false },
      { text: 'CAFÉ', hit: true },
      { text: ' ', hit: false },
      { text: 'deploy', hit: true },
      { text: ' script.', hit: false },
    ]);
    const long = `${'word '.repeat(50)}needle ${'tail '.repeat(50)}`;
    const parts = snippetOf(long, matcherFor('needle '));
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['needle']);
    expect(parts[0]?.text.startsWith('…')).toBe(true);
    expect(parts[parts.length - 1]?.text.endsWith('…')).toBe(true);
    expect(
      parts
        .map((p) => p.text)
        .join('')
        .split(/\s+/).length,
    ).toBeLessThan(30);
  });
});
