// Wire types for paired devices (a phone or another browser with a credential of its own) and for pairing one.
// Types and schemas only.
import { z } from 'zod';

export type DeviceId = string & { readonly __brand: 'DeviceId' };

export const deviceSchema = z.object({
  id: z.string().transform((id) => id as DeviceId),
  name: z.string(),
  pairedAt: z.string(),
  /** When the device last made a request (kept to the minute). */
  lastSeenAt: z.string().nullable(),
  /** The network address it last came from, as this server saw it (a proxy's address when one is in between). */
  lastAddress: z.string().nullable(),
});
export type Device = z.infer<typeof deviceSchema>;

/** Who is asking: the owner's token (this computer's browser, the CLI), or one paired device. */
export const callerSchema = z.union([
  z.object({ kind: z.literal('owner') }),
  z.object({ kind: z.literal('device'), deviceId: z.string().transform((id) => id as DeviceId) }),
]);
export type Caller = z.infer<typeof callerSchema>;

/** An address a phone can open the pairing link at: the HTTPS listener, or a host name a proxy serves. */
export const pairingLinkSchema = z.object({
  url: z.string(),
  /** Plain words for where this address works, e.g. "Tailscale or another HTTPS proxy". */
  via: z.string(),
});

export const pairingSchema = z.object({
  /** The short code to type on the pairing page when the QR code cannot be scanned (letters and digits, with a dash). */
  code: z.string(),
  /** Where the pairing can be completed, best first; empty when nothing but this computer can reach the server. */
  links: z.array(pairingLinkSchema),
  /** The first link (with its secret) as an SVG QR code; null when there is no link. */
  qrSvg: z.string().nullable(),
  expiresAt: z.string(),
  /** SHA-256 fingerprint of the HTTPS certificate the phone will be shown, to compare before trusting it; null without one. */
  fingerprint: z.string().nullable(),
});
export type Pairing = z.infer<typeof pairingSchema>;

/** What the pairing page sends: the secret from the QR link, or the short code typed by hand, and a name for the device. */
export const redeemPairingBodySchema = z
  .object({
    secret: z.string().min(1).max(200).optional(),
    code: z.string().min(1).max(40).optional(),
    name: z.string().trim().max(80, 'A device name can be at most 80 characters.').optional(),
  })
  .refine((b) => b.secret !== undefined || b.code !== undefined, { message: 'Enter the pairing code shown on your computer.' });
export type RedeemPairingBody = z.infer<typeof redeemPairingBodySchema>;
