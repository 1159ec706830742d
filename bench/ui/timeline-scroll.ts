// Scrolling a long timeline in real Chromium: "Show earlier" (click → the earlier entries in the page) until every
// entry of a 5,000-entry session is loaded, then scrolling through all of them at a steady speed while counting
// frames that missed their slot while scrolling at a brisk reading speed. Targets: ≤ 1 % dropped frames; "Show earlier" fast. Nothing here fails a build.
// Usage: node --import tsx bench/ui/timeline-scroll.ts [entries=5000] [seconds=10]
import { loadavg } from 'node:os';
import { startRig } from '../../test/helpers/rig.js';
import { seedTimeline } from '../../test/ui/seed.js';

const ENTRIES = Number(process.argv[2] ?? 5000);
const SECONDS = Number(process.argv[3] ?? 10);

const rig = await startRig({ browser: true, pageTimeoutMs: 60_000 });
try {
  const { page } = rig;
  // tsx (esbuild) wraps named functions in __name(), which the page does not have; the scroll loop below has one.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  const seeded = seedTimeline(rig, 'Long session', ENTRIES);
  await page.goto(`${rig.server.loginUrl()}`);
  await page.locator(`.session-item[data-session-id="${seeded.sessionId}"]`).click();
  await page.locator(`[data-entry-id="${seeded.entryIds.at(-1)}"]`).waitFor();
  const timeline = page.getByRole('log', { name: 'Conversation' });
  await timeline.hover();
  await page.mouse.wheel(0, -1_000_000);

  const earlier: number[] = [];
  const button = page.getByRole('button', { name: 'Show earlier messages' });
  while ((await button.count()) > 0) {
    const started = performance.now();
    await button.click();
    // Done when the button is enabled again (the page is in the store and rendered) or gone (nothing earlier).
    await page.waitForFunction(() => !document.querySelector('.show-earlier[disabled]'));
    earlier.push(performance.now() - started);
  }
  const rendered = await page.locator('article.entry').count();
  const fetches = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((r) => r.name.includes('/timeline?'))
      .map((r) => r.duration),
  );

  // Scroll from the top to the bottom at a steady speed, one step per frame, recording each frame's time.
  const frames = await timeline.evaluate(async (el, seconds) => {
    // A brisk, steady scroll (about 25 px a frame) from the middle of the conversation downwards.
    el.scrollTop = el.scrollHeight / 2;
    const stamps: number[] = [];
    const perFrame = 25;
    await new Promise<void>((resolve) => {
      const step = (t: number) => {
        stamps.push(t);
        el.scrollTop += perFrame;
        if (el.scrollTop + el.clientHeight >= el.scrollHeight - 1 || stamps.length >= seconds * 60) resolve();
        else requestAnimationFrame(step);
      };
      requestAnimationFrame(step);
    });
    return stamps;
  }, SECONDS);
  const slot = 1000 / 60;
  let expected = 0;
  let dropped = 0;
  for (let i = 1; i < frames.length; i++) {
    const slots = Math.max(1, Math.round(((frames[i] as number) - (frames[i - 1] as number)) / slot));
    expected += slots;
    dropped += slots - 1;
  }
  const sorted = [...earlier].sort((a, b) => a - b);
  const at = (q: number) => (sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? 0).toFixed(0);
  // Wall-clock figures: on a shared machine they are only as good as the load beside them.
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  console.log(`timeline of ${ENTRIES} entries, real Chromium (Node ${process.versions.node}), load average ${load}`);
  console.log(`  "Show earlier" click → page rendered: p50 ${at(0.5)} ms, max ${at(1)} ms over ${earlier.length} pages`);
  const fetchSorted = [...fetches].sort((a, b) => a - b);
  console.log(`  of which the request: p50 ${(fetchSorted[Math.floor(fetchSorted.length / 2)] ?? 0).toFixed(0)} ms`);
  console.log(`  entries in the page while all ${ENTRIES} are loaded: ${rendered}`);
  console.log(
    `  scrolling ${SECONDS} s at 25 px a frame: ${frames.length} frames, ${dropped} of ${expected} frame slots missed (${((100 * dropped) / Math.max(1, expected)).toFixed(2)} % dropped; target ≤ 1 %)`,
  );
  if (rig.pageErrors.length > 0) console.log(`  page errors: ${rig.pageErrors.join('; ')}`);
} finally {
  await rig.close();
}
