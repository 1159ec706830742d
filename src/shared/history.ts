// Wire shapes for History: the index of every Codex rollout on this machine, its build progress, the session list
// and full-text search. Schemas and types only.
import { z } from 'zod';

/** Searchable fields; a search may be restricted to one of them. The thread's name is searched too, never alone. */
export const HISTORY_FIELDS = ['prompts', 'messages', 'commands', 'files'] as const;
export const historyFieldSchema = z.enum(HISTORY_FIELDS);
export type HistoryField = z.infer<typeof historyFieldSchema>;
/** Where a hit matched: one of the fields, or the thread's name. */
export const historyHitFieldSchema = z.enum([...HISTORY_FIELDS, 'title']);
export type HistoryHitField = z.infer<typeof historyHitFieldSchema>;

/** Who started the thread, read from its first record (`originator` / `source`). */
export const HISTORY_ORIGINATORS = ['terminal', 'exec', 'ide', 'desktop', 'codex_pro_max', 'other'] as const;
export const historyOriginatorSchema = z.enum(HISTORY_ORIGINATORS);
export type HistoryOriginator = z.infer<typeof historyOriginatorSchema>;

/** A project groups sessions: the git repository holding the working folder, else the folder itself. */
export const historyProjectSchema = z.object({
  /** Stable key to filter by: the repository root or folder path as Codex wrote it ("" when the rollout names none). */
  key: z.string(),
  /** What a person reads: the repository's or folder's last path segment. */
  label: z.string(),
  kind: z.enum(['git', 'folder', 'none']),
});
export type HistoryProject = z.infer<typeof historyProjectSchema>;

export const historySessionSchema = z.object({
  threadId: z.string(),
  /** The thread's name when it was given one, else the start of its first prompt, else "Untitled session". */
  title: z.string(),
  threadName: z.string().nullable(),
  firstPrompt: z.string().nullable(),
  cwd: z.string().nullable(),
  project: historyProjectSchema,
  /** The Codex home the rollout lives in (several can be indexed side by side). */
  codexHome: z.string(),
  rolloutPath: z.string(),
  archived: z.boolean(),
  originator: historyOriginatorSchema,
  /** The raw `originator` string Codex wrote (`codex-tui`, `codex_exec`, `codex_vscode`…), for a tooltip. */
  originatorRaw: z.string().nullable(),
  model: z.string().nullable(),
  cliVersion: z.string().nullable(),
  createdAtIso: z.string().nullable(),
  /** Time of the newest record (or the file's modification time): what "newest first" sorts by. */
  updatedAtIso: z.string(),
  turns: z.number().int(),
  /** The thread's running token total from its last usage record; null when it has none. */
  tokens: z.number().nullable(),
  sizeBytes: z.number(),
  /** Our own session bound to this thread, when Codex Pro Max knows it. */
  sessionId: z.string().nullable(),
});
export type HistorySession = z.infer<typeof historySessionSchema>;

export const historyUnreadableSchema = z.object({ path: z.string(), reason: z.string() });
export type HistoryUnreadable = z.infer<typeof historyUnreadableSchema>;

/**
 * The index's state. `building` while the first (or a rebuilding) scan runs; `ready` once every file seen has been
 * read, after which appends are followed; `failed` when the index database cannot be opened (`error` says why).
 */
export const historyStatusSchema = z.object({
  state: z.enum(['starting', 'building', 'ready', 'failed']),
  filesDone: z.number().int(),
  filesTotal: z.number().int(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  /** Seconds left at the current pace; null before there is a pace to judge by, and once ready. */
  etaSeconds: z.number().nullable(),
  sessions: z.number().int(),
  /** Files that could not be read or parsed at all, and lines that were not JSON (a half-written last line is not counted). */
  unreadableFiles: z.number().int(),
  malformedLines: z.number().int(),
  /** Files whose last line is incomplete (Codex is writing it, or it stopped half way); indexed up to that line. */
  halfWrittenFiles: z.number().int(),
  /** The first few unreadable files, with the reason. */
  unreadable: z.array(historyUnreadableSchema),
  homes: z.array(z.object({ codexHome: z.string(), sessions: z.number().int(), exists: z.boolean() })),
  startedAtIso: z.string().nullable(),
  readyAtIso: z.string().nullable(),
  error: z.string().nullable(),
});
export type HistoryStatus = z.infer<typeof historyStatusSchema>;

const isoDate = (label: string) =>
  z
    .string()
    .refine((v) => !Number.isNaN(Date.parse(v)), { message: `"${label}" must be a date (ISO 8601, e.g. 2026-11-30).` })
    .optional();
const list = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter((s) => s !== '') : v), z.array(item));

