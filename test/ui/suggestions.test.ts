// The `/` and `@` suggestion lists must be seen, not only exist: every option's middle is the topmost element at that
// point (nothing clips or covers it), with and without an attachments bar, at desktop and phone size.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRig, type Rig, startRig } from '../helpers/rig.js';

const THREAD = '0198a5f2-4444-7555-8666-977778888999';
let rig: Rig & BrowserRig;
let page: Page;
let sessionId: string;

const composer = () => page.getByRole('combobox', { name: 'Prompt' });

/** For each option of the open list: is its middle point the option itself (or inside it)? */
function optionsVisible(): Promise<{ label: string; visible: boolean }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('[role="listbox"] [role="option"]')].map((el) => {
      const box = el.getBoundingClientRect();
      const top = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return { label: el.textContent ?? '', visible: box.height > 0 && top !== null && el.contains(top) };
    }),
  );
}

async function typeAndCheck(text: string, expected: RegExp): Promise<void> {
  await composer().fill('');
  await composer().pressSequentially(text);
  await page.getByRole('listbox').waitFor();
  const options = await optionsVisible();
  expect(options.length).toBeGreaterThan(0);
  expect(options.some((o) => expected.test(o.label))).toBe(true);
  expect(
    options.filter((o) => !o.visible),
    JSON.stringify(options),
  ).toEqual([]);
  await composer().press('Escape');
}

beforeAll(async () => {
  rig = await startRig({ browser: true });
  page = rig.page;
  await rig.call('POST', '/api/skills', { name: 'review', content: 'Review the diff for bugs.' });
  await rig.call('POST', '/api/skills', { name: 'tests', content: 'Run the whole test suite.' });
  await rig.call('POST', '/api/skills', { name: 'explain', content: 'Explain what changed and why.' });
  const [, created] = await rig.call('POST', `/api/codex/sessions/by-thread/${THREAD}`, { title: 'Suggestions' });
  sessionId = created.session.id;
  await rig.call('POST', `/api/codex/sessions/by-thread/${THREAD}/conclusion`, { content: 'Ready.' });
  await page.goto(rig.server.loginUrl());
  await page.getByRole('button', { name: /Suggestions/ }).click();
  await page.getByRole('heading', { name: 'Suggestions' }).waitFor();
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

describe('suggestion lists', () => {
  for (const [name, width, height] of [
    ['desktop', 1440, 900],
    ['phone', 390, 844],
  ] as const) {
    it(`the / list is fully visible without an attachments bar (${name})`, async () => {
      await page.setViewportSize({ width, height });
      await typeAndCheck('/', /review/);
    });
  }

  it('the / and @ lists are fully visible with an attachments bar, on both sizes', async () => {
    const form = new FormData();
    form.append('file', new Blob(['a,b\n'], { type: 'text/csv' }), 'data.csv');
    expect((await rig.api(`/api/sessions/${sessionId}/attachments`, { method: 'POST', body: form })).status).toBe(201);
    await page.getByText('data.csv').first().waitFor();
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      await page.setViewportSize({ width, height });
      await typeAndCheck('/', /review/);
      await typeAndCheck('@', /data\.csv/);
    }
  });
});
