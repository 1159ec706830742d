// The verbatim context of one rollout: its readable transcript (the same items and Markdown as the export), cut to a
// token budget keeping the newest items, under a short head of facts read from the whole range: the goal (its first
// prompt), the files touched and the last state. Reads the file once, front to back; what it keeps is bounded by the
// budget, so a 200 MB rollout costs no more memory than a small one.
import { estimateTokens } from '../../shared/context.js';
import type { TranscriptItem } from '../../shared/transcript.js';
import { fence, quote } from '../rollout/markdown.js';
import { renderTranscriptItem } from '../rollout/transcript-markdown.js';
import { foldRolloutFrom } from '../rollout/transcript-page.js';

export interface VerbatimSource {
  /** How the person knows it: the session's title, else the thread's name. */
  title: string;
  threadId: string;
  rolloutPath: string;
  cwd: string | null;
  /** Only turns in this range (1-based, inclusive); absent: from the first / to the last. */
  fromTurn?: number;
  toTurn?: number;
}

export interface VerbatimSection {
  markdown: string;
  /** Transcript items in range that did not fit. */
  omitted: number;
  /** Turns the rollout holds (a turn still running counts). */
  turns: number;
}

const FACT_CHARS = 1500;
const MAX_FILES = 200;
/** The transcript's heading and its "items left out" note, at most. */
const TRANSCRIPT_OVERHEAD = 40;

interface Kept {
  md: string;
  tokens: number;
}

const clipEnd = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n)}…`);

/** The source as a Markdown section of about `budgetTokens` tokens at most (estimated), newest items kept first. */
export async function verbatimSection(
  source: VerbatimSource,
  index: number,
  budgetTokens: number,
  signal?: AbortSignal,
): Promise<VerbatimSection> {
  const from = source.fromTurn ?? 1;
  const to = source.toTurn ?? Number.POSITIVE_INFINITY;
  let turn = 1;
  let goal: string | null = null;
  let lastMessage: string | null = null;
  let lastEnd: Extract<TranscriptItem, { kind: 'turn' }> | null = null;
  const files = new Set<string>();
  // The newest items within the budget, oldest first; `first` skips those dropped (an array shifted in bulk).
  let kept: Kept[] = [];
  let first = 0;
  let keptTokens = 0;
  let omitted = 0;
  /** Items came after the last turn's end: a turn still running. */
  let sinceEnd = false;
  const drop = () => {
    const gone = kept[first++];
    if (gone) keptTokens -= gone.tokens;
    omitted++;
    if (first > 1024) {
      kept = kept.slice(first);
      first = 0;
    }
  };

  await foldRolloutFrom(
    source.rolloutPath,
    0,
    (item) => {
      const here = turn;
      if (item.kind === 'turn') turn++;
      sinceEnd = item.kind !== 'turn';
      if (here < from || here > to) return;
      if (item.kind === 'prompt' && goal === null) goal = item.text;
      if (item.kind === 'message') lastMessage = item.text;
      if (item.kind === 'turn') lastEnd = item;
      if (item.kind === 'files') for (const f of item.files) if (files.size < MAX_FILES) files.add(f.path);
      let md = renderTranscriptItem(item);
      // One item larger than the whole budget keeps its start, as much as fits.
      if (estimateTokens(md) > budgetTokens) md = `${md.slice(0, budgetTokens * 4)}\n\n_(cut here to fit the budget)_\n\n`;
      const tokens = estimateTokens(md);
      kept.push({ md, tokens });
      keptTokens += tokens;
      while (keptTokens > budgetTokens && kept.length - first > 1) drop();
    },
    signal,
  );

  const totalTurns = turn - 1 + (sinceEnd ? 1 : 0);
  const head = renderHead(source, index, {
    goal,
    files: [...files],
    lastMessage,
    lastEnd,
    range: rangeText(from, source.toTurn, totalTurns),
  });
  // The head and the transcript's heading and note count against the budget too: the oldest items make room for them.
  const headTokens = estimateTokens(head) + TRANSCRIPT_OVERHEAD;
  while (keptTokens + headTokens > budgetTokens && kept.length - first > 0) drop();
  const body = kept.slice(first).map((k) => k.md);
  const shown = body.length;
  const note =
    omitted > 0
      ? `_The ${shown} newest items of this range; ${omitted} earlier item${omitted === 1 ? ' was' : 's were'} left out to fit the budget._\n\n`
      : '';
  const transcript =
    shown > 0 ? `### Transcript\n\n${note}${body.join('')}` : '### Transcript\n\n_Nothing in this range fits the budget._\n\n';
  return { markdown: `${head}${transcript}`, omitted, turns: totalTurns };
}

function rangeText(from: number, to: number | undefined, total: number): string {
  if (from === 1 && to === undefined) return `all ${total} turn${total === 1 ? '' : 's'}`;
  return `turns ${from}–${Math.min(to ?? total, total)} of ${total}`;
}

function renderHead(
  source: VerbatimSource,
  index: number,
  facts: {
    goal: string | null;
    files: string[];
    lastMessage: string | null;
    lastEnd: Extract<TranscriptItem, { kind: 'turn' }> | null;
    range: string;
  },
): string {
  const lines = [`## Source ${index + 1}: ${source.title.replace(/\n/g, ' ')}`, ''];
  lines.push(`- Thread: \`${source.threadId}\``);
  if (source.cwd) lines.push(`- Folder: \`${source.cwd}\``);
  lines.push(`- Covers: ${facts.range}`, '');
  lines.push('### Goal', '', facts.goal ? quote(clipEnd(facts.goal, FACT_CHARS)) : '_No prompt in this range._\n');
  lines.push('### Files touched', '');
  if (facts.files.length === 0) lines.push('_None recorded._', '');
  else lines.push(...facts.files.map((f) => `- \`${f.replace(/`/g, "'")}\``), '');
  lines.push('### Last state', '');
  const end = facts.lastEnd;
  if (end) lines.push(`The last turn ${end.outcome === 'completed' ? 'completed' : end.outcome}${end.error ? `: ${end.error}` : '.'}`, '');
  else lines.push('No turn in this range has ended yet.', '');
  if (facts.lastMessage) lines.push("Codex's last message:", '', fence(clipEnd(facts.lastMessage, FACT_CHARS), 'markdown'), '');
  return `${lines.join('\n')}\n`;
}

/** The whole verbatim document for several sources, the budget shared out evenly between them. */
export async function verbatimDocument(
  sources: VerbatimSource[],
  budgetTokens: number,
  signal?: AbortSignal,
): Promise<{ markdown: string; omitted: number }> {
  const title = `# Context for transfer\n\n${sources.length === 1 ? 'From one Codex session' : `Merged from ${sources.length} Codex sessions`}: ${sources
    .map((s, i) => `${i + 1}. ${s.title.replace(/\n/g, ' ')}`)
    .join('; ')}.\n\n`;
  const each = Math.max(1, Math.floor((budgetTokens - estimateTokens(title)) / sources.length));
  let markdown = title;
  let omitted = 0;
  for (const [i, source] of sources.entries()) {
    const section = await verbatimSection(source, i, each, signal);
    markdown += section.markdown;
    omitted += section.omitted;
  }
  return { markdown, omitted };
}
