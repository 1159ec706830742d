// The live activity panel in the MCP loop: the whole loop is one Codex turn, so only what came after the last
// codex_pro_max call (the hand-off of the current prompt) belongs to the work in progress.
import { describe, expect, it } from 'vitest';
import type { ActivityItem } from '../../../src/shared/rollout.js';
import { sinceHandOff } from './ActivityFeed.js';

const mcp = (id: string, server: string, tool: string): ActivityItem => ({
  id,
  atIso: null,
  kind: 'mcp',
  server,
  tool,
  arguments: '{}',
  result: '',
  error: null,
  status: 'completed',
});
const cmd = (id: string): ActivityItem => ({
  id,
  atIso: null,
  kind: 'command',
  command: id,
  cwd: null,
  exitCode: 0,
  output: '',
  status: 'completed',
  durationMs: null,
});

describe('sinceHandOff', () => {
  it('keeps what came after the newest loop call, and says it cut', () => {
    const items = [cmd('a'), mcp('m1', 'codex_pro_max', 'submit_conclusion'), cmd('b'), mcp('m2', 'docs', 'lookup'), cmd('c')];
    expect(sinceHandOff(items)).toEqual({ items: [cmd('b'), mcp('m2', 'docs', 'lookup'), cmd('c')], cut: true });
  });
  it('leaves a turn without loop calls whole', () => {
    const items = [cmd('a'), mcp('m2', 'docs', 'lookup')];
    expect(sinceHandOff(items)).toEqual({ items, cut: false });
  });
});
