import { describe, expect, it } from 'vitest';
import type { ApprovalAnswerBody } from '../../shared/live.js';
import { answerFor, BadAnswer, describeRequest } from './approval-requests.js';
import type { AppServerRequest } from './messages.js';

const scoped = { threadId: 't1', turnId: 'u1', itemId: 'i1' };
const req = (method: string, params: Record<string, unknown>) => ({ id: 7, method, params }) as unknown as AppServerRequest;
const answer = (r: AppServerRequest, body: ApprovalAnswerBody) => answerFor(r, describeRequest(r)!, body);

describe('describeRequest and answerFor', () => {
  it('offers exactly the decisions a command approval lists, and sends an amendment back as offered', () => {
    const amendment = { acceptWithExecpolicyAmendment: { execpolicy_amendment: ['echo'] } };
    const r = req('item/commandExecution/requestApproval', {
      ...scoped,
      command: 'echo hi',
      cwd: '/w',
      availableDecisions: ['accept', amendment, 'cancel'],
    });
    const d = describeRequest(r)!;
    expect(d).toMatchObject({ kind: 'command', title: 'Run echo hi', command: 'echo hi', cwd: '/w', threadId: 't1', turnId: 'u1' });
    expect(d.choices.map((c) => [c.id, c.tone])).toEqual([
      ['accept', 'accept'],
      ['acceptWithExecpolicyAmendment', 'accept'],
      ['cancel', 'decline'],
    ]);
    expect(answer(r, { choice: 'acceptWithExecpolicyAmendment' })).toEqual({ decision: amendment });
    expect(answer(r, { choice: 'cancel' })).toEqual({ decision: 'cancel' });
    expect(() => answer(r, { choice: 'decline' })).toThrow(BadAnswer);
  });

  it('falls back to the four standard decisions when a command approval lists none', () => {
    const d = describeRequest(req('item/commandExecution/requestApproval', scoped))!;
    expect(d.choices.map((c) => c.id)).toEqual(['accept', 'acceptForSession', 'decline', 'cancel']);
  });

  it('grants what a permissions request asked for, for the turn or the session, or nothing', () => {
    const permissions = { network: { enabled: true }, fileSystem: null };
    const r = req('item/permissions/requestApproval', { ...scoped, permissions, cwd: '/w', reason: 'fetch' });
    expect(describeRequest(r)!.title).toBe('Allow network access');
    expect(answer(r, { choice: 'session' })).toEqual({ permissions: { network: { enabled: true } }, scope: 'session' });
    expect(answer(r, { choice: 'decline' })).toEqual({ permissions: {}, scope: 'turn' });
  });

  it('needs an answer to every question of a user-input request', () => {
    const questions = [{ id: 'q1', header: 'Pick', question: 'Which?', isSecret: false, options: [{ label: 'A', description: '' }] }];
    const r = req('item/tool/requestUserInput', { ...scoped, questions });
    expect(describeRequest(r)!.questions).toEqual([
      { id: 'q1', header: 'Pick', question: 'Which?', options: [{ label: 'A', description: '' }], secret: false },
    ]);
    expect(answer(r, { choice: 'submit', answers: { q1: ['A'] } })).toEqual({ answers: { q1: { answers: ['A'] } } });
    expect(() => answer(r, { choice: 'submit', answers: {} })).toThrow(/Which\?/);
  });

  it('sends form content only when an elicitation is accepted', () => {
    const r = req('mcpServer/elicitation/request', {
      threadId: 't1',
      turnId: null,
      serverName: 'docs',
      mode: 'form',
      message: 'Your name?',
      requestedSchema: { type: 'object' },
    });
    expect(describeRequest(r)).toMatchObject({ kind: 'elicitation', title: 'docs asks: Your name?', formSchema: { type: 'object' } });
    expect(answer(r, { choice: 'accept', content: { name: 'Ada' } })).toEqual({ action: 'accept', content: { name: 'Ada' }, _meta: null });
    expect(answer(r, { choice: 'decline', content: { name: 'Ada' } })).toEqual({ action: 'decline', content: null, _meta: null });
  });

  it('answers the legacy approvals in their own words', () => {
    const r = req('execCommandApproval', { conversationId: 't1', callId: 'c', command: ['ls', '-la'], cwd: '/w' });
    expect(describeRequest(r)).toMatchObject({ kind: 'command', command: 'ls -la', threadId: 't1' });
    expect(answer(r, { choice: 'approved' })).toEqual({ decision: 'approved' });
    expect(answer(r, { choice: 'denied' })).toEqual({ decision: { denied: { rejection: 'Declined from Codex Pro Max.' } } });
  });
});
