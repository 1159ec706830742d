// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { followOnScreenKeyboard, keyboardFreeHeight } from './keyboard.js';

describe('keyboardFreeHeight', () => {
  it.each([
    ['nothing over the page', 844, { height: 844, scale: 1, offsetTop: 0 }, null],
    ['a keyboard over the lower part', 844, { height: 508, scale: 1, offsetTop: 0 }, 508],
    ['a keyboard, page panned up by Safari', 844, { height: 508, scale: 1, offsetTop: 120 }, 628],
    ['pinch zoom only', 844, { height: 422, scale: 2, offsetTop: 0 }, null],
    ['a thin bar (address bar animating)', 844, { height: 790, scale: 1, offsetTop: 0 }, null],
  ])('%s', (_name, layout, visual, expected) => {
    expect(keyboardFreeHeight(layout, visual)).toBe(expected);
  });
});

describe('followOnScreenKeyboard', () => {
  it('sizes the app to the visible part while a keyboard covers it, and lets go after', () => {
    const viewport = Object.assign(new EventTarget(), { height: 844, scale: 1, offsetTop: 0 });
    const win = { innerHeight: 844, visualViewport: viewport, document } as unknown as Window;
    const stop = followOnScreenKeyboard(win);
    const value = () => document.documentElement.style.getPropertyValue('--cpm-app-height');
    expect(value()).toBe('');
    viewport.height = 508;
    viewport.dispatchEvent(new Event('resize'));
    expect(value()).toBe('508px');
    viewport.height = 844;
    viewport.dispatchEvent(new Event('resize'));
    expect(value()).toBe('');
    stop();
  });
});
