import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureVapidKeys, vapidFile } from './vapid.js';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('ensureVapidKeys', () => {
  it('makes the pair once, readable only by the user, and returns the same pair after a restart', () => {
    root = mkdtempSync(join(tmpdir(), 'cpm-vapid-'));
    const first = ensureVapidKeys(root, {});
    expect(statSync(vapidFile(root)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(first.publicKey, 'base64url')).toHaveLength(65);
    expect(ensureVapidKeys(root, {})).toEqual(first);
    expect(ensureVapidKeys(root, { CODEX_PRO_MAX_VAPID_SUBJECT: 'mailto:me@example.org' }).subject).toBe('mailto:me@example.org');
  });
});
