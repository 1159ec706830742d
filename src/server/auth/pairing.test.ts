import { describe, expect, it } from 'vitest';
import { PAIRING_TTL_MS, PairingBook, PairingInvalid, PairingRateLimited } from './pairing.js';

describe('PairingBook', () => {
  it('takes a secret or its code once, within 10 minutes', () => {
    let now = 1_000_000;
    const book = new PairingBook(() => now);
    const a = book.issue();
    book.redeem({ secret: a.secret });
    expect(() => book.redeem({ code: a.code })).toThrow(PairingInvalid);
    const b = book.issue();
    now += PAIRING_TTL_MS - 1;
    book.redeem({ code: b.code.replace('-', '').toLowerCase() });
    const c = book.issue();
    now += PAIRING_TTL_MS + 1;
    expect(() => book.redeem({ secret: c.secret })).toThrow(PairingInvalid);
  });

  it('refuses every attempt for a minute after five wrong ones, then counts again', () => {
    let now = 0;
    const book = new PairingBook(() => now);
    const good = book.issue();
    for (let i = 0; i < 5; i++) expect(() => book.redeem({ code: 'ZZZZ-ZZZZ' })).toThrow(PairingInvalid);
    expect(() => book.redeem({ code: good.code })).toThrow(PairingRateLimited);
    now += 60_001;
    book.redeem({ code: good.code });
  });
});
