// Who started a thread, as History groups it, from the `originator` and `source` its session_meta names. Pure.
// Values seen: codex-tui / codex_cli_rs + source "cli" (terminal), codex_exec + "exec", codex_vscode + "vscode",
// the desktop app's "Codex Desktop", codex_sdk_ts, and "codex-pro-max" for threads our daemon client started.
import type { HistoryOriginator } from '../../shared/history.js';

/** Maps Codex's raw originator/source to History's few kinds; anything new is `other`, never an error. */
export function originatorKind(originator: string | null, source: string | null): HistoryOriginator {
  const o = (originator ?? '').toLowerCase().replace(/[\s-]/g, '_');
  const s = (source ?? '').toLowerCase();
  if (o.includes('codex_pro_max')) return 'codex_pro_max';
  if (o.includes('desktop') || o === 'codex_app' || o.includes('codex_mac') || o.includes('codex_windows')) return 'desktop';
  if (o.includes('vscode') || o.includes('jetbrains') || o.includes('cursor') || o.includes('ide') || s === 'vscode') return 'ide';
  if (o === 'codex_exec' || s === 'exec') return 'exec';
  if (o === 'codex_tui' || o === 'codex_cli_rs' || s === 'cli') return 'terminal';
  return 'other';
}
