// What a live thread's items and status mean for the UI: v2 `ThreadItem`s (codex-cli 0.169/0.171) become the activity
// items the rollout reader also produces, so one renderer shows both. Pure; an item type we do not show gives null.
import type { LiveStatus } from '../../shared/live.js';
import type { ActivityItem } from '../../shared/rollout.js';

type Loose = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v));
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
const iso = (ms: unknown): string | null => (typeof ms === 'number' ? new Date(ms).toISOString() : null);

/** Item statuses across item types (camelCase in v2) in the four words activity items use. */
function statusOf(raw: unknown): 'in_progress' | 'completed' | 'failed' | 'declined' | null {
  switch (raw) {
    case 'inProgress':
      return 'in_progress';
    case 'completed':
      return 'completed';
    case 'failed':
      return 'failed';
    case 'declined':
      return 'declined';
    default:
      return null;
  }
}

function textOfInput(content: unknown): string {
  if (!Array.isArray(content)) return '';
  return content
    .map((part: Loose) => (part?.type === 'text' ? str(part.text) : part?.type === 'localImage' ? `[image: ${str(part.path)}]` : ''))
    .filter(Boolean)
    .join('\n');
}

function changeKind(kind: unknown): { change: string; movePath: string | null } {
  const k = (kind ?? {}) as Loose;
  return { change: str(k.type) || 'update', movePath: typeof k.move_path === 'string' ? k.move_path : null };
}

function mcpResult(result: unknown): string {
  const r = (result ?? {}) as Loose;
  if (Array.isArray(r.content)) return r.content.map((c: Loose) => (c?.type === 'text' ? str(c.text) : str(c))).join('\n');
  return result === null || result === undefined ? '' : str(result);
}

/** One thread item as an activity item; null for item types the transcript does not show. */
export function activityFromItem(raw: unknown): ActivityItem | null {
  const item = (raw ?? {}) as Loose;
  const id = str(item.id);
  const atIso = iso(item.startedAtMs) ?? iso(item.completedAtMs);
  const base = { id, atIso };
  switch (item.type) {
    case 'userMessage':
      return { ...base, kind: 'user', text: textOfInput(item.content) };
    case 'agentMessage':
      return { ...base, kind: 'message', text: str(item.text) };
    case 'reasoning': {
      const summary = Array.isArray(item.summary) ? item.summary.map(str) : [];
      return { ...base, kind: 'reasoning', text: summary.join('\n\n') };
    }
    case 'commandExecution':
      return {
        ...base,
        kind: 'command',
        command: str(item.command),
        cwd: typeof item.cwd === 'string' ? item.cwd : null,
        exitCode: num(item.exitCode),
        output: str(item.aggregatedOutput),
        status: statusOf(item.status),
        durationMs: num(item.durationMs),
      };
    case 'fileChange':
      return {
        ...base,
        kind: 'file_change',
        files: (Array.isArray(item.changes) ? item.changes : []).map((c: Loose) => ({
          path: str(c.path),
          ...changeKind(c.kind),
          diff: str(c.diff),
        })),
        status: statusOf(item.status),
      };
    case 'mcpToolCall': {
      const error = (item.error ?? null) as Loose | null;
      return {
        ...base,
        kind: 'mcp',
        server: str(item.server),
        tool: str(item.tool),
        arguments: str(item.arguments),
        result: mcpResult(item.result),
        error: error ? str(error.message ?? error) : null,
        status: statusOf(item.status),
      };
    }
    case 'webSearch':
      return { ...base, kind: 'web_search', query: str(item.query) };
    case 'plan':
      return { ...base, kind: 'plan', explanation: str(item.text) || null, steps: [] };
    case 'dynamicToolCall':
      return { ...base, kind: 'tool', name: str(item.tool), input: str(item.arguments), output: null };
    case 'contextCompaction':
      return { ...base, kind: 'task', event: 'compacted', text: null };
    default:
      return null;
  }
}

/**
 * A `turn/plan/updated` notification (Codex's checklist for the turn, from its plan tool) as the turn's plan item. It is
 * not a thread item, so it has an id of its own per turn and each update replaces the last.
 */
export function planFromUpdate(raw: unknown): { turnId: string; item: ActivityItem } | null {
  const p = (raw ?? {}) as Loose;
  if (typeof p.turnId !== 'string' || !Array.isArray(p.plan)) return null;
  const steps = p.plan.map((s: Loose) => ({ step: str(s?.step), status: statusOf(s?.status) ?? 'pending' }));
  const explanation = typeof p.explanation === 'string' && p.explanation !== '' ? p.explanation : null;
  return { turnId: p.turnId, item: { id: `plan-${p.turnId}`, atIso: null, kind: 'plan', explanation, steps } };
}

/** The daemon's thread status plus what we know of its open approvals, in the words the UI shows. */
export function liveStatusOf(status: unknown, pendingApprovals: number): LiveStatus {
  const s = (status ?? {}) as Loose;
  switch (s.type) {
    case 'active': {
      const flags = Array.isArray(s.activeFlags) ? s.activeFlags : [];
      return pendingApprovals > 0 || flags.includes('waitingOnApproval') || flags.includes('waitingOnUserInput')
        ? 'needs_approval'
        : 'working';
    }
    case 'idle':
      return 'idle';
    case 'systemError':
      return 'error';
    default:
      return 'closed';
  }
}

/** The turn statuses of v2 `Turn` in the words live turns use. */
export function turnStatusOf(raw: unknown): 'in_progress' | 'completed' | 'interrupted' | 'failed' {
  switch (raw) {
    case 'completed':
      return 'completed';
    case 'interrupted':
      return 'interrupted';
    case 'failed':
      return 'failed';
    default:
      return 'in_progress';
  }
}
