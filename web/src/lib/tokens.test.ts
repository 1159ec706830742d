// Cases for mention/slash detection at the caret, insertion, suggestions and queue moves.
import { describe, expect, it } from 'vitest';
import type { PromptId } from '../../../src/shared/ids.js';
import type { Attachment, Prompt, SlashPrompt } from '../../../src/shared/schemas.js';
import { snippetOf } from '../components/SessionListItem.js';
import { isEditable, movedOrder, trayItems } from './queue.js';
import { mentionSuggestions, slashSuggestions } from './suggestions.js';
import { activeToken, insertAt, mentionText, replaceToken } from './tokens.js';

describe('activeToken', () => {
  const cases: [string, number | null, ReturnType<typeof activeToken>][] = [
    ['@', null, { trigger: '@', start: 0, query: '' }],
    ['see @rep', null, { trigger: '@', start: 4, query: 'rep' }],
    ['(@rep', null, { trigger: '@', start: 1, query: 'rep' }],
    ['mail a@b', null, null],
    ['/', null, { trigger: '/', start: 0, query: '' }],
    ['do /fi', null, { trigger: '/', start: 3, query: 'fi' }],
    ['path a/b', null, null],
    ['cd /usr/bin', null, null],
    ['/fix it', null, null],
    ['/fix it', 4, { trigger: '/', start: 0, query: 'fix' }],
    ['hello', null, null],
    ['line\n@a', null, { trigger: '@', start: 5, query: 'a' }],
  ];
  it.each(cases)('%j at %s', (text, caret, expected) => {
    expect(activeToken(text, caret ?? text.length)).toEqual(expected);
  });
});

describe('insertion', () => {
  it('replaces the typed word with the chosen mention and moves the caret after it', () => {
    const text = 'look at @rep please';
    const token = activeToken(text, 12);
    expect(token).not.toBeNull();
    const out = replaceToken(text, token!, 12, mentionText('report.pdf', text.slice(12)));
    expect(out.text).toBe('look at @report.pdf please');
    expect(out.caret).toBe('look at @report.pdf'.length);
  });

  it('adds a trailing space at the end of the text', () => {
    expect(mentionText('a.png', '')).toBe('@a.png ');
  });

  it('replaces a slash word with the prompt text', () => {
    const token = activeToken('/rev', 4)!;
    expect(replaceToken('/rev', token, 4, 'Review the diff.').text).toBe('Review the diff.');
  });

  it('inserts a mention from a button with a separating space', () => {
    expect(insertAt('hello', 5, 'a.png')).toEqual({ text: 'hello @a.png ', caret: 13 });
    expect(insertAt('', 0, 'a.png')).toEqual({ text: '@a.png ', caret: 7 });
  });
});

const att = (name: string) => ({ id: name, name }) as unknown as Attachment;
const prompt = (name: string) => ({ id: name, name, content: `${name} text` }) as unknown as SlashPrompt;

describe('suggestions', () => {
  it('matches attachments by substring, prefix matches first', () => {
    const list = [att('my-report.pdf'), att('report.png'), att('notes.txt')];
    expect(mentionSuggestions('rep', list).map((a) => a.name)).toEqual(['report.png', 'my-report.pdf']);
    expect(mentionSuggestions('', list)).toHaveLength(3);
  });

  it('matches slash prompts by prefix only, and an exact name does not expand anything', () => {
    const list = [prompt('a'), prompt('api'), prompt('review')];
    expect(slashSuggestions('a', list).map((p) => p.name)).toEqual(['a', 'api']);
    expect(slashSuggestions('ap', list).map((p) => p.name)).toEqual(['api']);
    expect(slashSuggestions('x', list)).toEqual([]);
  });
});

const item = (id: string, position: number, state: Prompt['state'] = 'queued') => ({ id, position, state }) as unknown as Prompt;

describe('queue moves', () => {
  const queue = [item('h', 0, 'handing'), item('a', 1), item('b', 2), item('c', 3)];
  it('moves a queued prompt up or down among queued ones only', () => {
    expect(movedOrder(queue, 'b' as PromptId, -1)).toEqual(['b', 'a', 'c']);
    expect(movedOrder(queue, 'b' as PromptId, 1)).toEqual(['a', 'c', 'b']);
  });
  it('refuses moves past the ends or of items being delivered', () => {
    expect(movedOrder(queue, 'a' as PromptId, -1)).toBeNull();
    expect(movedOrder(queue, 'c' as PromptId, 1)).toBeNull();
    expect(movedOrder(queue, 'h' as PromptId, 1)).toBeNull();
  });
  it('treats only queued items as editable', () => {
    expect(['queued', 'handing', 'handed', 'delivered'].map((state) => isEditable({ state } as Prompt))).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });
});

describe('trayItems', () => {
  it('hides prompts Codex already has once the timeline shows them, keeps ones still being handed over', () => {
    const queue = [item('handed', 0, 'handed'), item('handing', 1, 'handing'), item('q', 2)];
    expect(trayItems(queue, [{ promptId: 'handed' }, { promptId: null }]).map((i) => i.id)).toEqual(['handing', 'q']);
  });
});

describe('snippetOf', () => {
  it('turns a Markdown conclusion into a plain preview line', () => {
    expect(snippetOf('## Done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] lexer\n\n```ts\nx\n```\n\n$$\nE\n$$')).toBe(
      'Done a b 1 2 - lexer E',
    );
  });
});
