// The byte-level classifier agrees with a decode-then-look reading on the shapes it accepts, declines odd
// ones, and never reads past the line it was given.
import { describe, expect, it } from 'vitest';
import { classifyLine } from './classify.js';

const classify = (text: string, end = Buffer.byteLength(text)) => classifyLine(Buffer.from(text), 0, end);

describe('classifyLine (bytes)', () => {
  it('reads 0.169 lines with an ordinal, and lines with no payload type', () => {
    expect(classify('{"timestamp":"t","ordinal":12,"type":"response_item","payload":{"type":"message","role":"user"}}')).toEqual({
      type: 'response_item',
      sub: 'message',
    });
    expect(classify('{"timestamp":"t","type":"compacted","payload":{"message":"m"}}')).toEqual({ type: 'compacted', sub: null });
    expect(classify('{"type":"message","role":"user"}')).toEqual({ type: 'message', sub: null });
  });

  it('gives the same answer for the same class on every line', () => {
    const a = classify('{"timestamp":"a","type":"event_msg","payload":{"type":"token_count"}}');
    const b = classify('{"timestamp":"bb","type":"event_msg","payload":{"type":"token_count","info":null}}');
    expect(a).toEqual(b);
    expect(classify('{"timestamp":"a","type":"event_msg","payload":{"type":"task_started"}}')?.sub).toBe('task_started');
  });

  it('declines a type that comes too late, is too long, or belongs to a nested object', () => {
    expect(classify(`{"timestamp":"${'x'.repeat(100)}","type":"event_msg"}`)).toBeNull();
    expect(classify(`{"type":"${'a'.repeat(65)}"}`)).toBeNull();
    expect(classify(`{"type":"${'a'.repeat(64)}"}`)).toEqual({ type: 'a'.repeat(64), sub: null });
    expect(classify('{"payload":{"type":"x"},"type":"event_msg"}')).toBeNull();
    expect(classify('{"timestamp":"t"}')).toBeNull();
  });

  it('stays inside the line: a type or payload type in the next line is not read', () => {
    const two = '{"timestamp":"t","ty\n"type":"event_msg"}';
    expect(classify(two, two.indexOf('\n'))).toBeNull();
    const cut = '{"type":"event_msg","payload":{"type":"token_count"}}';
    expect(classify(cut, cut.indexOf('token'))).toEqual({ type: 'event_msg', sub: null });
    expect(classify(cut, cut.indexOf('_msg'))).toBeNull();
  });
});
