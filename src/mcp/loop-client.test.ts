// The MCP side of a server that cannot save: Codex hears the server's reason at once instead of retrying for the bound.
import { rmSync } from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/helpers/test-server.js';
import { dataFiles } from '../settings.js';
import type { ThreadId } from '../shared/ids.js';
import { LoopClient, LoopRefused } from './loop-client.js';
import { createMcpServer } from './server.js';

const THREAD = '01a1ffb1-b2e3-7bb0-a0d1-76aa06dac5b6' as ThreadId;
// Long enough that a retry loop would show: each call below must end well inside it.
const timing = { boundMs: 20_000, sliceMs: 2_000, attachRetryMs: 10_000 };

let ts: TestServer;
afterEach(async () => {
  await ts.close();
});

async function timed(work: () => Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = Date.now();
  const error = await work().then(
    () => null,
    (e: unknown) => e,
  );
  return { ms: Date.now() - started, error };
}

describe('LoopClient against a server that cannot save', () => {
  it('fails fast on database_gone (a 503 with a code is not a restarting server), with the server message', async () => {
    ts = await startTestServer();
    const loop = new LoopClient(ts.dataRoot, timing);
    await loop.attach(THREAD, 'Fault');
    rmSync(dataFiles.database(ts.dataRoot));

    for (const call of [
      () => loop.conclude(THREAD, 'Done.'),
      () => loop.waitForInstruction(THREAD),
      () => loop.attach(THREAD, undefined),
    ]) {
      const { ms, error } = await timed(call);
      expect(error).toBeInstanceOf(LoopRefused);
      expect((error as LoopRefused).serverError.code).toBe('database_gone');
      expect((error as Error).message).toMatch(/cannot save anything.*was deleted while Codex Pro Max was running.*Tell the person/);
      expect(ms).toBeLessThan(2_000);
    }
  });

  it('fails fast on disk_full (507)', async () => {
    ts = await startTestServer();
    const loop = new LoopClient(ts.dataRoot, timing);
    await loop.attach(THREAD, 'Fault');
    const { db } = ts.server.ctx.store;
    db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true })}`);

    const { ms, error } = await timed(() => loop.conclude(THREAD, 'z'.repeat(200_000)));
    expect((error as LoopRefused).serverError).toMatchObject({ status: 507, code: 'disk_full' });
    expect(ms).toBeLessThan(2_000);
  });

  it('reaches Codex as the tool result text', async () => {
    ts = await startTestServer();
    const server = createMcpServer({ dataRoot: ts.dataRoot, version: 'test', timing });
    const [a, b] = InMemoryTransport.createLinkedPair();
    const client = new Client({ name: 'test', version: '1' });
    await Promise.all([server.connect(a), client.connect(b)]);
    try {
      const call = (name: string, args: Record<string, unknown>) =>
        client.callTool({ name, arguments: args, _meta: { threadId: THREAD } }) as Promise<any>;
      await call('start_session', {});
      rmSync(dataFiles.database(ts.dataRoot));
      const started = Date.now();
      const result = await call('submit_conclusion', { conclusion: 'Done.' });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(result.isError).toBe(true);
      expect(result.content[0].text).toMatch(/could not be saved: Codex Pro Max cannot save anything.*was deleted.*Tell the person/);
    } finally {
      await Promise.all([client.close(), server.close()]);
    }
  });
});
