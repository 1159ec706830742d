// The built UI's files: the type each is served as, which are worth compressing, and the name of the copy the build
// compresses ahead of time. Shared by the server that serves them (routes/web.ts) and the build that writes them
// (web/vite.config.ts), so both agree on which files have such a copy.

export type Encoding = 'br' | 'gzip';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
};

/** Types worth compressing: text and fonts that are not compressed already (woff2, images and audio are). */
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|manifest\+json)|image\/svg\+xml|font\/ttf)/;

/** The Content-Type a UI file is served with, from its name. */
export function uiFileType(path: string): string {
  const dot = path.lastIndexOf('.');
  return (dot >= 0 && TYPES[path.slice(dot).toLowerCase()]) || 'application/octet-stream';
}

export function compressible(contentType: string): boolean {
  return COMPRESSIBLE.test(contentType);
}

/** Where the build keeps `path` compressed with `encoding`, beside it. */
export function precompressedPath(path: string, encoding: Encoding): string {
  return `${path}${encoding === 'br' ? '.br' : '.gz'}`;
}
