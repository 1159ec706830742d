// @vitest-environment happy-dom
// An entry prepared ahead (parsed and highlighted in idle time while the person scrolls towards it) renders in full on
// its first render: no plain-Markdown pass first whose DOM the full one then replaces.
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { Markdown, preloadMarkdown, prepareMarkdown } from './Markdown.js';

afterEach(cleanup);

/** Every `.markdown` block the render put in the page, in order, and whether each was the full result. */
async function renderedBlocks(text: string): Promise<boolean[]> {
  const host = document.createElement('div');
  document.body.append(host);
  const seen: boolean[] = [];
  const observer = new MutationObserver((records) => {
    for (const r of records)
      for (const node of r.addedNodes)
        if (node instanceof HTMLElement && node.matches('.markdown')) seen.push(node.hasAttribute('data-rich'));
  });
  observer.observe(host, { childList: true, subtree: true });
  await act(async () => {
    render(<Markdown text={text} />, { container: host });
  });
  await Promise.resolve(); // the observer's last records
  observer.disconnect();
  return seen;
}

const code = (n: number) => `Step ${n}\n\n\`\`\`ts\nconst step${n} = compute(${n});\n\`\`\``;

describe('preparing Markdown ahead', () => {
  it('renders a prepared text in full at once', async () => {
    await preloadMarkdown(code(1));
    prepareMarkdown(code(1));
    expect(await renderedBlocks(code(1))).toEqual([true]);
    expect(document.querySelector('.hljs-keyword')?.textContent).toBe('const');
  });

  it('renders a text not prepared cheaply first, then in full', async () => {
    await preloadMarkdown(code(2));
    expect(await renderedBlocks(code(2))).toEqual([false, true]);
  });
});
