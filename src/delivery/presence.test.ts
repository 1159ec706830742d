import { describe, expect, it } from 'vitest';
import type { Presence } from '../shared/schemas.js';
import { isPresent, nextPresence, type PresenceEvent } from './presence.js';

const cases: [Presence, PresenceEvent, Presence][] = [
  ['unknown', 'codex_called', 'connected'],
  ['gone', 'codex_called', 'connected'],
  ['connected', 'wait_parked', 'waiting'],
  ['gone', 'wait_parked', 'waiting'],
  ['unknown', 'wait_parked', 'waiting'],
  ['waiting', 'prompt_handed', 'connected'],
  ['waiting', 'stop_delivered', 'gone'],
  ['connected', 'stop_delivered', 'gone'],
  ['waiting', 'codex_exited', 'gone'],
  ['connected', 'codex_exited', 'gone'],
  ['unknown', 'codex_exited', 'gone'],
  ['waiting', 'wait_dropped_quiet', 'gone'],
  ['connected', 'wait_dropped_quiet', 'gone'],
  // A wait that simply ran out is followed by the next one; if none comes, Codex is alive but not waiting.
  ['waiting', 'wait_timed_out_quiet', 'connected'],
  ['gone', 'wait_timed_out_quiet', 'gone'],
  ['connected', 'wait_timed_out_quiet', 'connected'],
];

describe('nextPresence', () => {
  it.each(cases)('%s + %s -> %s', (from, event, to) => {
    expect(nextPresence(from, event)).toBe(to);
  });

  it('counts only a connected or waiting Codex as there to take a prompt', () => {
    expect((['connected', 'waiting', 'gone', 'unknown'] as const).filter(isPresent)).toEqual(['connected', 'waiting']);
  });
});
