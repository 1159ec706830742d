// `npm run screenshots [-- --out DIR]`: a tour of the main screens for review. Starts the real server on a throwaway
// data root (with a fake model, so drive mode runs the real codex), fills it with demo data through the same API Codex
// and the page use, and renders each screen in real Chromium at desktop (1440×900) and phone (390×844) size, light and
// dark, into DIR (default screenshots/). Waits on what the page shows, never on a clock.
import { copyFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { SessionId } from '../../src/shared/ids.js';
import type { ModelReply, ModelRequest } from '../../test/fixtures/fake-model.js';
import { openApprovalBase, setLive, waitingOnApprovals } from '../../test/helpers/live-push.js';
import { startRig } from '../../test/helpers/rig.js';
import { seedHistory } from '../../test/ui/history-seed.js';

const outIndex = process.argv.indexOf('--out');
const OUT = resolve(outIndex > 0 ? (process.argv[outIndex + 1] ?? 'screenshots') : 'screenshots');
mkdirSync(OUT, { recursive: true });

const SIZES = { desktop: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
const THEMES = ['light', 'dark'] as const;
type Size = keyof typeof SIZES;

// The recorded codex 0.171 MCP-loop rollout, so an attached session shows the task typed in the terminal.
const LOOP_THREAD = '01a2318e-e1b5-75d1-a56c-408f84ad2775';
const FIXTURE = join(import.meta.dirname, '../../test/fixtures/rollouts/v0171-mcp-loop.jsonl');
const STOPPED_THREAD = '0198a5f2-5555-7666-8777-988889999000';
const WAITING_THREAD = '0198a5f2-6666-7777-8888-999900001111';
const LIVE_THREAD = '019ad1e0-4a11-7b22-8c33-d44455566677';

async function respond(req: ModelRequest): Promise<ModelReply> {
  const text = req.lastUserText() ?? '';
  return {
    steps: [
      {
        type: 'message',
        text: `Checked the build scripts.\n\n- \`npm run build\` passes\n- 2 warnings left in \`vite.config.ts\`\n\nAsked: ${text.slice(0, 60)}`,
      },
    ],
    usage: { input: 12_000, cached: 8_000, output: 900 },
  };
}

const rig = await startRig({ fakeModel: respond, browser: true, pageTimeoutMs: 20_000 });
const page: Page = rig.page;
const codex = (thread: string, path: string, body: unknown = {}) =>
  rig.call('POST', `/api/codex/sessions/by-thread/${thread}${path}`, body);
let count = 0;

async function shot(name: string, size: Size, theme: string) {
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(OUT, `${name}-${size}-${theme}.png`) });
  count++;
}

/** Every size (of `sizes`) and theme: set them, run `show`, take the shot, run `hide`. */
async function everyWay(
  name: string,
  show: (size: Size) => Promise<void>,
  hide: (size: Size) => Promise<void> = async () => {},
  sizes: Size[] = ['desktop', 'phone'],
) {
  for (const size of sizes) {
    await page.setViewportSize(SIZES[size]);
    for (const theme of THEMES) {
      await page.emulateMedia({ colorScheme: theme });
      await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
      await show(size);
      await shot(name, size, theme);
      await hide(size);
    }
  }
}

async function openSession(title: string, size: Size) {
  if (await page.getByRole('heading', { name: new RegExp(title) }).isVisible()) return;
  if (size === 'phone') {
    if (await page.getByRole('button', { name: 'Show sessions' }).isVisible())
      await page.getByRole('button', { name: 'Show sessions' }).click();
    else await page.getByRole('main').getByRole('button', { name: 'Sessions' }).click();
  }
  await page
    .getByRole('navigation', { name: 'Sessions' })
    .getByRole('button', { name: new RegExp(title) })
    .click();
  await page.getByRole('heading', { name: new RegExp(title) }).waitFor();
  await page.getByRole('log', { name: 'Conversation' }).locator('article.entry').first().waitFor();
}

async function drawerSettled() {
  const nav = page.getByRole('navigation', { name: 'Sessions' });
  await page.waitForFunction(() => {
    const el = document.querySelector('nav.sidebar');
    return el !== null && getComputedStyle(el).transform === 'none';
  });
  await nav.waitFor();
}

