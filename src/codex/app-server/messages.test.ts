import { describe, expect, it } from 'vitest';
import { decodeIncoming } from './messages.js';

const frame = (value: unknown) => JSON.stringify(value);
const turn = { id: 't1', status: 'inProgress', items: [], itemsView: 'notLoaded', error: null };

describe('decodeIncoming', () => {
  it.each([
    ['an answer', { id: 3, result: { ok: 1 } }, { kind: 'response', id: 3, result: { ok: 1 } }],
    ['an answer whose result is null', { id: 'a', result: null }, { kind: 'response', id: 'a', result: null }],
    [
      'an error answer',
      { id: 4, error: { code: -32600, message: 'no rollout found for thread id x' } },
      { kind: 'errorResponse', id: 4, error: { code: -32600, message: 'no rollout found for thread id x' } },
    ],
  ])('%s', (_name, message, expected) => {
    expect(decodeIncoming(frame(message))).toEqual(expected);
  });

  it('keeps every field of a decoded notification, including ones the schema does not name', () => {
    const params = { threadId: 'th', turn: { ...turn, futureField: { nested: true } }, alsoNew: 1 };
    expect(decodeIncoming(frame({ method: 'turn/started', params, emittedAtMs: 17 }))).toEqual({
      kind: 'notification',
      notification: { method: 'turn/started', params, emittedAtMs: 17 },
    });
  });

  it('passes a protocol notification it does not decode through unchecked', () => {
    const message = { method: 'thread/tokenUsage/updated', params: { anything: 'goes' } };
    expect(decodeIncoming(frame(message))).toEqual({ kind: 'notification', notification: message });
  });

  it('reports a decoded notification missing a field the product relies on as invalid', () => {
    const decoded = decodeIncoming(frame({ method: 'item/agentMessage/delta', params: { threadId: 'th', turnId: 't', itemId: 'i' } }));
    expect(decoded).toMatchObject({ kind: 'invalid' });
    expect(decoded.kind === 'invalid' && decoded.reason).toContain('delta');
  });

  it('flags an item type the protocol does not declare but still hands the notification on', () => {
    const params = { threadId: 'th', turnId: 't', item: { type: 'hologram', id: 'i1' } };
    expect(decodeIncoming(frame({ method: 'item/completed', params }))).toEqual({
      kind: 'notification',
      notification: { method: 'item/completed', params },
      unknownItemType: 'hologram',
    });
    expect(
      decodeIncoming(frame({ method: 'item/completed', params: { ...params, item: { type: 'agentMessage', id: 'i1', text: '' } } })),
    ).not.toHaveProperty('unknownItemType');
  });

  it('reports methods this protocol does not declare as unknown, notifications and requests alike', () => {
    expect(decodeIncoming(frame({ method: 'future/thing', params: { a: 1 } }))).toEqual({
      kind: 'unknown',
      what: 'notification',
      method: 'future/thing',
      params: { a: 1 },
    });
    expect(decodeIncoming(frame({ id: 9, method: 'future/ask', params: {} }))).toEqual({
      kind: 'unknown',
      what: 'serverRequest',
      method: 'future/ask',
      id: 9,
      params: {},
    });
  });

  it('decodes an approval request (ids are numbers on the daemon, strings allowed)', () => {
    const params = {
      kind: 'command',
      threadId: 'th',
      turnId: 't',
      itemId: 'call_1',
      command: 'echo hi',
      availableDecisions: ['accept', 'cancel'],
    };
    for (const id of [0, 'r-1']) {
      expect(decodeIncoming(frame({ id, method: 'item/commandExecution/requestApproval', params }))).toEqual({
        kind: 'serverRequest',
        request: { id, method: 'item/commandExecution/requestApproval', params },
      });
    }
    expect(decodeIncoming(frame({ id: 1, method: 'item/fileChange/requestApproval', params: { threadId: 'th' } }))).toMatchObject({
      kind: 'invalid',
    });
    expect(
      decodeIncoming(frame({ id: 2, method: 'execCommandApproval', params: { conversationId: 'c', callId: 'k', command: ['ls'] } })),
    ).toMatchObject({
      kind: 'serverRequest',
    });
  });

  it.each([
    ['text that is not JSON', 'not json{'],
    ['an array', '[1,2]'],
    ['an object with neither method nor id', '{"x":1}'],
    ['an answer with neither result nor error', '{"id":1}'],
    ['a method that is not a string', '{"method":5}'],
  ])('never throws on %s', (_name, text) => {
    expect(decodeIncoming(text).kind).toBe('invalid');
  });
});
