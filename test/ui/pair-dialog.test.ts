// Settings → Pair a phone in real Chromium, at 1440×900 and 390×844: the QR code and the short code are visible, a
// "phone" (a second page, on the HTTPS listener at 127.0.0.2 with the generated certificate) pairs by typing the code,
// the device list shows it through a push, and Remove signs it out at once (its open page sees it without a reload). Waits are on the page, never sleeps.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BrowserRig, type Rig, startRig } from '../helpers/rig.js';

let rig: Rig & BrowserRig;
let page: Page;
let phone: Page;
let remote: string;

beforeAll(async () => {
  rig = await startRig({ browser: true, pageTimeoutMs: 15_000, server: { remote: { host: '127.0.0.2', port: 0 }, log: () => {} } });
  remote = rig.server.remote?.url ?? '';
  page = rig.page;
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(rig.server.loginUrl());
  await page.getByText('Connected').first().waitFor();
}, 120_000);

afterAll(() => rig?.close());

const dialog = () => page.getByRole('dialog', { name: 'Pair a phone' });

/** True when the element is shown and lies inside the window (nothing cut off at the sides). */
async function fullyInView(target: ReturnType<Page['locator']>, p: Page): Promise<boolean> {
  const box = await target.boundingBox();
  const size = p.viewportSize();
  return !!box && !!size && box.width > 0 && box.x >= 0 && box.x + box.width <= size.width;
}

async function checkPairingShown(): Promise<string> {
  const qr = dialog().getByRole('img', { name: 'QR code that pairs a phone' });
  await qr.waitFor();
  await expect.poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
  expect(await fullyInView(qr, page)).toBe(true);
  const code = (await dialog().getByTestId('pairing-code').textContent()) ?? '';
  expect(code).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  expect(await dialog().getByText(`${remote}/pair`).isVisible()).toBe(true);
  return code;
}

describe('Pair a phone', () => {
  it('shows a QR code and a short code; a phone pairs with the code and appears in the list', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Pair a phone…' }).click();
    await dialog().waitFor();
    const code = await checkPairingShown();
    await dialog().getByText('No devices yet', { exact: false }).waitFor();

    // The phone: another browser page on the HTTPS listener, accepting the self-signed certificate as a person would.
    phone = await rig.browser.context.newPage();
    phone.setDefaultTimeout(15_000);
    const cdp = await rig.browser.context.newCDPSession(phone);
    await cdp.send('Security.setIgnoreCertificateErrors', { ignore: true });
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${remote}/pair`);
    await phone.getByLabel('Pairing code').fill(code.toLowerCase());
    await phone.getByLabel('Name for this device').fill('Test phone');
    await phone.getByRole('button', { name: 'Pair this device' }).click();
    await phone.waitForURL(`${remote}/`);
    await phone.getByText('Connected').first().waitFor({ state: 'attached' });
    const cookies = await rig.browser.context.cookies(remote);
    expect(cookies.find((c) => c.name === 'cpm_device')).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });

    const row = dialog().getByRole('listitem').filter({ hasText: 'Test phone' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Paired .*Last seen .*From 127\.0\.0\./);
  });

  it('fits a phone screen too: QR code, code, the list and Remove all reachable at 390×844', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await checkPairingShown();
    const remove = dialog().getByRole('button', { name: 'Remove Test phone' });
    await remove.scrollIntoViewIfNeeded();
    expect(await fullyInView(remove, page)).toBe(true);
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('on the paired phone, lists it as this device and sends new pairings to the computer', async () => {
    // Wide, so Settings is on screen without opening the session drawer; the dialog itself was checked at phone size.
    await phone.setViewportSize({ width: 1440, height: 900 });
    await phone.getByRole('button', { name: 'Settings' }).click();
    await phone.getByRole('button', { name: 'Pair a phone…' }).click();
    const onPhone = phone.getByRole('dialog', { name: 'Pair a phone' });
    await onPhone.getByText('New phones are paired from the computer', { exact: false }).waitFor();
    await onPhone.getByText('Test phone (this device)').waitFor();
  });

  it('Remove signs the phone out at once', async () => {
    const signedIn = await phone.evaluate(async () => (await fetch('/api/sessions')).status);
    expect(signedIn).toBe(200);
    await dialog().getByRole('button', { name: 'Remove Test phone' }).click();
    await dialog().getByText('No devices yet', { exact: false }).waitFor();
    // Its event stream was closed, so the open page finds out by itself and says how to pair again.
    await phone.getByRole('heading', { name: 'Sign in to Codex Pro Max' }).waitFor();
    await phone.getByRole('link', { name: 'open the pairing page' }).waitFor();
    expect(await phone.evaluate(async () => (await fetch('/api/sessions')).status)).toBe(401);
    expect(rig.pageErrors).toEqual([]);
  });
});
