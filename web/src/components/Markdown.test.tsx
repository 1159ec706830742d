// @vitest-environment happy-dom
// Markdown rendering: the features people rely on (GFM, code, math) and that nothing in a message can run script.
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown, preloadMarkdown } from './Markdown.js';
import { isSafeImageSrc } from './MarkdownBody.js';
import { needsOf } from './richPlugins.js';

afterEach(cleanup);

/** The renderer, highlighting and math load on first need (the real-Chromium test covers that); here they load first. */
const html = async (text: string) => {
  await preloadMarkdown(text);
  let container: HTMLElement | undefined;
  await act(async () => {
    container = render(<Markdown text={text} />).container;
  });
  return container as HTMLElement;
};

describe('Markdown safety', () => {
  it('never creates script elements or inline handlers from raw HTML', async () => {
    const c = await html('Hello <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned=2"> <b onclick="x()">bold</b>');
    expect(c.querySelector('script')).toBeNull();
    expect(c.querySelector('img')).toBeNull();
    expect(c.querySelector('[onclick],[onerror]')).toBeNull();
    expect(c.querySelector('b')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it('neutralises javascript:, vbscript: and data: links', async () => {
    const c = await html(
      '[a](javascript:alert(1)) [b](vbscript:msgbox) [c](data:text/html,<script>alert(1)</script>) [d](JaVaScRiPt:alert(1))',
    );
    for (const a of c.querySelectorAll('a')) {
      const href = a.getAttribute('href') ?? '';
      expect(href.toLowerCase()).not.toMatch(/^(javascript|vbscript|data):/);
    }
  });

  it('opens safe links in a new tab without an opener', async () => {
    const a = (await html('[docs](https://example.com/x)')).querySelector('a');
    expect(a?.getAttribute('href')).toBe('https://example.com/x');
    expect(a?.getAttribute('target')).toBe('_blank');
    expect(a?.getAttribute('rel')).toContain('noopener');
  });

  it('shows remote and SVG images as links, not images', async () => {
    const c = await html('![tracker](https://evil.example/p.png) ![svg](data:image/svg+xml;base64,PHN2Zz4=)');
    expect(c.querySelector('img')).toBeNull();
    expect(isSafeImageSrc('/api/sessions/x/attachments/y?inline=1')).toBe(true);
    expect(isSafeImageSrc('//evil.example/a.png')).toBe(false);
    expect(isSafeImageSrc('data:image/png;base64,AAAA')).toBe(true);
  });

  it('does not render iframes, objects or forms', async () => {
    const c = await html('<iframe src="/x"></iframe><object data="/y"></object><form action="/z"><input></form>');
    expect(c.querySelector('iframe, object, embed, form')).toBeNull();
  });
});

describe('Markdown features', () => {
  it('renders GFM tables and task lists', async () => {
    const c = await html('| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n- [ ] todo');
    expect(c.querySelectorAll('table td')).toHaveLength(2);
    const boxes = c.querySelectorAll('input[type="checkbox"]');
    expect(boxes).toHaveLength(2);
    expect((boxes[0] as HTMLInputElement).checked).toBe(true);
  });

  it('highlights fenced code with a language', async () => {
    const c = await html('```js\nconst x = 1;\n```');
    const code = c.querySelector('pre code');
    expect(code?.className).toContain('hljs');
    expect(code?.querySelector('.hljs-keyword')?.textContent).toBe('const');
  });

  it('highlights every later text too, in any language (one highlighter shared by all texts)', async () => {
    const later = await html('```python\ndef f():\n    return None\n```');
    expect(later.querySelector('pre code .hljs-keyword')?.textContent).toBe('def');
    const again = await html('```ts\nlet y = 2;\n```');
    expect(again.querySelector('pre code .hljs-keyword')?.textContent).toBe('let');
  });

  it('renders math with KaTeX', async () => {
    const c = await html('Inline $a^2+b^2$ and\n\n$$\n\\int_0^1 x\\,dx\n$$');
    expect(c.querySelector('.katex')).not.toBeNull();
    expect(c.querySelector('.katex-display')).not.toBeNull();
  });

  it('loads nothing extra for a message without math or labelled code', () => {
    expect(needsOf('Plain **text** and\n\n```\nunlabelled\n```')).toEqual([]);
    expect(needsOf('Cost: $5')).toEqual(['math']);
    expect(needsOf('  ```ts\nx\n  ```')).toEqual(['code']);
  });
});
