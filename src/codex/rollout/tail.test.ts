// Append-only tailing: only new bytes are read, a line split across two writes is read once whole,
// truncation and rotation are reported. Also the backward reader the snapshot relies on.
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLinesBackward } from './lines.js';
import { RolloutState } from './state.js';
import { RolloutTail } from './tail.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function tempFile(content = ''): string {
  const dir = mkdtempSync(join(tmpdir(), 'cpm-tail-'));
  dirs.push(dir);
  const file = join(dir, 'rollout.jsonl');
  writeFileSync(file, content);
  return file;
}
async function pollLines(tail: RolloutTail): Promise<[string, string[]]> {
  const lines: string[] = [];
  const result = await tail.poll((buf, s, e) => {
    lines.push(buf.toString('utf8', s, e));
  });
  return [result, lines];
}

const tokenCount = (total: number) =>
  JSON.stringify({
    timestamp: '2026-01-01T00:00:00.000Z',
    type: 'event_msg',
    payload: {
      type: 'token_count',
      info: {
        total_token_usage: { input_tokens: total, output_tokens: 0, total_tokens: total },
        last_token_usage: { input_tokens: total, output_tokens: 0, total_tokens: total },
        model_context_window: 1000,
      },
      rate_limits: null,
    },
  });

describe('RolloutTail', () => {
  it('reads only appended lines and waits for the rest of a split line', async () => {
    const file = tempFile('{"a":1}\n');
    const tail = new RolloutTail(file);
    await tail.pin();
    expect(await pollLines(tail)).toEqual(['appended', ['{"a":1}']]);
    expect(await pollLines(tail)).toEqual(['unchanged', []]);
    appendFileSync(file, '{"b":2}\n{"c":');
    expect(await pollLines(tail)).toEqual(['appended', ['{"b":2}']]);
    expect(await pollLines(tail)).toEqual(['unchanged', []]);
    appendFileSync(file, '3}\n');
    expect(await pollLines(tail)).toEqual(['appended', ['{"c":3}']]);
    expect(tail.offset).toBe(24);
  });

  it('reports truncation and rotation as a reset, then reads the new file from the start', async () => {
    const file = tempFile('{"a":1}\n{"b":2}\n');
    const tail = new RolloutTail(file);
    await tail.pin();
    await pollLines(tail);
    writeFileSync(file, '{"x":1}\n');
    expect((await pollLines(tail))[0]).toBe('reset');
    expect(await pollLines(tail)).toEqual(['appended', ['{"x":1}']]);
    const other = `${file}.new`;
    writeFileSync(other, '{"y":1}\n{"y":2}\n{"y":3}\n');
    renameSync(other, file);
    expect((await pollLines(tail))[0]).toBe('reset');
    expect((await pollLines(tail))[1]).toEqual(['{"y":1}', '{"y":2}', '{"y":3}']);
  });

  it('RolloutState.refresh reports usage only after a complete line arrives', async () => {
    const file = tempFile(`${JSON.stringify({ timestamp: 't', type: 'session_meta', payload: { id: 'x' } })}\n${tokenCount(100)}\n`);
    const state = await RolloutState.open(file);
    expect(state.usageSnapshot().context).toEqual({ used: 100, window: 1000, percent: 10 });
    const line = tokenCount(250);
    appendFileSync(file, line.slice(0, 40));
    expect((await state.refresh()).usage).toBeNull();
    appendFileSync(file, `${line.slice(40)}\n`);
    expect((await state.refresh()).usage?.context).toEqual({ used: 250, window: 1000, percent: 25 });
    writeFileSync(file, `${tokenCount(7)}\n`);
    const changes = await state.refresh();
    expect(changes.reset).toBe(true);
    expect(changes.usage?.context?.used).toBe(7);
  });
});

describe('readLinesBackward', () => {
  it('gives complete lines newest first, across chunk borders, skipping an unterminated tail', async () => {
    const long = 'x'.repeat(1_500_000);
    const file = tempFile(`first\n${long}\nthird\npartial`);
    const seen: [string, number][] = [];
    await readLinesBackward(file, (buf, s, e, offset) => {
      const text = buf.toString('utf8', s, e);
      seen.push([text.length > 10 ? `len${text.length}` : text, offset]);
    });
    expect(seen).toEqual([
      ['third', 6 + 1_500_001],
      ['len1500000', 6],
      ['first', 0],
    ]);
  });
});
