// Folds a turn's ordered drive events into display rows: one row per Codex item (latest state wins), plus turn-level notes.
// Pure, so the live view and a reload show the same thing.
import type { DriveEvent, DriveItem } from '../../../src/shared/drive.js';
import type { TokenUsage } from '../../../src/shared/usage.js';

export type TurnRow =
  | { key: string; kind: 'item'; item: DriveItem; phase: 'started' | 'updated' | 'completed' }
  | { key: string; kind: 'note'; tone: 'info' | 'error'; text: string }
  | { key: string; kind: 'unknown'; type: string; raw: unknown };

/** Events in seq order (duplicates ignored) → rows in order of first appearance. */
export function foldTurnEvents(events: DriveEvent[]): TurnRow[] {
  const seen = new Set<number>();
  const rows: TurnRow[] = [];
  const byItem = new Map<string, number>();
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    if (seen.has(e.seq)) continue;
    seen.add(e.seq);
    switch (e.kind) {
      case 'item': {
        const key = `item:${e.item.type}:${e.item.id}`;
        const row: TurnRow = { key, kind: 'item', item: e.item, phase: e.phase };
        const at = byItem.get(key);
        if (at === undefined) {
          byItem.set(key, rows.length);
          rows.push(row);
        } else rows[at] = row;
        break;
      }
      case 'error':
        rows.push({ key: `e${e.seq}`, kind: 'note', tone: 'error', text: e.message });
        break;
      case 'turn_failed':
        rows.push({ key: `e${e.seq}`, kind: 'note', tone: 'error', text: `Turn failed: ${e.message}` });
        break;
      case 'exited':
        if (e.interrupted) rows.push({ key: `e${e.seq}`, kind: 'note', tone: 'info', text: 'Interrupted.' });
        else if (e.code !== 0)
          rows.push({ key: `e${e.seq}`, kind: 'note', tone: 'error', text: `Codex exited with ${e.signal ?? `code ${e.code}`}.` });
        break;
      case 'unknown':
        rows.push({ key: `e${e.seq}`, kind: 'unknown', type: e.type, raw: e.raw });
        break;
      default:
        break; // thread_started, turn_started, turn_completed: shown in the turn header
    }
  }
  return rows;
}

/** "1,234 in (1,000 cached) · 56 out (12 reasoning)" */
export function formatUsage(u: TokenUsage): string {
  const n = (v: number) => v.toLocaleString('en-US');
  return `${n(u.inputTokens)} in (${n(u.cachedInputTokens)} cached) · ${n(u.outputTokens)} out (${n(u.reasoningOutputTokens)} reasoning)`;
}
