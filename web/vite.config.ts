// Vite build for the browser UI: root is web/, output goes to dist/web where the server serves it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, minifySync, type Plugin } from 'vite';
import { compressible, precompressedPath, uiFileType } from '../src/shared/ui-files.js';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Puts src/boot.ts in a script of its own, the first one index.html names (the source file itself under `vite dev`).
 * Vite bundles every script index.html names into its one entry, and then boot.ts's request would leave only once the
 * whole app has downloaded and compiled. `async`, so it runs the moment it arrives: as a deferred module it would wait
 * for the stylesheet (Chromium holds deferred scripts until the page's pending stylesheets are in); and first, ahead of
 * the theme script the parser stops for, so its download has begun by then.
 */
function bootScript(): Plugin {
  const entry = fileURLToPath(new URL('src/boot.ts', import.meta.url));
  const before = (html: string, src: string) =>
    html.replace('</title>\n', `</title>\n    <script type="module" async crossorigin src="${src}"></script>\n`);
  return {
    name: 'boot-script',
    config: () => ({ build: { rollupOptions: { input: { index: fileURLToPath(new URL('index.html', import.meta.url)), boot: entry } } } }),
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return before(html, '/src/boot.ts');
        const boot = Object.values(ctx.bundle).find((c) => c.type === 'chunk' && c.isEntry && c.facadeModuleId === entry);
        if (!boot) throw new Error('The build has no chunk for src/boot.ts');
        return before(html, `/${boot.fileName}`);
      },
    },
  };
}

/**
 * Names public/theme.js in the built page by a copy under assets/ whose name carries its content hash. The page's
 * parsing waits for that script, and a file under a fixed name must be asked for again on every load (a person may
 * have updated); a hashed one is cached for good by the browser and served from memory by the server. `vite dev`
 * serves the file itself.
 */
function hashedTheme(): Plugin {
  // Minified like the app's scripts: its comments are for whoever reads public/theme.js, not for every page load.
  const source = minifySync('theme.js', readFileSync(fileURLToPath(new URL('public/theme.js', import.meta.url)), 'utf8')).code;
  const fileName = `assets/theme-${createHash('sha256').update(source).digest('hex').slice(0, 10)}.js`;
  return {
    name: 'hashed-theme',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source });
    },
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        if (!html.includes('src="/theme.js"')) throw new Error('index.html no longer names /theme.js');
        return html.replace('src="/theme.js"', `src="/${fileName}"`);
      },
    },
  };
}

/**
 * Writes a brotli and a gzip copy beside every built file worth compressing, at their best (and slowest) settings, for
 * the server to send as they are: compressing the app's script on the request cost a just-started server 100–150 ms
 * of a cold load, and the copies are smaller than what it can afford to make per request.
 */
function precompress(): Plugin {
  const br = promisify(brotliCompress);
  const gz = promisify(gzip);
  return {
    name: 'precompress',
    apply: 'build',
    async writeBundle(options) {
      const outDir = options.dir as string;
      // Folders have no type of their own, so only files are kept.
      const wanted = (await readdir(outDir, { recursive: true })).filter((f) => compressible(uiFileType(f))).map((f) => join(outDir, f));
      await Promise.all(
        wanted.map(async (file) => {
          const body = await readFile(file);
          const params = {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
          };
          await writeFile(precompressedPath(file, 'br'), await br(body, { params }));
          await writeFile(precompressedPath(file, 'gzip'), await gz(body, { level: constants.Z_BEST_COMPRESSION }));
        }),
      );
    },
  };
}

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react(), bootScript(), hashedTheme(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // The server's CSP forbids inline scripts; keep every asset a file (fonts for KaTeX included).
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    // `vite dev` talks to a running server on its UI port; the cookie still comes from /auth on that server.
    proxy: { '/api': 'http://127.0.0.1:53128', '/auth': 'http://127.0.0.1:53128' },
  },
});
