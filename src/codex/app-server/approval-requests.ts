// What an approval request from the daemon asks, in plain words with the choices it offers, and the answer each
// choice sends back (codex-cli 0.169/0.171 v2 requests plus the legacy v1 ones). Pure.
import type { ApprovalAnswerBody, ApprovalChoice, ApprovalKind, ApprovalQuestion } from '../../shared/live.js';
import type { AppServerRequest } from './messages.js';

type Loose = Record<string, unknown>;

export interface RequestDescription {
  kind: ApprovalKind;
  threadId: string;
  turnId: string | null;
  /** The item the request is about, to find a file change's diff. */
  itemId: string | null;
  title: string;
  command: string | null;
  cwd: string | null;
  reason: string | null;
  choices: ApprovalChoice[];
  questions: ApprovalQuestion[];
  formSchema: unknown;
}

/** An answer the browser sent that this request cannot take. */
export class BadAnswer extends Error {}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const LABELS: Record<string, [string, ApprovalChoice['tone']]> = {
  accept: ['Allow', 'accept'],
  acceptForSession: ['Allow for this session', 'accept'],
  acceptWithExecpolicyAmendment: ['Always allow commands like this', 'accept'],
  applyNetworkPolicyAmendment: ['Allow this network access from now on', 'accept'],
  decline: ['Decline', 'decline'],
  cancel: ['Decline and stop the turn', 'decline'],
};
const DEFAULT_DECISIONS = ['accept', 'acceptForSession', 'decline', 'cancel'];

/** A decision is a string or a one-key object ({acceptWithExecpolicyAmendment: …}); its id is that string or key. */
const decisionId = (d: unknown): string | null =>
  typeof d === 'string' ? d : d && typeof d === 'object' ? (Object.keys(d)[0] ?? null) : null;

/** An amendment's own words: which commands or which host it would allow (or block) from now on. */
function amendmentChoice(key: string, d: unknown): Pick<ApprovalChoice, 'label' | 'tone'> | null {
  const value = (d && typeof d === 'object' ? (d as Loose)[key] : null) as Loose | null;
  const prefix = value?.execpolicy_amendment;
  if (key === 'acceptWithExecpolicyAmendment' && Array.isArray(prefix) && prefix.length > 0) {
    return { label: `Always allow commands starting with ${prefix.join(' ')}`, tone: 'accept' };
  }
  const network = (value?.network_policy_amendment ?? null) as Loose | null;
  if (key === 'applyNetworkPolicyAmendment' && typeof network?.host === 'string') {
    return network.action === 'deny'
      ? { label: `Decline, and always block ${network.host}`, tone: 'decline' }
      : { label: `Always allow network access to ${network.host}`, tone: 'accept' };
  }
  return null;
}

/**
 * The offered decisions we can show, each with its choice. A request can offer one kind of amendment more than once
 * (one per host), so a repeat gets an id of its own (`applyNetworkPolicyAmendment:2`) and answers with its own.
 */
function offeredChoices(decisions: unknown[]): { choice: ApprovalChoice; decision: unknown }[] {
  const seen = new Map<string, number>();
  const out: { choice: ApprovalChoice; decision: unknown }[] = [];
  for (const decision of decisions) {
    const key = decisionId(decision);
    if (key === null || !(key in LABELS)) continue;
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const [label, tone] = LABELS[key] as [string, ApprovalChoice['tone']];
    const words = amendmentChoice(key, decision) ?? { label, tone };
    out.push({ choice: { id: n === 1 ? key : `${key}:${n}`, ...words }, decision });
  }
  return out;
}

function choicesFrom(decisions: unknown[]): ApprovalChoice[] {
  return offeredChoices(decisions).map((o) => o.choice);
}

const ELICITATION_CHOICES: ApprovalChoice[] = [
  { id: 'accept', label: 'Send', tone: 'accept' },
  { id: 'decline', label: 'Decline', tone: 'decline' },
  { id: 'cancel', label: 'Cancel', tone: 'neutral' },
];
const URL_CHOICES: ApprovalChoice[] = [
  { id: 'accept', label: 'I have done it', tone: 'accept' },
  { id: 'decline', label: 'Decline', tone: 'decline' },
  { id: 'cancel', label: 'Cancel', tone: 'neutral' },
];
const PERMISSION_CHOICES: ApprovalChoice[] = [
  { id: 'turn', label: 'Allow for this turn', tone: 'accept' },
  { id: 'session', label: 'Allow for this session', tone: 'accept' },
  { id: 'decline', label: 'Decline', tone: 'decline' },
];
const LEGACY_CHOICES: ApprovalChoice[] = [
  { id: 'approved', label: 'Allow', tone: 'accept' },
  { id: 'approved_for_session', label: 'Allow for this session', tone: 'accept' },
  { id: 'denied', label: 'Decline', tone: 'decline' },
  { id: 'abort', label: 'Decline and stop the turn', tone: 'decline' },
];

function questionsOf(raw: unknown): ApprovalQuestion[] {
  return (Array.isArray(raw) ? raw : []).map((q: Loose) => ({
    id: String(q.id),
    header: str(q.header) ?? '',
    question: str(q.question) ?? '',
    options: (Array.isArray(q.options) ? q.options : []).map((o: Loose) => ({
      label: String(o.label ?? ''),
      description: String(o.description ?? ''),
    })),
    secret: q.isSecret === true,
    other: q.isOther === true,
  }));
}

function permissionSummary(p: Loose): string {
  const parts: string[] = [];
  const fs = (p.fileSystem ?? null) as Loose | null;
  if (fs) parts.push('file access');
  if (p.network) parts.push('network access');
  return parts.length ? parts.join(' and ') : 'more access';
}

