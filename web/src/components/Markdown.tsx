// Renders prompts and conclusions as Markdown (GFM, math, highlighted code). Raw HTML is never executed:
// react-markdown ignores it without rehype-raw, links go through its URL sanitiser, and remote images become links.
import { memo, useDeferredValue } from 'react';
import ReactMarkdown, { type Components, defaultUrlTransform } from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import rehypeKatex from 'rehype-katex';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';

const remarkPlugins = [remarkGfm, remarkMath];
// detect:false — guessing languages of unlabeled blocks is slow on long logs and often wrong.
const richRehypePlugins = [
  [rehypeKatex, { throwOnError: false, strict: 'ignore' }],
  [rehypeHighlight, { detect: false }],
] as never;
const fastRehypePlugins: never[] = [];

/** Only same-origin paths and raster data URLs may load as images; anything else is shown as a link. */
export function isSafeImageSrc(src: string): boolean {
  return /^\/(?!\/)/.test(src) || /^data:image\/(png|jpe?g|gif|webp|avif);/i.test(src);
}

const components: Components = {
  a: ({ node: _node, href, children, ...rest }) => (
    <a {...rest} href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  ),
  img: ({ node: _node, src, alt }) => {
    const url = typeof src === 'string' ? src : '';
    if (url && isSafeImageSrc(url)) return <img src={url} alt={alt ?? ''} loading="lazy" />;
    return url ? (
      <a href={url} target="_blank" rel="noopener noreferrer nofollow">
        {alt ? `Image: ${alt}` : 'Image link'}
      </a>
    ) : null;
  },
  input: ({ node: _node, ...rest }) => <input {...rest} disabled aria-label={rest.checked ? 'Done' : 'Not done'} />,
};

function urlTransform(url: string): string {
  return defaultUrlTransform(url);
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

export const Markdown = memo(function Markdown({ text, softBreaks = false, instant = false }: Props) {
  // Parsing, math typesetting and highlighting cost tens of milliseconds on a slow machine. The first render is cheap
  // (plain text for fresh arrivals, Markdown without math/highlighting otherwise); a deferred, interruptible render
  // then upgrades it to the full result.
  const stage = useDeferredValue(RICH, instant ? PLAIN : FAST);
  const className = softBreaks ? 'markdown soft-breaks' : 'markdown';
  if (stage === PLAIN) {
    return (
      <div className={`${className} plain-first`}>
        <p>{text}</p>
      </div>
    );
  }
  return (
    <div className={className} data-rich={stage === RICH ? 'true' : undefined}>
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={stage === RICH ? richRehypePlugins : fastRehypePlugins}
        components={components}
        urlTransform={urlTransform}
        skipHtml
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});
