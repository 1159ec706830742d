// doctor on a server that lost its database: "running but cannot save", not "it probably stopped".
import { rmSync } from 'node:fs';
import { afterEach, expect, it } from 'vitest';
import { serverFindings } from '../../src/cli/commands/doctor.js';
import { dataFiles } from '../../src/settings.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';

let ts: TestServer;
afterEach(async () => {
  await ts.close();
});

it('reports a running server whose database was deleted as running but unable to save', async () => {
  ts = await startTestServer();
  expect((await serverFindings(ts.dataRoot)).every((f) => f.ok)).toBe(true);
  rmSync(dataFiles.database(ts.dataRoot));

  const [finding] = await serverFindings(ts.dataRoot);
  expect(finding).toMatchObject({ id: 'server', ok: false });
  expect(finding?.message).toMatch(/is running at .* but cannot save anything\. The database file .* was deleted/);
  expect(finding?.message).not.toMatch(/stopped without cleaning up/);
});
