// Writes Codex rollout files (0.169 shape) into a CODEX_HOME, for History's UI tests and screenshots: many small
// sessions spread over a few projects, and a long one whose every turn is a prompt, a command and a message.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A UUIDv7 for time `ms` (what Codex names threads with), so the finder's date folders match. */
export function threadIdAt(ms: number, n: number): string {
  const t = ms.toString(16).padStart(12, '0');
  const r = n.toString(16).padStart(12, '0').slice(-12);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r.slice(0, 3)}-8${r.slice(3, 6)}-${r.slice(-12).padStart(12, '0')}`;
}

export interface SeedTurn {
  prompt: string;
  message: string;
  command?: string;
}

/** Writes one rollout; returns its path. */
export function writeRollout(codexHome: string, threadId: string, ms: number, cwd: string, turns: SeedTurn[]): string {
  const d = new Date(ms);
  const pad = (v: number) => String(v).padStart(2, '0');
  const dir = join(codexHome, 'sessions', String(d.getUTCFullYear()), pad(d.getUTCMonth() + 1), pad(d.getUTCDate()));
  mkdirSync(dir, { recursive: true });
  const stamp = d.toISOString().slice(0, 19).replace(/:/g, '-');
  const at = (i: number) => new Date(ms + i * 1000).toISOString();
  const line = (i: number, type: string, payload: unknown) => JSON.stringify({ timestamp: at(i), type, payload });
  const lines = [
    line(0, 'session_meta', { id: threadId, timestamp: at(0), cwd, originator: 'codex-tui', cli_version: '0.169.0', source: 'cli' }),
  ];
  turns.forEach((turn, k) => {
    const i = 1 + k * 6;
    const turnId = `turn-${k}`;
    const item = (j: number, body: unknown) => line(i + j, 'event_msg', { type: 'item_completed', turn_id: turnId, item: body });
    lines.push(line(i, 'event_msg', { type: 'task_started', turn_id: turnId }));
    lines.push(item(1, { type: 'UserMessage', id: `u${k}`, content: [{ type: 'text', text: turn.prompt }] }));
    if (turn.command)
      lines.push(
        item(2, {
          type: 'CommandExecution',
          id: `c${k}`,
          command: ['/bin/bash', '-lc', turn.command],
          cwd: `file://${cwd}`,
          status: 'completed',
          aggregated_output: `ran ${turn.command}\n`,
          exit_code: 0,
        }),
      );
    lines.push(item(3, { type: 'AgentMessage', id: `a${k}`, content: [{ type: 'Text', text: turn.message }] }));
    lines.push(line(i + 4, 'event_msg', { type: 'task_complete', turn_id: turnId, duration_ms: 900 }));
  });
  const path = join(dir, `rollout-${stamp}-${threadId}.jsonl`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

export interface SeededHistory {
  /** Every thread, newest first. */
  threads: string[];
  longThread: string;
}

/**
 * `count` one-turn sessions over `projects` folders under `root` (the newest first in time), plus one long session of
 * `longTurns` turns, newest of all, whose turn `needleTurn` answers with `needle`.
 */
export function seedHistory(
  codexHome: string,
  root: string,
  opts: { count: number; projects: number; longTurns: number; needleTurn: number; needle: string },
): SeededHistory {
  const base = Date.UTC(2026, 10, 1, 9, 0, 0);
  const threads: string[] = [];
  for (let i = 0; i < opts.count; i++) {
    const ms = base + i * 60_000;
    const id = threadIdAt(ms, i + 1);
    const project = join(root, `project-${i % opts.projects}`);
    // Each its own repository, whatever folders above it hold one.
    mkdirSync(join(project, '.git'), { recursive: true });
    writeRollout(codexHome, id, ms, project, [{ prompt: `Fix issue number ${i} in the parser`, message: `Fixed issue ${i}.` }]);
    threads.unshift(id);
  }
  const longMs = base + opts.count * 60_000;
  const longThread = threadIdAt(longMs, 999_999);
  const longProject = join(root, 'project-long');
  mkdirSync(join(longProject, '.git'), { recursive: true });
  writeRollout(
    codexHome,
    longThread,
    longMs,
    longProject,
    Array.from({ length: opts.longTurns }, (_, k) => ({
      prompt: `Step ${k}: check the build`,
      command: `npm run step-${k}`,
      message: k === opts.needleTurn ? `Step ${k} done. ${opts.needle}` : `Step ${k} done.`,
    })),
  );
  threads.unshift(longThread);
  return { threads, longThread };
}
