// Writes synthetic Codex rollouts with known contents, for the History tests (small, with planted phrases) and the
// History benchmark (thousands of sessions, gigabytes). Lines follow Codex 0.169 (item_completed TurnItems beside
// their response items) or the older event format; deterministic for a given seed. Never committed output.
import { once } from 'node:events';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

export type CorpusFormat = 'v0169' | 'legacy';

export interface TurnSpec {
  prompt: string;
  message: string;
  command: string;
  /** What the command printed: tool output, which must never be found as a message. */
  output: string;
  file: string;
}

export interface SessionSpec {
  format: CorpusFormat;
  threadId: string;
  cwd: string;
  startedAt: Date;
  originator?: string;
  source?: string;
  model?: string;
  turns: TurnSpec[];
  /** Leave the last line without its newline and cut in half (Codex stopped half way through writing it). */
  truncateLast?: boolean;
}

/** `sessions/YYYY/MM/DD/rollout-<time>-<uuid>.jsonl` under a Codex home, as Codex names them. */
export function rolloutPathFor(codexHome: string, threadId: string, at: Date): string {
  const iso = at.toISOString();
  const [y, m, d] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
  return join(codexHome, 'sessions', y, m, d, `rollout-${iso.slice(0, 19).replaceAll(':', '-')}-${threadId}.jsonl`);
}

/** A UUIDv7-looking thread id from a number. */
export function threadIdFor(n: number, at: Date): string {
  const ms = at.getTime().toString(16).padStart(12, '0');
  const tail = n.toString(16).padStart(12, '0');
  return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7000-8000-${tail}`;
}

/** The lines of one session, without newlines. */
export function sessionLines(spec: SessionSpec): string[] {
  const lines: object[] = [];
  let ordinal = 0;
  const t0 = spec.startedAt.getTime();
  let tick = 0;
  const at = () => new Date(t0 + tick++ * 1000).toISOString();
  const push = (type: string, payload: object, extra: object = {}) =>
    lines.push(
      spec.format === 'v0169' ? { timestamp: at(), ordinal: ordinal++, type, payload, ...extra } : { timestamp: at(), type, payload },
    );
  push('session_meta', {
    id: spec.threadId,
    session_id: spec.threadId,
    timestamp: spec.startedAt.toISOString(),
    cwd: spec.cwd,
    originator: spec.originator ?? (spec.format === 'v0169' ? 'codex-tui' : 'codex_cli_rs'),
    cli_version: spec.format === 'v0169' ? '0.169.0' : '0.50.0',
    source: spec.source ?? 'cli',
    model_provider: 'openai',
    base_instructions: { text: 'You are Codex.' },
    history_mode: spec.format === 'v0169' ? 'paginated' : 'legacy',
  });
  spec.turns.forEach((t, i) => {
    const turnId = `${spec.threadId.slice(0, 24)}${String(i).padStart(12, '0')}`;
    const call = `call_${i}_1`;
    const patchCall = `call_${i}_2`;
    const usage = {
      input_tokens: 1000 * (i + 1),
      cached_input_tokens: 0,
      output_tokens: 100 * (i + 1),
      reasoning_output_tokens: 0,
      total_tokens: 1100 * (i + 1),
    };
    const patch = `*** Begin Patch\n*** Update File: ${t.file}\n@@\n-old\n+new\n*** End Patch`;
    if (spec.format === 'v0169') {
      push('event_msg', { type: 'task_started', turn_id: turnId, model_context_window: 272000 });
      push('turn_context', { turn_id: turnId, cwd: spec.cwd, model: spec.model ?? 'gpt-5.5', summary: 'auto' });
      // Codex's own thread index takes a thread's first prompt from the message marked as the person's input.
      push(
        'response_item',
        {
          type: 'message',
          id: `msg_u${i}`,
          role: 'user',
          content: [{ type: 'input_text', text: t.prompt }],
          internal_chat_message_metadata_passthrough: {
            turn_id: turnId,
            content_item_kinds: ['user.text'],
            content_item_metadata: [{ provenance: { type: 'user' } }],
          },
        },
        { metadata: { history_sequence: ordinal, client_authored: false, user_input_order: i } },
      );
      push('event_msg', {
        type: 'item_completed',
        thread_id: spec.threadId,
        turn_id: turnId,
        item: { type: 'UserMessage', id: `u${i}`, content: [{ type: 'text', text: t.prompt, text_elements: [] }] },
        started_at_ms: t0,
        completed_at_ms: t0,
      });
      push('response_item', {
        type: 'reasoning',
        id: `r${i}`,
        summary: [{ type: 'summary_text', text: 'Thinking it over.' }],
        encrypted_content: 'g'.repeat(800),
      });
      push('response_item', { type: 'function_call', name: 'exec_command', arguments: JSON.stringify({ cmd: t.command }), call_id: call });
      push('event_msg', {
        type: 'item_completed',
        turn_id: turnId,
        item: {
          type: 'CommandExecution',
          id: call,
          command: ['/bin/bash', '-lc', t.command],
          cwd: `file://${spec.cwd}`,
          status: 'completed',
          aggregated_output: t.output,
          exit_code: 0,
          duration: { secs: 0, nanos: 1000 },
        },
      });
      push('response_item', { type: 'function_call_output', call_id: call, output: `Process exited with code 0\nOutput:\n${t.output}` });
      push('response_item', { type: 'custom_tool_call', name: 'apply_patch', input: patch, call_id: patchCall });
      push('event_msg', {
        type: 'item_completed',
        turn_id: turnId,
        item: {
          type: 'FileChange',
          id: patchCall,
          changes: { [`${spec.cwd}/${t.file}`]: { type: 'update', unified_diff: '-old\n+new\n' } },
          status: 'completed',
        },
      });
      push('response_item', { type: 'custom_tool_call_output', call_id: patchCall, output: 'Success.' });
      push('event_msg', { type: 'token_count', info: { total_token_usage: usage, last_token_usage: usage, model_context_window: 272000 } });
      push('event_msg', {
        type: 'item_completed',
        thread_id: spec.threadId,
        turn_id: turnId,
        item: { type: 'AgentMessage', id: `m${i}`, content: [{ type: 'Text', text: t.message }] },
        started_at_ms: t0,
        completed_at_ms: t0,
      });
      push('response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: t.message }] });
      push('event_msg', { type: 'task_complete', turn_id: turnId, last_agent_message: t.message, duration_ms: 10 });
    } else {
      push('response_item', { type: 'message', role: 'user', content: [{ type: 'input_text', text: t.prompt }] });
      push('event_msg', { type: 'user_message', message: t.prompt, images: [] });
      push('turn_context', { cwd: spec.cwd, model: spec.model ?? 'gpt-5-codex', summary: 'auto' });
      push('response_item', {
        type: 'function_call',
        name: 'shell',
        arguments: JSON.stringify({ command: ['bash', '-lc', t.command] }),
        call_id: call,
      });
      push('event_msg', {
        type: 'exec_command_end',
        call_id: call,
        command: ['bash', '-lc', t.command],
        stdout: t.output,
        stderr: '',
        aggregated_output: t.output,
        exit_code: 0,
      });
      push('response_item', {
        type: 'function_call_output',
        call_id: call,
        output: JSON.stringify({ output: t.output, metadata: { exit_code: 0 } }),
      });
      push('response_item', { type: 'custom_tool_call', name: 'apply_patch', input: patch, call_id: patchCall });
      push('event_msg', {
        type: 'patch_apply_end',
        call_id: patchCall,
        success: true,
        changes: { [`${spec.cwd}/${t.file}`]: { update: { unified_diff: '-old\n+new\n' } } },
      });
      push('event_msg', { type: 'token_count', info: { total_token_usage: usage, last_token_usage: usage, model_context_window: 272000 } });
      push('event_msg', { type: 'agent_message', message: t.message });
      push('response_item', { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: t.message }] });
      push('event_msg', { type: 'task_complete', last_agent_message: t.message });
    }
  });
  return lines.map((l) => JSON.stringify(l));
}

