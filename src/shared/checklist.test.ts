import { describe, expect, it } from 'vitest';
import { splitChecklist } from './checklist.js';

describe('splitChecklist', () => {
  const cases: [string, string, string[] | null, string | null][] = [
    ['task list', '- [ ] add tests\n- [ ] fix lint\n- [ ] ship', ['add tests', 'fix lint', 'ship'], null],
    ['ticked items skipped', '- [x] done\n- [ ] a\n- [X] also done\n- [ ] b', ['a', 'b'], null],
    ['plain bullets', '* one\n* two', ['one', 'two'], null],
    ['numbered', '1. first\n2) second\n3. third', ['first', 'second', 'third'], null],
    ['intro kept apart', 'Please do:\n\n- a\n- b', ['a', 'b'], 'Please do:'],
    ['nested lines stay with their item', '- a\n  - a.1\n  more a\n- b', ['a\n- a.1\nmore a', 'b'], null],
    ['indented list', '  - a\n  - b', ['a', 'b'], null],
    ['one item is not a checklist', '- only one', null, null],
    ['prose is not a checklist', 'just a prompt\nwith lines', null, null],
    ['prose after the list', '- a\n- b\n\nthen explain why', null, null],
    ['all ticked', '- [x] a\n- [x] b', null, null],
    ['windows newlines', '- a\r\n- b\r\n', ['a', 'b'], null],
  ];
  it.each(cases)('%s', (_name, text, items, intro) => {
    const split = splitChecklist(text);
    if (items === null) expect(split).toBeNull();
    else {
      expect(split?.items).toEqual(items);
      expect(split?.intro).toBe(intro);
    }
  });

  it('counts skipped items', () => {
    expect(splitChecklist('- [x] a\n- [ ] b\n- [ ] c')?.skipped).toBe(1);
  });
});
