// Stopping a daemon turn always cleans up after it (the thread's background terminals), whether Codex took the
// interrupt or refused it, and reports the interrupt's own outcome to the caller.
import { describe, expect, it } from 'vitest';
import { interruptTurn } from './interrupt.js';

function fakeClient(interrupt: () => Promise<unknown>) {
  const calls: string[] = [];
  return {
    calls,
    client: {
      interrupt: async (threadId: string, turnId: string) => {
        calls.push(`turn/interrupt ${threadId} ${turnId}`);
        return interrupt();
      },
      request: async (method: string, params?: unknown) => {
        calls.push(`${method} ${(params as { threadId: string }).threadId}`);
        return {};
      },
    } as unknown as Parameters<typeof interruptTurn>[0],
  };
}

describe('interruptTurn', () => {
  it('interrupts, then ends the thread’s background terminals', async () => {
    const { client, calls } = fakeClient(async () => ({}));
    await interruptTurn(client, 't1', 'u1', null);
    expect(calls).toEqual(['turn/interrupt t1 u1', 'thread/backgroundTerminals/clean t1']);
  });

  it('cleans up too when Codex refuses the interrupt, and passes the refusal on', async () => {
    const { client, calls } = fakeClient(async () => {
      throw new Error('no active turn');
    });
    await expect(interruptTurn(client, 't1', 'u1', null)).rejects.toThrow('no active turn');
    expect(calls).toEqual(['turn/interrupt t1 u1', 'thread/backgroundTerminals/clean t1']);
  });
});
