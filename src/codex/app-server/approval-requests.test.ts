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

  it('names what each policy amendment would allow, and keeps amendments for two hosts apart', () => {
    const commands = { acceptWithExecpolicyAmendment: { execpolicy_amendment: ['npm', 'test'] } };
    const allow = { applyNetworkPolicyAmendment: { network_policy_amendment: { host: 'registry.npmjs.org', action: 'allow' } } };
    const deny = { applyNetworkPolicyAmendment: { network_policy_amendment: { host: 'tracker.example', action: 'deny' } } };
    const r = req('item/commandExecution/requestApproval', {
      ...scoped,
      command: 'npm test',
      availableDecisions: ['accept', commands, allow, deny, 'decline'],
    });
    expect(describeRequest(r)!.choices).toEqual([
      { id: 'accept', label: 'Allow', tone: 'accept' },
      { id: 'acceptWithExecpolicyAmendment', label: 'Always allow commands starting with npm test', tone: 'accept' },
      { id: 'applyNetworkPolicyAmendment', label: 'Always allow network access to registry.npmjs.org', tone: 'accept' },
      { id: 'applyNetworkPolicyAmendment:2', label: 'Decline, and always block tracker.example', tone: 'decline' },
      { id: 'decline', label: 'Decline', tone: 'decline' },
    ]);
    expect(answer(r, { choice: 'applyNetworkPolicyAmendment' })).toEqual({ decision: allow });
    expect(answer(r, { choice: 'applyNetworkPolicyAmendment:2' })).toEqual({ decision: deny });
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
      { id: 'q1', header: 'Pick', question: 'Which?', options: [{ label: 'A', description: '' }], secret: false, other: false },
    ]);
    const open = req('item/tool/requestUserInput', { ...scoped, questions: [{ ...questions[0], isOther: true }] });
    expect(describeRequest(open)!.questions[0]?.other).toBe(true);
    expect(answer(open, { choice: 'submit', answers: { q1: ['my own words'] } })).toEqual({
      answers: { q1: { answers: ['my own words'] } },
    });
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

  it('shows the page an URL elicitation asks to open, and accepts it without content', () => {
    const r = req('mcpServer/elicitation/request', {
      threadId: 't1',
      turnId: 'u1',
      serverName: 'billing',
      mode: 'url',
      message: 'Sign in to continue.',
      url: 'https://example.com/login',
      elicitationId: 'e1',
    });
    const d = describeRequest(r)!;
    expect(d).toMatchObject({ kind: 'elicitation', title: 'billing asks you to open a page', formSchema: null });
    expect(d.reason).toBe('Sign in to continue.\nOpen https://example.com/login and finish there, then say so here.');
    expect(d.choices.map((c) => c.id)).toEqual(['accept', 'decline', 'cancel']);
    expect(answer(r, { choice: 'accept', content: { x: 1 } })).toEqual({ action: 'accept', content: null, _meta: null });
  });

  it('shows the code a user-verification elicitation asks to compare', () => {
    const r = req('mcpServer/elicitation/request', {
      threadId: 't1',
      turnId: null,
      serverName: 'bank',
      mode: 'openai/userVerification',
      title: 'Confirm it is you',
      description: 'Compare the code with your phone.',
      challenge: '4812',
    });
    expect(describeRequest(r)).toMatchObject({
      title: 'bank asks: Confirm it is you',
      reason: 'Compare the code with your phone.\nCode to check: 4812',
    });
  });

  it('answers the legacy approvals in their own words', () => {
    const r = req('execCommandApproval', { conversationId: 't1', callId: 'c', command: ['ls', '-la'], cwd: '/w' });
    expect(describeRequest(r)).toMatchObject({ kind: 'command', command: 'ls -la', threadId: 't1' });
    expect(answer(r, { choice: 'approved' })).toEqual({ decision: 'approved' });
    expect(answer(r, { choice: 'denied' })).toEqual({ decision: { denied: { rejection: 'Declined from Codex Pro Max.' } } });
  });
});
