// `node --import tsx bench/ui/make-icons.ts`: renders the app icons (web/public/icons/*.svg, the sources) to the PNG
// sizes the manifest and iOS ask for, in real Chromium. Run after changing an SVG; the PNGs are committed, so building
// the app needs no browser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../../test/ui/browser.js';

const DIR = join(import.meta.dirname, '../../web/public/icons');
const OUTPUTS: [source: string, size: number, file: string][] = [
  ['icon.svg', 192, 'icon-192.png'],
  ['icon.svg', 512, 'icon-512.png'],
  ['icon-maskable.svg', 512, 'icon-maskable-512.png'],
  // iOS draws its own rounded corners on the home-screen icon: give it the full square.
  ['icon-maskable.svg', 180, 'apple-touch-icon.png'],
];

const browser = await launchChromium();
try {
  const page = await browser.context.newPage();
  for (const [source, size, file] of OUTPUTS) {
    const svg = readFileSync(join(DIR, source), 'utf8').replace('<svg ', `<svg width="${size}" height="${size}" `);
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.screenshot({ path: join(DIR, file), omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    console.log(`${file} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
