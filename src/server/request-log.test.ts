// A request's logger is made only when it prints: no pino child for requests that log nothing at an enabled level.
import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { requestLogger } from './request-log.js';

/** A Fastify app at our level (warn) whose log lines are kept, and how many children its logger made. */
async function appAtWarn() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const app = Fastify({ logger: { level: 'warn', stream }, childLoggerFactory: requestLogger });
  app.get('/quiet', async (req) => {
    req.log.info('not printed at warn');
    return { ok: true };
  });
  app.get('/loud', async (req) => {
    req.log.warn({ detail: 1 }, 'printed');
    return { ok: true };
  });
  await app.ready();
  let children = 0;
  const child = app.log.child.bind(app.log);
  app.log.child = ((...args: Parameters<typeof child>) => {
    children++;
    return child(...args);
  }) as typeof app.log.child;
  return { app, lines, children: () => children };
}

it('answers requests that print nothing without making a child logger', async () => {
  const { app, lines, children } = await appAtWarn();
  for (let i = 0; i < 3; i++) expect((await app.inject({ url: '/quiet' })).statusCode).toBe(200);
  expect(children()).toBe(0);
  expect(lines).toEqual([]);
  await app.close();
});

it('a line at an enabled level carries the request id, as a child made up front would', async () => {
  const { app, lines, children } = await appAtWarn();
  await app.inject({ url: '/loud' });
  expect(children()).toBe(1);
  expect(lines).toEqual([expect.objectContaining({ level: 40, msg: 'printed', detail: 1, reqId: expect.any(String) })]);
  await app.close();
});
