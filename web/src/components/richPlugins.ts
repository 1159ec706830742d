// The rehype plugins for math (KaTeX) and code highlighting (highlight.js), loaded on first need: together they are
// most of the UI's JavaScript, and most messages use neither. Each loads once; later messages get it synchronously.
import type { Options } from 'react-markdown';

export type Plugins = NonNullable<Options['rehypePlugins']>;

type Need = 'math' | 'code';

/** What a message needs beyond plain Markdown: `$` math (remark-math's syntax) and fenced code with a language. */
export function needsOf(text: string): Need[] {
  const needs: Need[] = [];
  if (text.includes('$')) needs.push('math');
  // rehype-highlight runs with detect:false, so only a fence that names its language gets highlighted.
  if (/^ {0,3}(```|~~~)[ \t]*[^\s`~]/m.test(text)) needs.push('code');
  return needs;
}

const loaders: Record<Need, () => Promise<Plugins[number]>> = {
  math: () =>
    Promise.all([import('rehype-katex'), import('./katexStyles.js')]).then(([m]) => [m.default, { throwOnError: false, strict: 'ignore' }]),
  // detect:false — guessing languages of unlabeled blocks is slow on long logs and often wrong.
  code: () => import('rehype-highlight').then((m) => [m.default, { detect: false }]),
};

const loaded = new Map<Need, Plugins[number]>();
const loading = new Map<Need, Promise<void>>();
const combined = new Map<string, Plugins | Promise<Plugins>>();

function load(need: Need): Promise<void> {
  let p = loading.get(need);
  if (!p) {
    p = loaders[need]().then((plugin) => void loaded.set(need, plugin));
    // A failed fetch (e.g. the server restarted with a new build) may be retried by the next message.
    p.catch(() => loading.delete(need));
    loading.set(need, p);
  }
  return p;
}

/**
 * The plugins a text needs: a list when they are loaded, else one promise per combination (stable, so React's
 * `use` can wait on it). Math runs before highlighting, as it always has.
 */
export function richPlugins(text: string): Plugins | Promise<Plugins> {
  const needs = needsOf(text);
  const key = needs.join('+');
  const ready = combined.get(key);
  if (ready) return ready;
  if (needs.every((n) => loaded.has(n))) {
    const list = needs.map((n) => loaded.get(n) as Plugins[number]);
    combined.set(key, list);
    return list;
  }
  const pending = Promise.all(needs.map(load)).then(() => {
    const list = needs.map((n) => loaded.get(n) as Plugins[number]);
    combined.set(key, list);
    return list;
  });
  // A rejected promise must not stay cached: the next render asks again.
  pending.catch(() => combined.delete(key));
  combined.set(key, pending);
  return pending;
}
