// Rules of the design that no behaviour test would notice being broken, checked on the source text: one owner of
// session state (Delivery) and one publisher of session pushes (the push bridge); one place for the rollout's
// event-twin rule and for token-usage arithmetic; no comment citing a document outside the repository. Each rule
// lists the offending lines, so a failure says where to look.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

/** Source files under `dirs` (relative to the repository), tests and generated protocol types left out unless asked. */
function sources(dirs: string[], options: { tests?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const dir of dirs) {
    for (const entry of readdirSync(join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(ts|tsx|mjs|js)$/.test(entry.name)) continue;
      const file = relative(ROOT, join(entry.parentPath, entry.name));
      if (file.includes('node_modules') || file.startsWith('src/codex/app-server/protocol/')) continue;
      if (!options.tests && /\.test\.tsx?$/.test(file)) continue;
      out.push(file);
    }
  }
  return out.sort();
}

interface Line {
  file: string;
  n: number;
  text: string;
}

function lines(files: string[]): Line[] {
  return files.flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .map((text, i) => ({ file, n: i + 1, text })),
  );
}

/** Code only: lines that are not wholly a comment. */
const isCode = (l: Line) => !/^\s*(\/\/|\/?\*)/.test(l.text);
const where = (l: Line) => `${l.file}:${l.n}: ${l.text.trim()}`;

/** The lines of `files` matching `pattern`, outside the files in `allowed`. */
function offences(files: string[], pattern: RegExp, allowed: string[], keep: (l: Line) => boolean = isCode): string[] {
  return lines(files.filter((f) => !allowed.includes(f)))
    .filter((l) => keep(l) && pattern.test(l.text))
    .map(where);
}