/** Filters shared by the list and by search; every one is optional. */
export const historyFilterQuerySchema = z.object({
  /** A project key (repeat with commas for several). */
  project: list(z.string()).optional(),
  /** Sessions updated at or after `from` and before `to` (ISO dates or times). */
  from: isoDate('from'),
  to: isoDate('to'),
  originator: list(historyOriginatorSchema).optional(),
  /** Archived sessions: included (default), left out, or alone. */
  archived: z.enum(['include', 'exclude', 'only']).optional(),
  /** An opaque cursor from the previous page's `nextCursor`. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});
export type HistoryFilterQuery = z.infer<typeof historyFilterQuerySchema>;
export const HISTORY_PAGE_SESSIONS = 100;
export const HISTORY_PAGE_HITS = 50;

/**
 * Search text: words (each must appear; the last may be a prefix, and `word*` is a prefix anywhere), "exact phrases"
 * in double quotes; case and accents are ignored. `field` restricts the match to one field.
 */
export const historySearchQuerySchema = historyFilterQuerySchema.extend({
  q: z.string().trim().min(1, 'Type something to search for.').max(500),
  field: historyFieldSchema.optional(),
});
export type HistorySearchQuery = z.infer<typeof historySearchQuerySchema>;

/** One piece of a snippet; `hit` pieces are the matched words (show them highlighted). Text is plain, never HTML. */
export const snippetPartSchema = z.object({ text: z.string(), hit: z.boolean() });
export type SnippetPart = z.infer<typeof snippetPartSchema>;

export const historyHitSchema = z.object({
  threadId: z.string(),
  field: historyHitFieldSchema,
  /** 0-based turn the record belongs to (records before the first turn count as turn 0). */
  turnIndex: z.number().int(),
  /** Codex's turn id when the rollout names one. */
  turnId: z.string().nullable(),
  /** Where to open the transcript: the byte offset of the record's line in the rollout, and its line ordinal if written. */
  offset: z.number().int(),
  ordinal: z.number().int().nullable(),
  atIso: z.string().nullable(),
  snippet: z.array(snippetPartSchema),
  /** Higher is better; only comparable within one answer. */
  score: z.number(),
});
export type HistoryHit = z.infer<typeof historyHitSchema>;

export const historyListAnswerSchema = z.object({
  ok: z.literal(true),
  sessions: z.array(historySessionSchema),
  /** Sessions matching the filters, over all pages. */
  total: z.number().int(),
  nextCursor: z.string().nullable(),
  status: historyStatusSchema,
});

export const historySearchAnswerSchema = z.object({
  ok: z.literal(true),
  hits: z.array(historyHitSchema),
  /** The sessions the hits belong to, once each. */
  sessions: z.array(historySessionSchema),
  nextCursor: z.string().nullable(),
  /** While the index is still building, results cover only the files read so far. */
  complete: z.boolean(),
  tookMs: z.number(),
});

export const historyProjectSummarySchema = historyProjectSchema.extend({
  sessions: z.number().int(),
  updatedAtIso: z.string(),
});
export type HistoryProjectSummary = z.infer<typeof historyProjectSummarySchema>;

/** Codex homes indexed besides the server's own CODEX_HOME (which is always indexed). */
export const historyHomesBodySchema = z.object({
  extraHomes: z.array(z.string().trim().min(1).max(1000)).max(20),
});
export const historyHomesSchema = z.object({
  /** The server's CODEX_HOME, always indexed. */
  primary: z.string(),
  /** From CODEX_PRO_MAX_CODEX_HOMES, fixed while the server runs. */
  fromEnvironment: z.array(z.string()),
  /** Set from the UI and kept in the index database. */
  extraHomes: z.array(z.string()),
});
export type HistoryHomes = z.infer<typeof historyHomesSchema>;

/** At most this many rows ride on one `history.changed` push; past it the push says `reload`. */
export const HISTORY_PUSH_ROWS = 50;
