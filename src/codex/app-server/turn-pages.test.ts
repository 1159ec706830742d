import { describe, expect, it } from 'vitest';
import { AppServerError } from './errors.js';
import { liveTurnOf, turnPage } from './turn-pages.js';

type Loose = Record<string, unknown>;
const turn = (id: string, status = 'completed', text = `answer ${id}`): Loose => ({
  id,
  status,
  items: [
    { type: 'agentMessage', id: `${id}-m`, text },
    { type: 'somethingNew', id: `${id}-x` },
  ],
  error: null,
});

/** A daemon that answers thread/turns/list with `listed` (or fails with `listError`) and thread/read with `whole`. */
function daemon(opts: { listed?: Loose; listError?: Error; whole?: Loose[] }) {
  const calls: { method: string; params: Loose }[] = [];
  return {
    calls,
    listTurns: async (params: Loose) => {
      calls.push({ method: 'thread/turns/list', params });
      if (opts.listError) throw opts.listError;
      return opts.listed as never;
    },
    readThread: async (threadId: string, params: Loose = {}) => {
      calls.push({ method: 'thread/read', params: { threadId, ...params } });
      return { thread: { turns: opts.whole ?? [] } } as never;
    },
  };
}

describe('liveTurnOf', () => {
  it('keeps the items it can show, names the status in our words and carries the error message', () => {
    expect(liveTurnOf({ ...turn('t1', 'failed'), error: { message: 'model refused' } })).toEqual({
      id: 't1',
      status: 'failed',
      items: [{ kind: 'message', id: 't1-m', atIso: null, text: 'answer t1' }],
      error: 'model refused',
    });
    expect(liveTurnOf({ id: 7, status: 'inProgress' })).toEqual({ id: '7', status: 'in_progress', items: [], error: null });
  });
});

describe('turnPage', () => {
  it('asks for the newest turns before the cursor and hands them back oldest first, with the older cursor', async () => {
    const d = daemon({ listed: { data: [turn('t3'), turn('t2')], nextCursor: 'c-older' } });
    const page = await turnPage(d as never, 'th', 'c-now', 2);
    expect(page.turns.map((t) => t.id)).toEqual(['t2', 't3']);
    expect(page.before).toBe('c-older');
    expect(d.calls).toEqual([
      { method: 'thread/turns/list', params: { threadId: 'th', limit: 2, sortDirection: 'desc', cursor: 'c-now', itemsView: 'full' } },
    ]);
  });

  it.each([
    ['a thread Codex has not written yet', 'no rollout found for thread id th'],
    ['a thread just started', 'list_turns is not supported yet'],
    ['an ephemeral thread (kept only in memory)', 'ephemeral threads do not support thread/turns/list'],
  ])('gives %s an empty first page', async (_what, message) => {
    const d = daemon({ listError: new AppServerError('thread/turns/list', -32600, message) });
    expect(await turnPage(d as never, 'th', null, 10)).toEqual({ turns: [], before: null });
    expect(d.calls.map((c) => c.method)).toEqual(['thread/turns/list']);
  });

  it('reads a thread in the older history format whole and keeps its newest turns, oldest first', async () => {
    const d = daemon({
      listError: new AppServerError('thread/turns/list', -32600, 'thread/turns/list is not supported for this thread'),
      whole: [turn('t1'), turn('t2'), turn('t3')],
    });
    const page = await turnPage(d as never, 'th', null, 2);
    expect(page).toEqual({ turns: [liveTurnOf(turn('t2')), liveTurnOf(turn('t3'))], before: null });
    expect(d.calls[1]).toEqual({ method: 'thread/read', params: { threadId: 'th', includeTurns: true } });
  });

  it('passes on a refusal it cannot explain, and any refusal of an older page', async () => {
    const refused = new AppServerError('thread/turns/list', -32600, 'thread not found');
    await expect(turnPage(daemon({ listError: refused }) as never, 'th', null, 10)).rejects.toBe(refused);
    const older = new AppServerError('thread/turns/list', -32600, 'not supported');
    await expect(turnPage(daemon({ listError: older }) as never, 'th', 'c1', 10)).rejects.toBe(older);
    const noRollout = new AppServerError('thread/turns/list', -32600, 'no rollout found for thread id th');
    await expect(turnPage(daemon({ listError: noRollout }) as never, 'th', 'c1', 10)).rejects.toBe(noRollout);
  });
});