/** A command approval's description (v2 and legacy ask the same thing in different shapes). */
function commandRequest(command: string | null, p: Loose) {
  return {
    kind: 'command' as const,
    title: command ? `Run ${command}` : 'Run a command',
    command,
    cwd: str(p.cwd),
    reason: str(p.reason),
    questions: [],
    formSchema: null,
  };
}

/** Describes a request we show; null for a request this product does not answer. */
export function describeRequest(request: AppServerRequest): RequestDescription | null {
  const p = (request.params ?? {}) as Loose;
  const scoped = { threadId: String(p.threadId ?? p.conversationId ?? ''), turnId: str(p.turnId), itemId: str(p.itemId) };
  const none = { command: null, cwd: null, questions: [], formSchema: null };
  switch (request.method) {
    case 'item/commandExecution/requestApproval': {
      const offered = Array.isArray(p.availableDecisions) ? p.availableDecisions : DEFAULT_DECISIONS;
      return { ...commandRequest(str(p.command), p), ...scoped, choices: choicesFrom(offered) };
    }
    case 'item/fileChange/requestApproval':
      return {
        kind: 'file_change',
        ...scoped,
        ...none,
        title: p.grantRoot ? `Change files under ${p.grantRoot}` : 'Change files',
        reason: str(p.reason),
        choices: choicesFrom(DEFAULT_DECISIONS),
      };
    case 'item/permissions/requestApproval':
      return {
        kind: 'permissions',
        ...scoped,
        ...none,
        title: `Allow ${permissionSummary((p.permissions ?? {}) as Loose)}`,
        cwd: str(p.cwd),
        reason: str(p.reason),
        choices: PERMISSION_CHOICES,
      };
    case 'item/tool/requestUserInput': {
      const questions = questionsOf(p.questions);
      return {
        kind: 'user_input',
        ...scoped,
        ...none,
        title: questions[0]?.header || questions[0]?.question || 'Codex has a question',
        reason: null,
        questions,
        choices: [{ id: 'submit', label: 'Send answer', tone: 'accept' }],
      };
    }
    case 'mcpServer/elicitation/request': {
      const server = str(p.serverName) ?? 'An MCP server';
      const elicitation = { kind: 'elicitation' as const, ...scoped, ...none };
      // A page to open (sign in, pay…): nothing to fill in here, so its address is what the person needs to see.
      if (p.mode === 'url') {
        const reason = [str(p.message), str(p.url) && `Open ${p.url} and finish there, then say so here.`].filter(Boolean).join('\n');
        return { ...elicitation, title: `${server} asks you to open a page`, reason: reason || null, choices: URL_CHOICES };
      }
      const challenge = str(p.challenge) && `Code to check: ${p.challenge}`;
      return {
        ...elicitation,
        title: `${server} asks: ${str(p.message) ?? str(p.title) ?? 'for your input'}`,
        reason: [str(p.description), challenge].filter(Boolean).join('\n') || null,
        formSchema: p.requestedSchema ?? null,
        choices: ELICITATION_CHOICES,
      };
    }
    case 'execCommandApproval':
      return { ...commandRequest(Array.isArray(p.command) ? p.command.join(' ') : str(p.command), p), ...scoped, choices: LEGACY_CHOICES };
    case 'applyPatchApproval':
      return { kind: 'file_change', ...scoped, ...none, title: 'Change files', reason: str(p.reason), choices: LEGACY_CHOICES };
    default:
      return null;
  }
}

/** The `result` that answers `request` with the person's choice. Throws BadAnswer for a choice it does not offer. */
export function answerFor(request: AppServerRequest, description: RequestDescription, body: ApprovalAnswerBody): unknown {
  if (!description.choices.some((c) => c.id === body.choice)) {
    throw new BadAnswer(`"${body.choice}" is not one of this request's answers (${description.choices.map((c) => c.id).join(', ')}).`);
  }
  const p = (request.params ?? {}) as Loose;
  switch (request.method) {
    case 'item/commandExecution/requestApproval': {
      // An amendment decision goes back exactly as offered, with the policy change Codex proposed.
      const offered = Array.isArray(p.availableDecisions) ? p.availableDecisions : DEFAULT_DECISIONS;
      return { decision: offeredChoices(offered).find((o) => o.choice.id === body.choice)?.decision ?? body.choice };
    }
    case 'item/fileChange/requestApproval':
      return { decision: body.choice };
    case 'item/permissions/requestApproval': {
      const requested = (p.permissions ?? {}) as Loose;
      if (body.choice === 'decline') return { permissions: {}, scope: 'turn' };
      const granted: Loose = {};
      if (requested.network) granted.network = requested.network;
      if (requested.fileSystem) granted.fileSystem = requested.fileSystem;
      return { permissions: granted, scope: body.choice };
    }
    case 'item/tool/requestUserInput': {
      const answers: Record<string, { answers: string[] }> = {};
      for (const q of description.questions) {
        const given = body.answers?.[q.id];
        if (!given || given.length === 0) throw new BadAnswer(`Answer the question "${q.question || q.id}".`);
        answers[q.id] = { answers: given };
      }
      return { answers };
    }
    case 'mcpServer/elicitation/request':
      // Content belongs to an accepted form only; a page opened elsewhere is accepted with none.
      return {
        action: body.choice,
        content: body.choice === 'accept' && description.formSchema !== null ? (body.content ?? {}) : null,
        _meta: null,
      };
    case 'execCommandApproval':
    case 'applyPatchApproval':
      return { decision: body.choice === 'denied' ? { denied: { rejection: 'Declined from Codex Pro Max.' } } : body.choice };
    default:
      throw new BadAnswer('This request cannot be answered from here.');
  }
}
