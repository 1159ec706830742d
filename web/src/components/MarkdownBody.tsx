// The Markdown renderer proper (react-markdown with GFM and math syntax), in its own chunk: Markdown.tsx loads it on
// first need, and KaTeX/highlight.js come later still (richPlugins.ts). Raw HTML is never executed: react-markdown
// ignores it without rehype-raw, links go through its URL sanitiser, and remote images become links.
import { type ReactElement, use } from 'react';
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

// Rendered trees of recent texts. The timeline is virtualised, so an entry scrolled back into view mounts again: from
// here it skips parsing and highlighting, the costly part, and only its DOM is built. React elements are immutable.
const trees = new Map<string, ReactElement>();
const TREES_KEPT = 400;

function treeOf(text: string, plugins: Plugins, rich: boolean): ReactElement {
  const key = `${rich ? 'rich' : 'fast'}:${text}`;
  let tree = trees.get(key);
  if (tree) trees.delete(key);
  else tree = ReactMarkdown({ children: text, remarkPlugins, rehypePlugins: plugins, components, urlTransform, skipHtml: true });
  trees.set(key, tree); // most recently used last
  if (trees.size > TREES_KEPT) trees.delete(trees.keys().next().value as string);
  return tree;
}

function Rendered({ text, className, plugins, rich }: BodyProps & { plugins: Plugins; rich: boolean }) {
  return (
    <div className={className} data-rich={rich ? 'true' : undefined}>
      {treeOf(text, plugins, rich)}
    </div>
  );
}

/** Parses and highlights `text` ahead of its first render, so that render only builds its DOM. */
export function prepare(text: string, plugins: Plugins): void {
  if (!trees.has(`rich:${text}`)) treeOf(text, plugins, true);
}

/** Whether the full result of `text` is at hand (rendered or prepared recently). */
export function isPrepared(text: string): boolean {
  return trees.has(`rich:${text}`);
}

/** Markdown without math typesetting or highlighting: cheap, and what shows while those load. */
export function FastMarkdown(props: BodyProps) {
  // Seen in full before (scrolled away and back): the full result costs no more than this one.
  if (trees.has(`rich:${props.text}`)) return <Rendered {...props} plugins={NO_PLUGINS} rich />;
  return <Rendered {...props} plugins={NO_PLUGINS} rich={false} />;
}

/** The full result; suspends until the plugins this text needs have loaded (not at all once they have). */
export function RichMarkdown(props: BodyProps) {
  const plugins = use(richPlugins(props.text));
  return <Rendered {...props} plugins={plugins} rich />;
}
