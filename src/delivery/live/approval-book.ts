// The approvals the daemon has asked us, open and recently closed. In memory only: a request's id is valid only on
// the connection it came on, so after a reconnect or a restart an old request cannot be answered anyway.
import { randomUUID } from 'node:crypto';
import type { RequestDescription } from '../../codex/app-server/approval-requests.js';
import type { AppServerRequest } from '../../codex/app-server/messages.js';
import type { SessionId } from '../../shared/ids.js';
import type { Approval, ApprovalState } from '../../shared/live.js';

export interface OpenApproval {
  approval: Approval;
  request: AppServerRequest;
  description: RequestDescription;
  /** Which daemon connection the request came on: answering it on another one would go nowhere. */
  epoch: number;
}

/** Closed ones are kept a while so a late click learns what happened instead of "not found". */
const KEEP_CLOSED = 200;

export class ApprovalBook {
  private readonly byId = new Map<string, OpenApproval>();

  open(sessionId: SessionId, request: AppServerRequest, description: RequestDescription, epoch: number, diff: string | null): Approval {
    const approval: Approval = {
      id: randomUUID(),
      sessionId,
      threadId: description.threadId,
      turnId: description.turnId,
      kind: description.kind,
      title: description.title,
      command: description.command,
      cwd: description.cwd,
      reason: description.reason,
      diff,
      choices: description.choices,
      questions: description.questions,
      formSchema: description.formSchema,
      state: 'open',
      answer: null,
      createdAt: new Date().toISOString(),
      closedAt: null,
    };
    this.byId.set(approval.id, { approval, request, description, epoch });
    this.trim();
    return approval;
  }

  get(id: string): OpenApproval | undefined {
    return this.byId.get(id);
  }

  /** The open approval for a daemon request id on a connection, for `serverRequest/resolved`. */
  byRequest(epoch: number, requestId: string | number): OpenApproval | undefined {
    for (const entry of this.byId.values()) {
      if (entry.epoch === epoch && entry.request.id === requestId && entry.approval.state === 'open') return entry;
    }
    return undefined;
  }

  /** Closes it once; returns the closed approval, or null when it was already closed. */
  close(id: string, state: Exclude<ApprovalState, 'open'>, answer: string | null = null): Approval | null {
    const entry = this.byId.get(id);
    if (!entry || entry.approval.state !== 'open') return null;
    entry.approval = { ...entry.approval, state, answer, closedAt: new Date().toISOString() };
    return entry.approval;
  }

  openFor(sessionId: SessionId): Approval[] {
    return [...this.byId.values()].filter((e) => e.approval.sessionId === sessionId && e.approval.state === 'open').map((e) => e.approval);
  }

  /** Every open approval, for expiring them when the connection they came on is gone. */
  allOpen(): OpenApproval[] {
    return [...this.byId.values()].filter((e) => e.approval.state === 'open');
  }

  private trim(): void {
    const closed = [...this.byId.values()].filter((e) => e.approval.state !== 'open');
    for (const entry of closed.slice(0, Math.max(0, closed.length - KEEP_CLOSED))) this.byId.delete(entry.approval.id);
  }
}
