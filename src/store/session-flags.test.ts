// A session's flags and a thread's session are kept in memory between reads: every write of theirs shows at once, a rolled-back write never
// shows, and the rows a hand-off writes come back from the insert itself.
import { expect, it } from 'vitest';
import { tempStore } from '../../test/helpers/temp-store.js';
import type { SessionId, ThreadId } from '../shared/ids.js';
import type { Store } from './store.js';

/** The flags of the session openStore() creates. */
const AS_CREATED = { status: 'RUNNING', statusDetail: null, stopAcknowledged: false, kind: 'attached', titleSource: 'default' };

function openStore(): { store: Store; id: SessionId } {
  const { store } = tempStore('flags');
  const id = store.sessions.create({
    threadId: 't-1' as ThreadId,
    kind: 'attached',
    title: 't',
    titleSource: 'default',
    status: 'RUNNING',
  });
  return { store, id };
}

it('shows every write of a flag at once, read before and after', () => {
  const { store, id } = openStore();
  const { sessions } = store;
  expect(sessions.flags(id)).toEqual(AS_CREATED);
  sessions.setStatus(id, 'STOPPED', 'stopped by you');
  expect(sessions.flags(id)).toMatchObject({ status: 'STOPPED', statusDetail: 'stopped by you' });
  sessions.acknowledgeStop(id);
  expect(sessions.flags(id)?.stopAcknowledged).toBe(true);
  sessions.setTitle(id, 'named', 'user');
  expect(sessions.flags(id)?.titleSource).toBe('user');
  sessions.setDriven(id, '/work');
  expect(sessions.flags(id)?.kind).toBe('driven');
  sessions.setStatus(id, 'RUNNING');
  expect(sessions.flags(id)).toEqual({
    status: 'RUNNING',
    statusDetail: null,
    stopAcknowledged: true,
    kind: 'driven',
    titleSource: 'user',
  });
  sessions.delete(id);
  expect(sessions.flags(id)).toBeNull();
  store.close();
});

it('never keeps a value a rolled-back transaction wrote, even when it was read inside it', () => {
  const { store, id } = openStore();
  const { sessions } = store;
  expect(sessions.flags(id)?.status).toBe('RUNNING');
  expect(() =>
    store.tx(() => {
      sessions.setStatus(id, 'ERROR', 'failed');
      sessions.setTitle(id, 'gone', 'user');
      expect(sessions.flags(id)).toMatchObject({ status: 'ERROR', statusDetail: 'failed' });
      throw new Error('roll back');
    }),
  ).toThrow('roll back');
  expect(sessions.flags(id)).toEqual(AS_CREATED);
  store.close();
});

it('finds the session of a thread after it is bound, rebound or deleted, and never one a rolled-back bind made', () => {
  const { store, id } = openStore();
  const { sessions } = store;
  const other = sessions.create({ threadId: null, kind: 'driven', title: 'd', titleSource: 'user', status: 'RUNNING' });
  expect(sessions.idByThread('t-1' as ThreadId)).toBe(id);
  expect(() =>
    store.tx(() => {
      sessions.delete(id);
      sessions.bindThread(other, 't-1' as ThreadId);
      expect(sessions.idByThread('t-1' as ThreadId)).toBe(other);
      throw new Error('roll back');
    }),
  ).toThrow('roll back');
  expect(sessions.idByThread('t-1' as ThreadId)).toBe(id);
  sessions.delete(id);
  expect(sessions.idByThread('t-1' as ThreadId)).toBeNull();
  sessions.bindThread(other, 't-2' as ThreadId);
  expect(sessions.idByThread('t-2' as ThreadId)).toBe(other);
  store.close();
});

it('returns the queued prompt and the timeline entry as stored, and null for an entry already there', () => {
  const { store, id } = openStore();
  const prompt = store.prompts.enqueue(id, 'first');
  expect(prompt).toEqual(store.prompts.get(prompt.id));
  expect(store.prompts.enqueue(id, 'second').position).toBe(prompt.position + 1);
  const entry = store.timeline.append(id, 'codex', 'done', null, 'req-1');
  expect(entry).toEqual(store.timeline.byRequestId(id, 'req-1'));
  expect(store.timeline.append(id, 'codex', 'done again', null, 'req-1')).toBeNull();
  store.close();
});
