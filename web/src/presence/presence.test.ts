// When the page says no Codex takes a session's prompts (the Queue button and the notice with the way back), as a table.
import { describe, expect, it } from 'vitest';
import type { Presence, SessionStatus, SessionSummary } from '../../../src/shared/schemas.js';
import { codexAway } from './presence.js';

function session(kind: 'attached' | 'driven', presence: Presence, status: SessionStatus, queuedCount = 0): SessionSummary {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    threadId: '0198a5f2-4444-7555-8666-977778888999',
    kind,
    title: 't',
    titleSource: 'codex',
    status,
    statusDetail: null,
    createdAt: '',
    updatedAt: '',
    lastActivityAt: '',
    latestConclusion: null,
    unread: false,
    queuedCount,
    attachmentCount: 0,
    rolloutPath: null,
    cwd: null,
    presence,
    live: null,
  } as SessionSummary;
}

describe('codexAway', () => {
  it.each([
    ['gone, whatever the status', session('attached', 'gone', 'WAITING_FOR_INSTRUCTION'), true],
    ['waiting', session('attached', 'waiting', 'WAITING_FOR_INSTRUCTION'), false],
    ['connected, even stopped (its next wait takes the prompt)', session('attached', 'connected', 'STOPPED'), false],
    ['not heard from since a restart, with a prompt waiting', session('attached', 'unknown', 'RUNNING', 1), true],
    ['not heard from since a restart and stopped: no resume to promise', session('attached', 'unknown', 'STOPPED'), true],
    ['not heard from since a restart, nothing queued, not stopped', session('attached', 'unknown', 'WAITING_FOR_INSTRUCTION'), false],
    ['driven: Codex Pro Max starts its Codex itself', session('driven', 'unknown', 'STOPPED', 2), false],
  ])('%s', (_what, s, away) => {
    expect(codexAway(s)).toBe(away);
  });
});
