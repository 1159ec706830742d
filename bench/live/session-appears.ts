// How soon a new terminal thread shows in the sidebar of an open page: another client of the real Codex daemon (the
// terminal) starts N threads (20 unless told) with one turn each; the clock starts when that client hears the thread's
// first turn/started and stops when the page's MutationObserver sees a session row it did not show before. A row
// already there when the turn starts (taken in from thread/started) counts as 0. Goal: within 1 s; fails no build.
import { textInput } from '../../src/codex/app-server/input.js';
import { now, startLiveBench, summary } from './harness.js';

const RUNS = Math.max(10, Number(process.argv[2] ?? 20));

const bench = await startLiveBench({ browser: true });
try {
  const { rig, terminal } = bench;
  const { page } = rig;
  await page.goto(rig.server.loginUrl());
  await page.locator('.connection.live').waitFor();

  const samples: number[] = [];
  let early = 0;
  for (let i = 0; i < RUNS; i++) {
    // By id, not by count: a project's group shows a bounded number of rows, so a new one can push an old one out.
    const shown = await page.locator('[data-session-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-session-id')));
    await page.evaluate((before) => {
      const w = window as unknown as { __row?: Promise<number> };
      w.__row = new Promise<number>((resolve) => {
        // No named function in here: the bench's transpiler would wrap it in a helper the page does not have.
        const observer = new MutationObserver(() => {
          const rows = [...document.querySelectorAll('[data-session-id]')];
          if (rows.every((r) => before.includes(r.getAttribute('data-session-id')))) return;
          observer.disconnect();
          resolve(performance.timeOrigin + performance.now());
        });
        observer.observe(document.body, { childList: true, subtree: true });
      });
    }, shown);
    const { thread } = await terminal.startThread({ cwd: rig.workDir, approvalPolicy: 'never', sandbox: 'read-only' });
    let turnStartedAt = 0;
    const done = new Promise<void>((resolve) => {
      const off = terminal.on('notification', (n) => {
        if (n.method === 'turn/started' && n.params.threadId === thread.id && turnStartedAt === 0) turnStartedAt = now();
        if (n.method === 'turn/completed' && n.params.threadId === thread.id) resolve(off());
      });
    });
    await terminal.startTurn(thread.id, [textInput(`thread ${i}`)]);
    const rowAt = await page.evaluate(() => (window as unknown as { __row?: Promise<number> }).__row);
    if (rowAt === undefined) throw new Error('the page lost its observer (was it reloaded?)');
    await done;
    const latency = rowAt - turnStartedAt;
    if (latency <= 0) early++;
    samples.push(Math.max(0, latency));
  }
  console.log(`first turn/started → a new session row in the page's sidebar, ${RUNS} threads (Node ${process.versions.node})`);
  console.log(`  ${summary(samples)}; ${early} of ${RUNS} rows were there before the first turn started`);
  if (rig.pageErrors.length > 0) console.log(`  page errors: ${rig.pageErrors.join('; ')}`);
} finally {
  await bench.close();
}
