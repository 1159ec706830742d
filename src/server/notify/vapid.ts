// The VAPID key pair (RFC 8292) that signs every push we send: made once, kept in the data root (0600), because a
// browser's subscription is bound to the public key it subscribed with; a new pair would silence every subscription.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webPush from 'web-push';
import { z } from 'zod';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** Who runs this sender, for push services that want to reach the operator (a mailto: or https: URL). */
  subject: string;
}

const fileSchema = z.object({ publicKey: z.string().min(80), privateKey: z.string().min(40) });

/** Contact for push services; CODEX_PRO_MAX_VAPID_SUBJECT overrides it (some services refuse a localhost address). */
const DEFAULT_SUBJECT = 'mailto:codex-pro-max@localhost';

export const vapidFile = (dataRoot: string) => join(dataRoot, 'vapid.json');

/** The stored pair, or a new one written there first. */
export function ensureVapidKeys(dataRoot: string, env: NodeJS.ProcessEnv = process.env): VapidKeys {
  const subject = env.CODEX_PRO_MAX_VAPID_SUBJECT?.trim() || DEFAULT_SUBJECT;
  const file = vapidFile(dataRoot);
  try {
    const stored = fileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
    return { ...stored, subject };
  } catch {
    const keys = webPush.generateVAPIDKeys();
    writeFileSync(file, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    return { ...keys, subject };
  }
}
