// Renders prompts and conclusions as Markdown (GFM, math, highlighted code), loading the renderer on first need so
// the first page load stays small: until it is here, and for text that just arrived, the text shows as plain text.
import { memo, Suspense, use, useDeferredValue } from 'react';
import { type Plugins, richPlugins, settled } from './richPlugins.js';

type Body = typeof import('./MarkdownBody.js');
let bodyLoading: Promise<Body> | null = null;

/** One promise for the renderer's chunk, read by `use` at once after it has loaded. */
function loadBody(): Promise<Body> {
  bodyLoading ??= settled(
    import('./MarkdownBody.js').catch((error: unknown) => {
      bodyLoading = null; // a later render may retry (e.g. after the server restarted)
      throw error;
    }),
  );
  return bodyLoading;
}

// Fetch the renderer once the page is idle, so a session opened later renders Markdown at once.
if (typeof window !== 'undefined' && 'requestIdleCallback' in window) window.requestIdleCallback(() => void loadBody().catch(() => {}));

/** The renderer if it has loaded, read without waiting. */
function bodyNow(): Body | undefined {
  const p = bodyLoading as (Promise<Body> & { status?: string; value?: Body }) | null;
  return p?.status === 'fulfilled' ? p.value : undefined;
}

/**
 * Parses and highlights `text` now, in idle time ahead of its first render (the timeline does this for entries about
 * to scroll into view), so that render builds only its DOM, once, in full. Does nothing while what it needs loads.
 */
export function prepareMarkdown(text: string): void {
  const body = bodyNow();
  if (!body) return;
  const plugins = richPlugins(text) as Promise<Plugins> & { status?: string; value?: Plugins };
  if (plugins.status === 'fulfilled' && plugins.value) body.prepare(text, plugins.value);
}

/** Resolves when `text` can render in full without waiting (for tests and warm-ups). */
export async function preloadMarkdown(text: string): Promise<void> {
  await loadBody();
  await richPlugins(text);
}

interface Props {
  text: string;
  /** Keeps single newlines visible (CSS pre-line), as people mean them in typed prompts. */
  softBreaks?: boolean;
  /** For text that just arrived: paint it as plain text first, then as Markdown, so it is on screen at once. */
  instant?: boolean;
}

const PLAIN = 0;
const FAST = 1;
const RICH = 2;

function Plain({ text, className }: { text: string; className: string }) {
  return (
    <div className={`${className} plain-first`}>
      <p>{text}</p>
    </div>
  );
}

function Loaded({ text, className, rich }: { text: string; className: string; rich: boolean }) {
  const m = use(loadBody());
  if (!rich) return <m.FastMarkdown text={text} className={className} />;
  // While math or highlighting loads, the Markdown without them stays on screen.
  return (
    <Suspense fallback={<m.FastMarkdown text={text} className={className} />}>
      <m.RichMarkdown text={text} className={className} />
    </Suspense>
  );
}

export const Markdown = memo(function Markdown({ text, softBreaks = false, instant = false }: Props) {
  // Parsing, math typesetting and highlighting cost tens of milliseconds on a slow machine. The first render is cheap
  // (plain text for fresh arrivals, Markdown without math/highlighting otherwise); a deferred, interruptible render
  // then upgrades it to the full result. A deferred render that has to wait for code keeps showing the cheaper one.
  // Prepared ahead (see prepareMarkdown), the full result costs no more than the cheaper one: render it at once.
  const stage = useDeferredValue(RICH, instant ? PLAIN : bodyNow()?.isPrepared(text) ? RICH : FAST);
  const className = softBreaks ? 'markdown soft-breaks' : 'markdown';
  if (stage === PLAIN) return <Plain text={text} className={className} />;
  return (
    <Suspense fallback={<Plain text={text} className={className} />}>
      <Loaded text={text} className={className} rich={stage === RICH} />
    </Suspense>
  );
});
