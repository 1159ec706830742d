// Words for History's metadata: who started a session, its size in tokens.
import type { HistoryOriginator } from '../../../src/shared/history.js';

export const ORIGINATOR_LABEL: Record<HistoryOriginator, string> = {
  terminal: 'Terminal',
  exec: 'codex exec',
  ide: 'IDE',
  desktop: 'Desktop app',
  codex_pro_max: 'Codex Pro Max',
  other: 'Other',
};

const n = new Intl.NumberFormat('en-US');
export const count = (v: number) => n.format(v);

/** "12.3k tokens" */
export function tokensShort(v: number): string {
  if (v < 1000) return `${v} tokens`;
  if (v < 1_000_000) return `${(v / 1000).toFixed(v < 10_000 ? 1 : 0)}k tokens`;
  return `${(v / 1_000_000).toFixed(1)}M tokens`;
}
