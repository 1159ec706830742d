import { describe, expect, it } from 'vitest';
import type { SessionStatus } from '../shared/schemas.js';
import { nextStatus, type StatusEvent } from './status.js';

const cases: [SessionStatus, StatusEvent, SessionStatus][] = [
  ['STOPPED', 'codex_attached', 'RUNNING'],
  ['WAITING_FOR_INSTRUCTION', 'codex_attached', 'RUNNING'],
  ['RUNNING', 'conclusion', 'WAITING_FOR_INSTRUCTION'],
  ['STOPPED', 'conclusion', 'STOPPED'],
  ['ERROR', 'conclusion', 'WAITING_FOR_INSTRUCTION'],
  ['RUNNING', 'waiting', 'WAITING_FOR_INSTRUCTION'],
  ['STOPPED', 'waiting', 'STOPPED'],
  ['WAITING_FOR_INSTRUCTION', 'prompt_handed', 'RUNNING'],
  ['STOPPED', 'prompt_handed', 'RUNNING'],
  ['STOPPED', 'prompt_queued', 'RUNNING'],
  ['RUNNING', 'prompt_queued', 'RUNNING'],
  ['WAITING_FOR_INSTRUCTION', 'prompt_queued', 'WAITING_FOR_INSTRUCTION'],
  ['ERROR', 'prompt_queued', 'ERROR'],
  // Nothing runs until a Codex comes back for it, so a stopped session does not claim to be running.
  ['STOPPED', 'prompt_queued_unheard', 'STOPPED'],
  ['WAITING_FOR_INSTRUCTION', 'prompt_queued_unheard', 'WAITING_FOR_INSTRUCTION'],
  ['RUNNING', 'prompt_queued_unheard', 'RUNNING'],
  ['RUNNING', 'stop', 'STOPPED'],
  ['WAITING_FOR_INSTRUCTION', 'stop', 'STOPPED'],
  ['ERROR', 'turn_started', 'RUNNING'],
  ['RUNNING', 'turn_completed', 'WAITING_FOR_INSTRUCTION'],
  ['STOPPED', 'turn_completed', 'STOPPED'],
  ['RUNNING', 'failed', 'ERROR'],
];

describe('nextStatus', () => {
  it.each(cases)('%s + %s -> %s', (from, event, to) => {
    expect(nextStatus(from, event)).toBe(to);
  });
});
