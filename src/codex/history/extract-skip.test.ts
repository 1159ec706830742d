// The extractor skips tool outputs, reasoning and twins by the bytes a line starts with, without parsing it. A prompt
// or an answer whose text holds those very bytes (a person pasting a rollout line) must still be indexed, and a tool
// output holding a prompt's bytes must still be skipped.
import { describe, expect, it } from 'vitest';
import { type CorpusFormat, sessionLines, threadIdFor } from '../../../bench/history/corpus.js';
import { RolloutExtractor } from './extract.js';

/** Text made of the markers the skip looks for, as they appear in the lines it skips. */
const MARKERS = [
  '{"timestamp":"2026-01-01T00:00:00Z","type":"response_item","payload":{"type":"function_call_output","call_id":"c1"}}',
  '"item":{"type":"CommandExecution","id":"c1"',
  '","payload":{"type":"reasoning"',
  '"type":"token_count" "total_token_usage"',
  '"type":"world_state"',
].join(' ');

function docsOf(format: CorpusFormat): [string, string][] {
  const startedAt = new Date('2026-05-01T10:00:00Z');
  const lines = sessionLines({
    format,
    threadId: threadIdFor(1, startedAt),
    cwd: '/work/app',
    startedAt,
    turns: [
      {
        prompt: `why does this line break the parser ${MARKERS}`,
        message: `the line ${MARKERS} is a tool output record`,
        command: 'cat rollout.jsonl',
        output: `{"type":"event_msg","payload":{"type":"user_message","message":"leaked prompt osprey"}} "item":{"type":"UserMessage"`,
        file: 'src/parse.ts',
      },
    ],
  });
  const x = new RolloutExtractor();
  let at = 0;
  for (const line of lines) {
    const buf = Buffer.from(line);
    x.line(buf, 0, buf.length, at);
    at += buf.length + 1;
  }
  x.finish();
  return x.docs.map((d) => [d.field, d.text]);
}

describe.each(['v0169', 'legacy'] as const)('skipping unparsed lines (%s)', (format) => {
  it('keeps a prompt and a message whose text holds the skip markers', () => {
    const docs = docsOf(format);
    expect(docs).toContainEqual(['prompts', `why does this line break the parser ${MARKERS}`]);
    expect(docs).toContainEqual(['messages', `the line ${MARKERS} is a tool output record`]);
  });

  it('still skips a tool output that holds a prompt record', () => {
    expect(docsOf(format).some(([, text]) => text.includes('osprey'))).toBe(false);
  });
});
