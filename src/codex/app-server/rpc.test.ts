import { describe, expect, it, vi } from 'vitest';
import { AppServerDisconnected, AppServerError, AppServerTimeout, isNoRolloutYet } from './errors.js';
import { PendingRequests } from './rpc.js';

describe('PendingRequests', () => {
  it('sends {id, method, params} without a jsonrpc field and resolves with the matching answer', async () => {
    const pending = new PendingRequests();
    const sent: object[] = [];
    const a = pending.request((m) => sent.push(m), 'thread/read', { threadId: 'x' }, 1000);
    const b = pending.request((m) => sent.push(m), 'initialized', undefined, 1000);
    expect(sent).toEqual([
      { id: 1, method: 'thread/read', params: { threadId: 'x' } },
      { id: 2, method: 'initialized' },
    ]);
    pending.resolve(2, 'second');
    pending.resolve(1, 'first');
    await expect(a).resolves.toBe('first');
    await expect(b).resolves.toBe('second');
    expect(pending.size).toBe(0);
  });

  it('rejects with an AppServerError carrying the code and message', async () => {
    const pending = new PendingRequests();
    const p = pending.request(() => {}, 'thread/resume', {}, 1000);
    pending.reject(1, { code: -32600, message: 'no rollout found for thread id abc' });
    const error = await p.catch((e) => e);
    expect(error).toBeInstanceOf(AppServerError);
    expect(error).toMatchObject({ method: 'thread/resume', code: -32600, message: 'no rollout found for thread id abc' });
    expect(isNoRolloutYet(error)).toBe(true);
  });

  it('times out, and counts the answer that comes after', async () => {
    vi.useFakeTimers();
    try {
      const pending = new PendingRequests();
      const p = pending.request(() => {}, 'turn/start', {}, 50);
      vi.advanceTimersByTime(51);
      await expect(p).rejects.toBeInstanceOf(AppServerTimeout);
      pending.resolve(1, 'late');
      expect(pending.lateAnswers).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects everything outstanding when the connection drops, and a send that throws rejects at once', async () => {
    const pending = new PendingRequests();
    const a = pending.request(() => {}, 'a', {}, 1000);
    const b = pending.request(() => {}, 'b', {}, 1000);
    pending.failAll('socket closed (code 1006)');
    await expect(a).rejects.toMatchObject({ name: 'AppServerDisconnected', method: 'a', reason: 'socket closed (code 1006)' });
    await expect(b).rejects.toBeInstanceOf(AppServerDisconnected);
    const c = pending.request(
      () => {
        throw new Error('socket not open');
      },
      'c',
      {},
      1000,
    );
    await expect(c).rejects.toMatchObject({ reason: 'socket not open' });
    expect(pending.size).toBe(0);
  });

  it('keeps counting ids, so an answer for an old request never settles a new one', async () => {
    const pending = new PendingRequests();
    const old = pending.request(() => {}, 'old', {}, 1000);
    pending.failAll('dropped');
    await old.catch(() => {});
    const sent: { id: number }[] = [];
    const fresh = pending.request((m) => sent.push(m as { id: number }), 'fresh', {}, 1000);
    expect(sent[0]?.id).toBe(2);
    pending.resolve(1, 'stale');
    expect(pending.size).toBe(1);
    pending.resolve(2, 'ok');
    await expect(fresh).resolves.toBe('ok');
  });
});
