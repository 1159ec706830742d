// Reads a rollout through ConversationFold: the conversation export (whole, streamed exchange by exchange, or the
// latest exchange) and the work under each timeline entry. The only I/O here is reading the file.
import { AppError } from '../../errors.js';
import type { EntryWork } from '../../shared/rollout.js';
import { clip } from './activity.js';
import { type ConversationEntry, ConversationFold, type ConversationOptions, type Exchange, entryWork } from './conversation.js';
import { type ConversationHeader, renderConversationHeader, renderExchange, tokenLine } from './conversation-markdown.js';
import { scanRollout } from './reader.js';

/** 404: no rollout and no timeline, so a download would be empty; said instead of starting one. */
export class NothingToExport extends AppError {
  constructor(readonly title: string) {
    super(
      404,
      `There is nothing to export from "${title}" yet: it has no prompts or conclusions, and Codex has not written its log for it.`,
    );
  }
}

/** Feeds the rollout at `path` (none: the timeline alone) through a fold; resolves with the thread's token total line. */
async function fold(
  path: string | null,
  timeline: readonly ConversationEntry[],
  options: ConversationOptions,
  onExchange: (ex: Exchange) => void,
  signal?: AbortSignal,
): Promise<string | null> {
  const f = new ConversationFold(timeline, options, onExchange);
  if (path) await scanRollout(path, (ev) => f.apply(ev), { signal, includePartialTail: false });
  f.finish();
  return f.tokens ? tokenLine(f.tokens) : null;
}

/** The conversation as Markdown, handed to `write` piece by piece; resolves with the number of exchanges written. */
export async function exportConversation(
  path: string | null,
  timeline: readonly ConversationEntry[],
  options: ConversationOptions,
  header: ConversationHeader,
  write: (chunk: string) => void,
  signal?: AbortSignal,
): Promise<number> {
  let n = 0;
  let last: { ex: Exchange; index: number } | null = null;
  const whole = header.scope === 'whole conversation';
  if (whole) write(renderConversationHeader(header));
  const total = await fold(
    path,
    timeline,
    options,
    (ex) => {
      n++;
      if (whole) write(`${renderExchange(ex, n, n === 1)}\n`);
      else last = { ex, index: n };
    },
    signal,
  );
  if (!whole) {
    write(renderConversationHeader(header));
    const latest = last as { ex: Exchange; index: number } | null;
    if (latest) write(`${renderExchange(latest.ex, latest.index, latest.index === 1)}\n`);
  }
  if (n === 0) write('_Nothing has happened in this session yet._\n');
  if (total) write(`---\n\nTokens for the whole Codex thread: ${total}\n`);
  return n;
}

/** Under which timeline entry each exchange's work goes (the newest `limit` exchanges that have an entry). */
export async function workByEntry(
  path: string,
  timeline: readonly ConversationEntry[],
  options: ConversationOptions,
  limit = 200,
): Promise<EntryWork[]> {
  const out: EntryWork[] = [];
  await fold(path, timeline, options, (ex) => {
    const w = entryWork(ex, (s) => clip(s, 2000));
    if (!w) return;
    out.push(w);
    if (out.length > limit) out.shift();
  });
  return out;
}
