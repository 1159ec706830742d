// Gzip sizes of the built UI: every JS and CSS chunk, and what the first page load needs (the entry script, the
// chunks it preloads and the styles it links). Builds into a temporary folder so a served dist/web is left alone.
// The target is initial JS ≤ 150 KB gzip; nothing here fails a build.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { PROJECT_ROOT } from '../../test/ui/web-build.js';

const out = mkdtempSync(join(tmpdir(), 'cpm-bundle-'));
try {
  execFileSync(
    process.execPath,
    [join(PROJECT_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.ts', '--outDir', out, '--logLevel', 'warn'],
    { cwd: PROJECT_ROOT, stdio: 'inherit' },
  );
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const sizeOf = (file: string) => {
    const data = readFileSync(join(out, file));
    return { raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
  };
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const initial = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1] as string));
  const files = readdirSync(join(out, 'assets'))
    .filter((f) => /\.(js|css)$/.test(f))
    .map((f) => ({ file: `assets/${f}`, ...sizeOf(`assets/${f}`) }))
    .sort((a, b) => b.gzip - a.gzip);
  console.log('UI chunks (gzip level 9; * = loaded by the first page load)');
  for (const f of files)
    console.log(`  ${initial.has(f.file) ? '*' : ' '} ${f.file.padEnd(44)} ${kb(f.raw).padStart(10)} ${kb(f.gzip).padStart(10)} gzip`);
  const sum = (ext: string, only: boolean) =>
    files.filter((f) => f.file.endsWith(ext) && (!only || initial.has(f.file))).reduce((n, f) => n + f.gzip, 0);
  console.log(`initial JS ${kb(sum('.js', true))} gzip (target ≤ 150 KB), initial CSS ${kb(sum('.css', true))} gzip`);
  console.log(`all JS ${kb(sum('.js', false))} gzip, all CSS ${kb(sum('.css', false))} gzip`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
