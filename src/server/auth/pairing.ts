// Pending pairings: a one-time secret (in the QR link) and a short code (typed by hand) that a device swaps, once,
// within 10 minutes, for a device token of its own. Wrong attempts are counted and, past a few a minute, refused with
// 429 before any code is compared, so the short code cannot be guessed. Kept in memory: a restart cancels them.
import { randomBytes, randomInt } from 'node:crypto';
import { AppError } from '../../errors.js';

export const PAIRING_TTL_MS = 10 * 60_000;
/** Wrong codes allowed per window, from anywhere (behind a proxy every request has the proxy's address). */
export const WRONG_ATTEMPTS_ALLOWED = 5;
const WRONG_ATTEMPT_WINDOW_MS = 60_000;
const MAX_PENDING = 5;
// No 0/O, 1/I/L: the code is read off one screen and typed on another. 8 of 31 signs is about 40 bits, and at most
// 50 guesses fit in a code's 10 minutes.
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 8;

export class PairingInvalid extends AppError {
  constructor() {
    super(
      401,
      'That pairing code is wrong, was already used, or has expired (codes work once, for 10 minutes). Open "Pair a phone" in Settings on your computer for a new one.',
    );
  }
}

export class PairingRateLimited extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      `Too many wrong pairing codes. For safety, pairing is paused for ${retryAfterSeconds} seconds; then type the code shown on your computer again.`,
    );
  }
}

export class PairingNeedsOwner extends AppError {
  constructor() {
    super(
      403,
      'A paired device cannot pair other devices. Open "Pair a phone" on the computer that runs Codex Pro Max, so that removing a lost phone is always enough.',
    );
  }
}

interface Pending {
  secret: string;
  code: string;
  expiresAt: number;
}

/** The code as typed: case, spaces and dashes do not matter. */
function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

export class PairingBook {
  private pending: Pending[] = [];
  private wrongAttempts: number[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  /** A new pairing; older ones stay valid until they expire (the terminal and the page may each show one). */
  issue(): { secret: string; code: string; expiresAt: Date } {
    this.prune();
    let code = '';
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    const entry = { secret: randomBytes(32).toString('base64url'), code, expiresAt: this.now() + PAIRING_TTL_MS };
    this.pending = [...this.pending, entry].slice(-MAX_PENDING);
    return { secret: entry.secret, code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt: new Date(entry.expiresAt) };
  }

  /**
   * Uses up the pairing this secret or code belongs to. Throws PairingRateLimited while too many wrong attempts are
   * recent (without looking at the code), PairingInvalid for a wrong, used or expired one (and counts it).
   */
  redeem(attempt: { secret?: string; code?: string }): void {
    this.prune();
    if (this.wrongAttempts.length >= WRONG_ATTEMPTS_ALLOWED) {
      const oldest = this.wrongAttempts[0] ?? this.now();
      throw new PairingRateLimited(Math.max(1, Math.ceil((oldest + WRONG_ATTEMPT_WINDOW_MS - this.now()) / 1000)));
    }
    const code = attempt.code === undefined ? undefined : normalizeCode(attempt.code);
    const index = this.pending.findIndex((p) => (attempt.secret !== undefined && p.secret === attempt.secret) || p.code === code);
    if (index < 0) {
      this.wrongAttempts.push(this.now());
      throw new PairingInvalid();
    }
    this.pending.splice(index, 1);
  }

  private prune(): void {
    const now = this.now();
    this.pending = this.pending.filter((p) => p.expiresAt > now);
    this.wrongAttempts = this.wrongAttempts.filter((at) => at > now - WRONG_ATTEMPT_WINDOW_MS);
  }
}
