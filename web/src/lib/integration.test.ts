import { describe, expect, it } from 'vitest';
import type { IntegrationFinding } from '../../../src/shared/integration.js';
import { groupByFix } from './integration.js';

const finding = (id: string, fix: string | null): IntegrationFinding => ({
  id,
  ok: false,
  message: `${id} is wrong`,
  ...(fix === null ? {} : { fix }),
});

describe('groupByFix', () => {
  it('puts problems that share a fix together, in the order their fix first appears', () => {
    const setup = 'Run "npm run setup" in the Codex Pro Max folder, then restart Codex.';
    const groups = groupByFix([
      finding('skill', setup),
      finding('codex', 'Install codex.'),
      finding('mcp', setup),
      finding('tools', ` ${setup}`),
    ]);
    expect(groups.map((g) => [g.fix, g.problems.map((p) => p.id)])).toEqual([
      [setup, ['skill', 'mcp', 'tools']],
      ['Install codex.', ['codex']],
    ]);
  });

  it('keeps each problem without a fix on its own', () => {
    expect(groupByFix([finding('a', null), finding('b', null)]).map((g) => g.problems.length)).toEqual([1, 1]);
  });
});
