// Pure folding of live-thread pushes into what the session view shows: turns in order with their items, and the open
// approvals. No React, no I/O; every function returns its input unchanged when a push is not for this session.
import type { Approval, LiveInfo, LiveTurn } from '../../../src/shared/live.js';
import type { PushMessage } from '../../../src/shared/push.js';
import type { ActivityItem } from '../../../src/shared/rollout.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { upsertItems } from '../lib/activity-items.js';

export interface LiveTranscriptView {
  /** Oldest first, as the history pages and the pushes both order them. */
  turns: LiveTurn[];
  /** The cursor for the page older than the oldest one shown; null when the start of the thread is shown. */
  before: string | null;
}

export const emptyTranscript: LiveTranscriptView = { turns: [], before: null };

export type LiveTurnPush = Extract<PushMessage, { type: 'live.turn' | 'live.item' | 'live.delta' }>;

const newTurn = (id: string): LiveTurn => ({ id, status: 'in_progress', items: [], error: null });

/** Streams `text` into an item: message-like items grow their text, a command its output; unknown ids start a message. */
export function appendDelta(items: ActivityItem[], itemId: string, text: string): ActivityItem[] {
  const at = items.findIndex((i) => i.id === itemId);
  if (at === -1) return [...items, { id: itemId, atIso: null, kind: 'message', text }];
  const item = items[at] as ActivityItem;
  let grown: ActivityItem;
  switch (item.kind) {
    case 'user':
    case 'message':
    case 'reasoning':
      grown = { ...item, text: item.text + text };
      break;
    case 'command':
      grown = { ...item, output: item.output + text };
      break;
    case 'tool':
      grown = { ...item, output: (item.output ?? '') + text };
      break;
    default:
      // A file change or a plan has no free text to stream into; its next live.item carries the whole state.
      return items;
  }
  const out = [...items];
  out[at] = grown;
  return out;
}

function withTurn(view: LiveTranscriptView, turnId: string, change: (t: LiveTurn) => LiveTurn): LiveTranscriptView {
  const at = view.turns.findIndex((t) => t.id === turnId);
  if (at === -1) return { ...view, turns: [...view.turns, change(newTurn(turnId))] };
  const turns = [...view.turns];
  turns[at] = change(turns[at] as LiveTurn);
  return { ...view, turns };
}

/**
 * Folds one live push in. `live.turn` and `live.item` replace by id, so replaying them is harmless. A `live.delta`
 * appends: one replayed over history that already had it doubles that piece of text until the item's next
 * `live.item` (sent when it completes) replaces it whole.
 */
export function applyLivePush(view: LiveTranscriptView, sessionId: string, msg: LiveTurnPush): LiveTranscriptView {
  if (msg.sessionId !== sessionId) return view;
  switch (msg.type) {
    case 'live.turn':
      // The pushed turn's items are newer than ours; items only we have (streamed, not yet in a turn push) stay after them.
      return withTurn(view, msg.turn.id, (t) => ({
        ...msg.turn,
        items: upsertItems(
          msg.turn.items,
          t.items.filter((i) => !msg.turn.items.some((p) => p.id === i.id)),
        ),
      }));
    case 'live.item':
      return withTurn(view, msg.turnId, (t) => ({ ...t, items: upsertItems(t.items, [msg.item]) }));
    case 'live.delta':
      return withTurn(view, msg.turnId, (t) => ({ ...t, items: appendDelta(t.items, msg.itemId, msg.text) }));
  }
}

/** Puts an older history page in front; turns already shown (a push may have brought one) are kept as they are. */
export function prependPage(view: LiveTranscriptView, page: { turns: LiveTurn[]; before: string | null }): LiveTranscriptView {
  const known = new Set(view.turns.map((t) => t.id));
  return { turns: [...page.turns.filter((t) => !known.has(t.id)), ...view.turns], before: page.before };
}

/** The open approvals of one session, oldest first: an open one is added or replaced, any other state removes it. */
export function applyApprovalPush(open: Approval[], sessionId: string, approval: Approval): Approval[] {
  if (approval.sessionId !== sessionId) return open;
  const rest = open.filter((a) => a.id !== approval.id);
  if (approval.state !== 'open') return rest.length === open.length ? open : rest;
  const at = open.findIndex((a) => a.id === approval.id);
  if (at === -1) return [...open, approval];
  const out = [...open];
  out[at] = approval;
  return out;
}

/** Choices in the order the card shows them: accepting ones first, then neutral, then declining (stable otherwise). */
export function orderedChoices<C extends { tone: 'accept' | 'decline' | 'neutral' }>(choices: C[]): C[] {
  const rank = { accept: 0, neutral: 1, decline: 2 } as const;
  return [...choices].sort((a, b) => rank[a.tone] - rank[b.tone]);
}

/** Open approvals across every session the tab knows, for the tab title (a closed terminal asks for nothing). */
export function approvalCount(sessions: Record<string, SessionSummary>): number {
  let n = 0;
  for (const s of Object.values(sessions)) if (s.live && s.live.status !== 'closed') n += s.live.pendingApprovals;
  return n;
}

/** Whether prompts typed now land in a running turn (steer) or start the next one. */
export function isWorking(live: LiveInfo | null): boolean {
  return live !== null && (live.status === 'working' || live.status === 'needs_approval');
}

export const LIVE_STATUS_LABEL: Record<LiveInfo['status'], string> = {
  working: 'Working',
  needs_approval: 'Needs approval',
  idle: 'Waiting for you',
  closed: 'Terminal closed',
  error: 'Error',
};

/** Codex's originator names in plain words: who started the thread. */
export function originatorLabel(originator: string | null): string | null {
  if (!originator) return null;
  const o = originator.toLowerCase();
  if (o.includes('tui') || o === 'codex_cli_rs' || o === 'codex-cli') return 'terminal';
  if (o.includes('exec')) return 'exec';
  if (o.includes('vscode') || o.includes('ide') || o.includes('jetbrains') || o.includes('cursor')) return 'IDE';
  if (o.includes('pro-max') || o.includes('pro_max')) return 'this app';
  return originator;
}

/** The sidebar dot's class for a live thread, from the same palette as session statuses. */
export const LIVE_DOT_CLASS: Record<LiveInfo['status'], string> = {
  working: 'running',
  needs_approval: 'waiting',
  idle: 'waiting',
  closed: 'stopped',
  error: 'error',
};
