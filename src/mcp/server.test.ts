// The MCP tools against a real server over real sockets (MCP itself in memory): loop results, thread id, restarts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/helpers/test-server.js';
import { until } from '../../test/helpers/until.js';
import { createMcpServer } from './server.js';
import { threadIdFromMeta } from './thread-meta.js';

const THREAD = '01a1ffb1-b2e3-7bb0-a0d1-76aa06dac5a5';

async function connect(dataRoot: string, boundMs: number) {
  const server = createMcpServer({
    dataRoot,
    version: 'test',
    timing: { boundMs, sliceMs: Math.min(boundMs, 2_000), attachRetryMs: 1_000 },
  });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'test', version: '1' });
  await Promise.all([server.connect(a), client.connect(b)]);
  const call = async (name: string, args: Record<string, unknown> = {}, meta: Record<string, unknown> | null = { threadId: THREAD }) =>
    (await client.callTool({ name, arguments: args, ...(meta ? { _meta: meta } : {}) }, undefined, { timeout: 120_000 })) as any;
  return { client, call, close: () => Promise.all([client.close(), server.close()]) };
}

describe('threadIdFromMeta', () => {
  it('reads threadId, then x-codex-turn-metadata (object or JSON text)', () => {
    expect(threadIdFromMeta({ threadId: THREAD })).toBe(THREAD);
    expect(threadIdFromMeta({ 'x-codex-turn-metadata': { thread_id: THREAD } })).toBe(THREAD);
    expect(threadIdFromMeta({ 'x-codex-turn-metadata': JSON.stringify({ thread_id: THREAD.toUpperCase() }) })).toBe(THREAD);
    expect(threadIdFromMeta({})).toBeNull();
    expect(threadIdFromMeta(undefined)).toBeNull();
    expect(threadIdFromMeta({ threadId: 'a/b' })).toBeNull();
  });
});

describe('codex_pro_max MCP server', () => {
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  it('lists the three tools with output schemas', async () => {
    const ts = await startTestServer();
    cleanup.push(() => ts.close());
    const mcp = await connect(ts.dataRoot, 1_000);
    cleanup.push(mcp.close);
    const { tools } = await mcp.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['start_session', 'submit_conclusion', 'wait_for_instruction']);
    for (const tool of tools) expect(tool.outputSchema).toBeTruthy();
    expect(tools.find((t) => t.name === 'submit_conclusion')?.description).toContain('stopped');
  });

  it('runs the loop: start, conclude, prompt, nothing yet, stop', async () => {
    const ts = await startTestServer();
    cleanup.push(() => ts.close());
    const mcp = await connect(ts.dataRoot, 1_500);
    cleanup.push(mcp.close);

    const started = await mcp.call('start_session', { title: 'Loop test' });
    expect(started.isError).toBeFalsy();
    const sessionId = started.structuredContent.sessionId as string;
    const [, list] = await ts.call('GET', '/api/sessions');
    expect(list.sessions[0]).toMatchObject({ id: sessionId, title: 'Loop test', threadId: THREAD });

    await ts.call('POST', `/api/sessions/${sessionId}/prompts`, { content: 'second task' });
    const first = await mcp.call('submit_conclusion', { conclusion: 'First result' });
    expect(first.structuredContent).toMatchObject({ status: 'instruction', instruction: { content: 'second task', attachments: [] } });
    expect(first.content[0].text).toContain('second task');

    // Asking again without a conclusion hands the same prompt back, flagged as a repeat.
    const again = await mcp.call('wait_for_instruction');
    expect(again.structuredContent.instruction.id).toBe(first.structuredContent.instruction.id);
    expect(again.structuredContent.message).toContain('same prompt');

    const idle = await mcp.call('submit_conclusion', { conclusion: 'Second result' });
    expect(idle.structuredContent.status).toBe('no_instruction_yet');
    expect(idle.structuredContent.message).toContain('wait_for_instruction');

    const [, detail] = await ts.call('GET', `/api/sessions/${sessionId}`);
    expect(detail.session.timeline.map((e: any) => [e.role, e.content])).toEqual([
      ['codex', 'First result'],
      ['user', 'second task'],
      ['codex', 'Second result'],
    ]);

    const waiting = mcp.call('wait_for_instruction');
    await until('the waiter', async () => ts.server.ctx.delivery.waiterCount(sessionId as any) > 0, 20_000);
    await ts.call('POST', `/api/sessions/${sessionId}/stop`);
    const stopped = await waiting;
    expect(stopped.structuredContent.status).toBe('stopped');
    expect(stopped.content[0].text).toContain('do not call submit_conclusion or wait_for_instruction again');
  });

  it('explains a missing thread id', async () => {
    const ts = await startTestServer();
    cleanup.push(() => ts.close());
    const mcp = await connect(ts.dataRoot, 1_000);
    cleanup.push(mcp.close);
    const result = await mcp.call('wait_for_instruction', {}, null);
    expect(result.isError).toBe(true);
    expect(result.content[0].text).toContain('thread id');
  });

  it('keeps waiting across a server restart and gets the prompt queued on the new server', async () => {
    const dataRoot = mkdtempSync(join(tmpdir(), 'cpm-mcp-restart-'));
    cleanup.push(async () => rmSync(dataRoot, { recursive: true, force: true }));
    let ts: TestServer = await startTestServer({ dataRoot });
    const mcp = await connect(dataRoot, 30_000);
    cleanup.push(mcp.close);
    const started = await mcp.call('start_session', {});
    const sessionId = started.structuredContent.sessionId as string;

    const waiting = mcp.call('submit_conclusion', { conclusion: 'before restart' });
    await until('the waiter', async () => ts.server.ctx.delivery.waiterCount(sessionId as any) > 0, 20_000);
    await ts.close();
    ts = await startTestServer({ dataRoot });
    cleanup.push(() => ts.close());
    await ts.call('POST', `/api/sessions/${sessionId}/prompts`, { content: 'after restart' });
    const result = await waiting;
    expect(result.structuredContent).toMatchObject({ status: 'instruction', instruction: { content: 'after restart' } });
  });

  it('answers no_instruction_yet when the server stays down past the bound', async () => {
    const dataRoot = mkdtempSync(join(tmpdir(), 'cpm-mcp-down-'));
    cleanup.push(async () => rmSync(dataRoot, { recursive: true, force: true }));
    const mcp = await connect(dataRoot, 1_500);
    cleanup.push(mcp.close);
    const startedAt = Date.now();
    const result = await mcp.call('wait_for_instruction');
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_400);
    expect(result.structuredContent.status).toBe('no_instruction_yet');
    expect(result.structuredContent.message).toContain('cannot be reached');
    const start = await mcp.call('start_session', {});
    expect(start.isError).toBe(true);
    expect(start.content[0].text).toContain('"npm start" in the Codex Pro Max folder');
  });
});
