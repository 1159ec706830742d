// A live prompt as `turn/start` input: its text (which already names every mentioned file by its absolute path),
// then each image as a local-image item, the New session dialog's images first.
import { describe, expect, it } from 'vitest';
import type { DeliveredPrompt } from '../../shared/schemas.js';
import { inputOf } from './prompts.js';

const prompt = (attachments: DeliveredPrompt['attachments']): DeliveredPrompt => ({
  id: 'p1' as DeliveredPrompt['id'],
  text: 'look at @shot.png and @notes.txt',
  content: 'look at @shot.png and @notes.txt\n\nAttachment file paths:\n- @shot.png: /a/shot.png\n- @notes.txt: /a/notes.txt',
  attachments,
});

describe('inputOf', () => {
  it('sends images as local-image items and other files only as the paths in the text', () => {
    const p = prompt([
      { id: 'a1' as never, name: 'shot.png', path: '/a/shot.png', mimeType: 'image/png' },
      { id: 'a2' as never, name: 'notes.txt', path: '/a/notes.txt', mimeType: 'text/plain' },
    ]);
    expect(inputOf(p, ['/chosen/first.jpg'])).toEqual([
      { type: 'text', text: p.content, text_elements: [] },
      { type: 'localImage', path: '/chosen/first.jpg' },
      { type: 'localImage', path: '/a/shot.png' },
    ]);
  });

  it('is the text alone without images', () => {
    expect(inputOf(prompt([]))).toEqual([{ type: 'text', text: prompt([]).content, text_elements: [] }]);
  });
});
