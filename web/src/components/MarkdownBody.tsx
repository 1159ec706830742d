// The Markdown renderer proper (react-markdown with GFM and math syntax), in its own chunk: Markdown.tsx loads it on
// first need, and KaTeX/highlight.js come later still (richPlugins.ts). Raw HTML is never executed: react-markdown
// ignores it without rehype-raw, links go through its URL sanitiser, and remote images become links.
import { use } from 'react';
import ReactMarkdown, { type Components, defaultUrlTransform } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { type Plugins, richPlugins } from './richPlugins.js';

const remarkPlugins = [remarkGfm, remarkMath];
const NO_PLUGINS: Plugins = [];

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

interface BodyProps {
  text: string;
  className: string;
}

function Rendered({ text, className, plugins, rich }: BodyProps & { plugins: Plugins; rich: boolean }) {
  return (
    <div className={className} data-rich={rich ? 'true' : undefined}>
      <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={plugins} components={components} urlTransform={urlTransform} skipHtml>
        {text}
      </ReactMarkdown>
    </div>
  );
}

/** Markdown without math typesetting or highlighting: cheap, and what shows while those load. */
export function FastMarkdown(props: BodyProps) {
  return <Rendered {...props} plugins={NO_PLUGINS} rich={false} />;
}

/** The full result; suspends until the plugins this text needs have loaded (not at all once they have). */
export function RichMarkdown(props: BodyProps) {
  const plugins = use(richPlugins(props.text));
  return <Rendered {...props} plugins={plugins} rich />;
}
