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

/** `softBreaks` keeps single newlines visible (CSS pre-line), as people mean them in typed prompts. */
export const Markdown = memo(function Markdown({ text, softBreaks = false }: { text: string; softBreaks?: boolean }) {
  // Math typesetting and syntax highlighting cost tens of milliseconds; paint the text first, then upgrade it in a
  // deferred (interruptible) render so a new conclusion is on screen at once.
  const rich = useDeferredValue(true, false);
  return (
    <div className={softBreaks ? 'markdown soft-breaks' : 'markdown'} data-rich={rich ? 'true' : undefined}>
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rich ? richRehypePlugins : fastRehypePlugins}
        components={components}
        urlTransform={urlTransform}
        skipHtml
      >
        {text}
      </ReactMarkdown>
    </div>
  );
});
