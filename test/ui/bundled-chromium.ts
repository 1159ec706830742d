// Unpacks the Chromium build inside the npm package @sparticuz/chromium, with the shared libraries and fonts it needs,
// once per package version into the temp dir. For machines with no browser installed; it never downloads anything.
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

export interface BundledChromium {
  executablePath: string;
  /** Variables to add to the browser's environment so it finds its libraries and fonts. */
  env: Record<string, string>;
}

const ARCHIVES = ['chromium.br', 'al2023.tar.br', 'fonts.tar.br', 'swiftshader.tar.br'];
const LIBS = join('al2023', 'lib');

function isComplete(dir: string): boolean {
  return ['chromium', 'fonts.conf', join(LIBS, 'libnss3.so'), join('fonts', 'fonts')].every((f) => existsSync(join(dir, f)));
}

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

// The package's own fonts.conf names Lambda's folders (/tmp/fonts, /opt/fonts); this one names where we unpacked
// the fonts, and nothing from the machine, so text renders the same on a bare machine as on a desktop.
function fontsConf(dir: string): string {
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
    '<fontconfig>',
    `  <dir>${xml(join(dir, 'fonts', 'fonts'))}</dir>`,
    `  <cachedir>${xml(join(dir, 'fonts-cache'))}</cachedir>`,
    '</fontconfig>',
    '',
  ].join('\n');
}

async function unpack(binDir: string, staging: string, finalDir: string): Promise<void> {
  const { inflate } = await import('@sparticuz/chromium');
  // inflate() writes under os.tmpdir() and picks its output path before its first await. Pointing TMPDIR at a private
  // staging dir for that synchronous part keeps two test workers from writing (and one launching) the same file.
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = staging;
  let work: Promise<string>[];
  try {
    work = ARCHIVES.map((name) => inflate(join(binDir, name)));
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
  await Promise.all(work);
  writeFileSync(join(staging, 'fonts.conf'), fontsConf(finalDir));
}

/** The unpacked browser and the environment it needs; unpacks it first if this version is not in the temp dir yet. */
export async function bundledChromium(): Promise<BundledChromium> {
  const pkgDir = dirname(dirname(require.resolve('@sparticuz/chromium')));
  const version = String(JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version);
  const dir = join(tmpdir(), `cpm-bundled-chromium-${version}`);
  if (!isComplete(dir)) {
    // Only a temp-dir cleaner leaves a partial copy (the copy appears by rename, whole), so it is safe to replace.
    if (existsSync(dir) && !isComplete(dir)) rmSync(dir, { recursive: true, force: true });
    const staging = mkdtempSync(`${dir}-`);
    try {
      await unpack(join(pkgDir, 'bin'), staging, dir);
      try {
        renameSync(staging, dir);
      } catch (error) {
        // Another worker unpacked it first; use its copy.
        if (!isComplete(dir)) throw error;
      }
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return {
    executablePath: join(dir, 'chromium'),
    env: {
      // The build links NSS, NSPR and expat, which a bare Debian or Node image lacks. The package's Amazon Linux copies
      // run on Debian too, and using them everywhere means every machine runs the same libraries.
      LD_LIBRARY_PATH: [join(dir, LIBS), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'),
      FONTCONFIG_FILE: join(dir, 'fonts.conf'),
    },
  };
}