/** Writes one session's rollout under `codexHome`; returns its path and size. */
export async function writeSession(codexHome: string, spec: SessionSpec): Promise<{ path: string; bytes: number }> {
  const path = rolloutPathFor(codexHome, spec.threadId, spec.startedAt);
  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  const lines = sessionLines(spec);
  let bytes = 0;
  for (let i = 0; i < lines.length; i++) {
    const last = i === lines.length - 1;
    const line = lines[i] as string;
    const text = last && spec.truncateLast ? line.slice(0, Math.floor(line.length / 2)) : `${line}\n`;
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return { path, bytes };
}

/** A deterministic pseudo-random source (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'su', 'ta', 'vi', 'ro', 'pe', 'da', 'zu', 'fo', 'gri', 'bel', 'tor', 'mun', 'sal', 'ver'];

/** A vocabulary of `n` made-up words, so word frequencies (and so search hit counts) are known and stable. */
export function vocabulary(n: number, seed = 1): string[] {
  const rnd = random(seed);
  const words = new Set<string>();
  while (words.size < n) {
    const k = 2 + Math.floor(rnd() * 3);
    let w = '';
    for (let i = 0; i < k; i++) w += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
}

/** `count` words drawn from `vocab` with a Zipf-like skew (a few words are common, most are rare). */
export function sentence(rnd: () => number, vocab: readonly string[], count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(vocab[Math.floor(vocab.length * rnd() ** 3)] as string);
  return out.join(' ');
}