const STORE_CALL = /\bstore\.(sessions|prompts|timeline|attachments)\.(\w+)\(/g;
const SQL_WRITE = /\b(UPDATE|INSERT\s+(OR\s+\w+\s+)?INTO|DELETE\s+FROM)\s+(sessions|prompts|timeline|attachments)\b/i;
const SESSION_PUSH =
  /type:\s*'(session\.upserted|session\.deleted|timeline\.appended|timeline\.cleared|queue\.changed|attachments\.changed|approval\.changed)'/;
const TWIN_RULE = /\bfrom\s*[!=]==\s*'(response|event)'/;
const USAGE_FIELD =
  '(inputTokens|cachedInputTokens|outputTokens|reasoningOutputTokens|input_tokens|cached_input_tokens|output_tokens|reasoning_output_tokens)';
// Field by field: one figure's field with (or into) the same field of another, or an SQL sum of a usage column.
const USAGE_ARITHMETIC = new RegExp(`\\.${USAGE_FIELD}\\s*[-+]=?\\s*[\\w.]*\\.\\1\\b|\\bSUM\\s*\\(\\s*${USAGE_FIELD}`);
// A token-count field declared in a schema: drive mode's and the rollout's figures share one shape (usage.ts).
const USAGE_SHAPE = /\b(input|cachedInput|output|reasoningOutput)(Tokens)?\s*:\s*z\.number\b/;

const SERVER = sources(['src']);
const EVERYWHERE = sources(['src', 'web/src']);

describe('one owner of session state', () => {
  // The store's session, queue, timeline and attachment repos: what anyone may call, the rest (writes) is Delivery's.
  const READS = new Set([
    'summary',
    'list',
    'page',
    'idByThread',
    'flags',
    'presenceOf',
    'withLive',
    'get',
    'pending',
    'countQueued',
    'oldest',
    'byRequestId',
    'firstUserPrompt',
    'names',
  ]);
  const OWNER = ['src/delivery/delivery.ts', 'src/delivery/handoff.ts', 'src/delivery/presence-tracker.ts'];

  it('only Delivery calls a write of the session, queue, timeline or attachment store', () => {
    const found = lines(SERVER.filter((f) => !OWNER.includes(f)))
      .filter(isCode)
      .filter((l) => [...l.text.matchAll(STORE_CALL)].some((m) => !READS.has(m[2] ?? '')))
      .map(where);
    expect(found).toEqual([]);
  });

  it('no SQL outside src/store writes those tables', () => {
    expect(
      offences(
        SERVER.filter((f) => !f.startsWith('src/store/')),
        SQL_WRITE,
        [],
      ),
    ).toEqual([]);
  });

  it('only the push bridge makes session pushes, and nothing uses the browser push hub as an internal event bus', () => {
    // Delivery emits the domain changes of the same names; the bridge turns them into pushes.
    expect(offences(SERVER, SESSION_PUSH, ['src/server/push-bridge.ts', 'src/delivery/delivery.ts'])).toEqual([]);
    expect(offences(SERVER, /\bpush\.subscribe\(/, [])).toEqual([]);
  });
});

describe('rollout and usage rules written once', () => {
  it('the event-twin rule (event beats response item) is decided in twins.ts only', () => {
    expect(offences(EVERYWHERE, TWIN_RULE, ['src/codex/rollout/twins.ts'])).toEqual([]);
  });

  it('token-usage arithmetic (field by field, in code or SQL) is in usage-math.ts only', () => {
    expect(offences([...EVERYWHERE, ...sources(['bench'])], USAGE_ARITHMETIC, ['src/shared/usage-math.ts'])).toEqual([]);
  });

  it('token counts have one shape, declared in usage.ts only', () => {
    expect(offences(EVERYWHERE, USAGE_SHAPE, ['src/shared/usage.ts'])).toEqual([]);
  });
});

describe('comments', () => {
  it('cite no document outside the repository', () => {
    const self = relative(ROOT, import.meta.filename);
    const outside = new RegExp(['codex-cli\\.md', '/work/shared', 'shared/reference', 'maestro-codex'].join('|'));
    const files = sources(['src', 'web/src', 'test', 'bench', 'scripts'], { tests: true }).filter((f) => f !== self);
    const docs = ['README.md', 'docs/ARCHITECTURE.md', 'docs/app-server.md', 'web/src/README.md'];
    expect(offences([...files, ...docs], outside, [], () => true)).toEqual([]);
  });
});

describe('the checks themselves', () => {
  it('match the offences they are for, and not the code that is fine', () => {
    expect([...'ctx.store.sessions.setStatus(id, s); store.sessions.summary(id)'.matchAll(STORE_CALL)].map((m) => m[2])).toEqual([
      'setStatus',
      'summary',
    ]);
    expect(SQL_WRITE.test("this.sql('UPDATE sessions SET status = ? WHERE id = ?')")).toBe(true);
    expect(SESSION_PUSH.test("push.publish({ type: 'queue.changed', sessionId, queue })")).toBe(true);
    expect(SESSION_PUSH.test("push.publish({ type: 'drive.turn', sessionId, turn })")).toBe(false);
    expect(TWIN_RULE.test("if (ev.from === 'response' && wrapped) return;")).toBe(true);
    expect(USAGE_ARITHMETIC.test('inputTokens: Math.max(0, a.inputTokens - b.inputTokens),')).toBe(true);
    expect(USAGE_ARITHMETIC.test('SELECT SUM(input_tokens) AS input_tokens FROM drive_turns')).toBe(true);
    expect(USAGE_ARITHMETIC.test('inputTokens: n(u.inputTokens),')).toBe(false);
    expect(USAGE_ARITHMETIC.test('sum.outputTokens += turn.outputTokens;')).toBe(true);
    // One figure's own fields (what is left of output beyond reasoning) is not summing usage.
    expect(USAGE_ARITHMETIC.test('visible: Math.max(0, used.outputTokens - used.reasoningOutputTokens),')).toBe(false);
    expect(USAGE_SHAPE.test('  cachedInput: z.number(),')).toBe(true);
    expect(USAGE_SHAPE.test('  outputTokens: z.number().int(),')).toBe(true);
    expect(USAGE_SHAPE.test('  output: z.string(),')).toBe(false);
    expect(isCode({ file: 'x.ts', n: 1, text: '  // store.sessions.setStatus( belongs to Delivery' })).toBe(false);
  });
});