try {
  await page.goto(rig.server.loginUrl());
  await page.getByText('Connected').waitFor();

  // 1. The first screen: nothing yet.
  await everyWay('01-empty', async () => {
    await page.getByRole('main').getByText('No sessions yet', { exact: false }).waitFor();
  });

  // Demo data: an attached loop with its terminal task, conclusions, an attachment and a queue; a stopped session;
  // one waiting with an unread conclusion; a driven session that ran a turn.
  const day = join(rig.codexHome, 'sessions', '2026', '12', '01');
  mkdirSync(day, { recursive: true });
  copyFileSync(FIXTURE, join(day, `rollout-2026-12-01T12-22-57-${LOOP_THREAD}.jsonl`));
  const [, loop] = await codex(LOOP_THREAD, '', { title: 'Write the release notes' });
  const loopId: string = loop.session.id;
  await codex(LOOP_THREAD, '/conclusion', {
    content:
      '## Release notes drafted\n\nI wrote `notes.md` with the three changes since 0.3:\n\n| change | kind |\n|---|---|\n| Stop marker | UI |\n| Theme setting | UI |\n| Step lines in `npm start` | CLI |\n\n```sh\nnpm start\n```',
  });
  const waiting = codex(LOOP_THREAD, '/wait', { timeoutMs: 20_000 });
  await rig.call('POST', `/api/sessions/${loopId}/prompts`, {
    content: 'Add a section on upgrading from 0.3, with the one command people need.',
  });
  await waiting;
  await codex(LOOP_THREAD, '/conclusion', {
    content: 'Added **Upgrading from 0.3**: run `npm start` once; it installs and builds what changed.',
  });
  const form = new FormData();
  form.append('file', new Blob(['# Changelog\n- 0.3: first release\n']), 'CHANGELOG.md');
  await rig.api(`/api/sessions/${loopId}/attachments`, { method: 'POST', body: form });
  for (const content of ['Proofread the whole file for typos.', 'Then shorten the intro to two sentences.']) {
    await rig.call('POST', `/api/sessions/${loopId}/prompts`, { content });
  }

  const [, stopped] = await codex(STOPPED_THREAD, '', { title: 'Fix the flaky upload test' });
  await codex(STOPPED_THREAD, '/conclusion', { content: 'The test raced the progress event; it now waits on the request instead.' });
  await rig.call('POST', `/api/sessions/${stopped.session.id}/stop`);

  await codex(WAITING_THREAD, '', { title: 'Review the CSP headers' });
  await codex(WAITING_THREAD, '/conclusion', { content: 'The CSP allows no inline script; `theme.js` is a file for that reason.' });

  const [drivenStatus, driven] = await rig.call('POST', '/api/drive/sessions', {
    prompt: 'Check that the build scripts still pass.',
    cwd: rig.workDir,
    sandbox: 'read-only',
    images: [],
  });
  if (drivenStatus !== 201) throw new Error(`Starting the driven session answered ${drivenStatus}: ${JSON.stringify(driven)}`);
  await rig.until('the driven turn to start', () =>
    rig.changes.some((c) => c.sessionId === driven.session.id && c.type === 'turn.started'),
  );
  await rig.idle();

  // 2. The open session beside the list (on a phone: the session, then the drawer over it).
  await everyWay('02-session', (size) => openSession('Write the release notes', size));
  await everyWay(
    '03-drawer',
    async () => {
      await page.getByRole('button', { name: 'Show sessions' }).click();
      await drawerSettled();
    },
    () => page.getByRole('button', { name: 'Close the session list' }).click(),
    ['phone'],
  );

  // 3. A stopped session with its marker, and a driven one with its turn.
  await everyWay('04-stopped', (size) => openSession('Fix the flaky upload test', size));
  await everyWay('05-driven', (size) => openSession('Check that the build scripts', size));

  // 4. Dialogs and the settings menu (opened from the sidebar, which is a drawer on a phone).
  const fromSidebar = async (size: Size) => {
    if (size === 'phone') {
      await page.getByRole('button', { name: 'Show sessions' }).click();
      await drawerSettled();
    }
  };
  const closeDrawer = async (size: Size) => {
    if (size === 'phone' && (await page.getByRole('button', { name: 'Close the session list' }).isVisible())) {
      await page.getByRole('button', { name: 'Close the session list' }).click();
    }
  };
  await everyWay(
    '06-new-session',
    async (size) => {
      await fromSidebar(size);
      await page.getByRole('navigation', { name: 'Sessions' }).getByRole('button', { name: 'New session' }).click();
      await page.getByRole('dialog', { name: 'New Codex session' }).waitFor();
    },
    async (size) => {
      await page.keyboard.press('Escape');
      await closeDrawer(size);
    },
  );
  await everyWay(
    '07-settings',
    async (size) => {
      await fromSidebar(size);
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('radio', { name: 'System' }).waitFor();
    },
    async (size) => {
      await page.keyboard.press('Escape');
      await closeDrawer(size);
    },
  );
  await everyWay(
    '08-shortcuts',
    async () => {
      // "?" typed into a field is text; from anywhere else it opens the list.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      await page.keyboard.press('?');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    },
    async () => {
      await page.keyboard.press('Escape');
      await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor({ state: 'detached' });
    },
  );

  // Approvals on a phone: a terminal's live thread asks to run a command and to write a file (one thumb answers).
  const [, liveMade] = await codex(LIVE_THREAD, '', { title: 'Parser refactor in the terminal' });
  const liveId: string = liveMade.session.id;
  await setLive(rig, liveId as SessionId, waitingOnApprovals('turn-1', 2));
  const asked = openApprovalBase(liveId as SessionId, LIVE_THREAD, 'turn-1');
  const approvals = [
    {
      ...asked,
      id: '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e',
      kind: 'command' as const,
      title: 'Run the test suite with network access',
      command: 'npm test -- --run',
      cwd: '/home/me/projects/parser',
      diff: null,
      choices: [
        { id: 'accept', label: 'Yes, run it', tone: 'accept' as const },
        { id: 'decline', label: 'No, and tell Codex why', tone: 'decline' as const },
      ],
    },
    {
      ...asked,
      id: '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5f',
      kind: 'file_change' as const,
      title: 'Write src/lexer.ts',
      command: null,
      cwd: '/home/me/projects/parser',
      diff: '--- /dev/null\n+++ b/src/lexer.ts\n@@ -0,0 +1,3 @@\n+export function tokenize(input: string) {\n+  return input.split(/\\s+/);\n+}',
      choices: [
        { id: 'accept', label: 'Yes, write it', tone: 'accept' as const },
        { id: 'decline', label: 'No', tone: 'decline' as const },
      ],
    },
  ];
  await everyWay('13-approval', async (size) => {
    if (!(await page.getByRole('heading', { name: /Parser refactor/ }).isVisible())) {
      if (size === 'phone') {
        if (await page.getByRole('button', { name: 'Show sessions' }).isVisible())
          await page.getByRole('button', { name: 'Show sessions' }).click();
        else await page.getByRole('main').getByRole('button', { name: 'Sessions' }).click();
      }
      await page
        .getByRole('navigation', { name: 'Sessions' })
        .getByRole('button', { name: /Parser refactor/ })
        .click();
      await page.getByRole('heading', { name: /Parser refactor/ }).waitFor();
    }
    for (const approval of approvals) rig.server.ctx.push.publish({ type: 'approval.changed', sessionId: liveId, approval });
    await page.getByRole('article', { name: /Approval: Run the test suite/ }).waitFor();
  });

  // 5. History: every Codex session on this computer (rollouts written into the rig's CODEX_HOME, then indexed).
  const seeded = seedHistory(rig.codexHome, rig.workDir, {
    count: 240,
    projects: 4,
    longTurns: 60,
    needleTurn: 40,
    needle: 'The zebra crossing test now waits for the light.',
  });
  for (let ready = false; !ready; ) {
    const [, body] = await rig.call('GET', '/api/history/status');
    ready = body.status.state === 'ready' && body.status.sessions >= 241;
    if (!ready) await new Promise((r) => setTimeout(r, 200));
  }
  const goHash = (hash: string) => page.evaluate((h) => (location.hash = h), hash);
  await everyWay('09-history', async () => {
    await goHash('#/history');
    await page.locator('.history-row').nth(3).waitFor();
  });
  await everyWay('10-history-search', async () => {
    await goHash('#/history');
    await page.getByRole('searchbox', { name: 'Search every session' }).fill('zebra crossing');
    await page.locator('.history-hit mark').first().waitFor();
  });
  await everyWay('11-history-transcript', async () => {
    await goHash('#/history');
    await page.getByRole('searchbox', { name: 'Search every session' }).fill('zebra crossing');
    await page.locator('.history-hit').first().click();
    await page.locator('.t-item.anchored').waitFor();
  });
  await everyWay('12-history-continue', async () => {
    await goHash(`#/history/t/${seeded.longThread}`);
    await page.locator('.t-prompt').first().waitFor();
    const box = page.getByRole('textbox', { name: 'Prompt that continues this session' });
    if (!(await box.isVisible())) await page.getByRole('button', { name: 'Continue here' }).click();
    await box.fill('Run the whole build once more.');
  });
  console.log(`${count} screenshots in ${OUT}`);
  if (rig.pageErrors.length > 0) console.log(`The page reported:\n  ${rig.pageErrors.join('\n  ')}`);
} catch (error) {
  if (rig.pageErrors.length > 0) console.error(`The page reported:\n  ${rig.pageErrors.join('\n  ')}`);
  await page.screenshot({ path: join(OUT, 'failed.png') }).catch(() => {});
  console.error(
    await page.evaluate(() => [
      document.activeElement?.outerHTML.slice(0, 200),
      ...[...document.querySelectorAll('[role="dialog"]')].map((d) => d.outerHTML.slice(0, 200)),
    ]),
  );
  throw error;
} finally {
  await rig.close();
}
