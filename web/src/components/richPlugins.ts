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
  code: () => import('rehype-highlight').then((m) => [attachedOnce(m.default), { detect: false }]),
};

/**
 * The plugin attached once, its transformer shared by every processor. react-markdown makes a processor for every text
 * it renders, and rehype-highlight builds a new highlighter each time it is attached: every common language registered
 * again, and the one a block uses compiled again, which cost more than the highlighting itself.
 */
function attachedOnce<O, T>(plugin: (this: unknown, options: O) => T): (this: unknown, options: O) => T {
  let transformer: T | undefined;
  return function (this: unknown, options: O) {
    transformer ??= plugin.call(this, options);
    return transformer;
  };
}

const loaded = new Map<Need, Plugins[number]>();
const loading = new Map<Need, Promise<void>>();
const combined = new Map<string, Promise<Plugins>>();

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
 * Marks a promise with its outcome the way React's `use` reads it, so a component that waited on it once renders
 * at once afterwards (and calls `use` on every render, as React requires).
 */
export function settled<T>(promise: Promise<T>): Promise<T> {
  const p = promise as Promise<T> & { status?: string; value?: T; reason?: unknown };
  p.status ??= 'pending';
  p.then(
    (value) => {
      p.status = 'fulfilled';
      p.value = value;
    },
    (reason: unknown) => {
      p.status = 'rejected';
      p.reason = reason;
    },
  );
  return p;
}

/** A promise React's `use` reads without waiting. */
function ready<T>(value: T): Promise<T> {
  return Object.assign(Promise.resolve(value), { status: 'fulfilled', value });
}

/**
 * The plugins a text needs, as one stable promise per combination for React's `use`; already resolved (and read
 * without waiting) once they have loaded. Math runs before highlighting, as it always has.
 */
export function richPlugins(text: string): Promise<Plugins> {
  const needs = needsOf(text);
  const key = needs.join('+');
  let p = combined.get(key);
  if (p) return p;
  const list = () => needs.map((n) => loaded.get(n) as Plugins[number]);
  if (needs.every((n) => loaded.has(n))) p = ready(list());
  else {
    p = settled(Promise.all(needs.map(load)).then(list));
    // A rejected promise must not stay cached: the next render asks again.
    p.catch(() => combined.delete(key));
  }
  combined.set(key, p);
  return p;
}
