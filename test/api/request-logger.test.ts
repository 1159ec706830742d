// Every listener's app makes a request's logger only when it prints (src/server/request-log.ts).
import { expect, it } from 'vitest';
import { buildApp } from '../../src/server/app.js';
import { requestLogger } from '../../src/server/request-log.js';
import { startTestServer } from '../helpers/test-server.js';

it('builds its apps with the lazy request logger', async () => {
  const ts = await startTestServer({ start: { live: false, logger: true } });
  try {
    for (const serveUi of [false, true]) {
      const app = await buildApp(ts.server.ctx, { serveUi, logger: true });
      expect(app.childLoggerFactory).toBe(requestLogger);
      await app.close();
    }
  } finally {
    await ts.close();
  }
});
