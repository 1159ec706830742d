// A just-started server answers its first requests slowly: their code is not compiled yet, the files they read are
// not in the OS's cache and their statements are not prepared. The first page load after `start`, usually the one
// the sign-in link opens, paid for all of it (first row on screen 120–150 ms later than on a server that had served
// one page). So once listening, the server asks itself, in-process, for what a browser's first load asks: the page,
// the files it names, and the first page of the session list. Reads only; nothing is stored or sent anywhere.
import type { FastifyInstance } from 'fastify';

/** Loads the UI's first page through `ui` as a signed-in browser on `host` would; what it asked for, with each status. */
export async function warmUp(ui: FastifyInstance, host: string, token: string): Promise<string[]> {
  const as = (encoding: string) => ({ host, authorization: `Bearer ${token}`, 'accept-encoding': encoding });
  const asked: string[] = [];
  try {
    const page = await ui.inject({ method: 'GET', url: '/', headers: as('identity') });
    const files = [...page.body.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1] as string);
    for (const url of ['/', ...files, '/api/sessions?limit=100']) {
      asked.push(`${url} ${(await ui.inject({ method: 'GET', url, headers: as('br, gzip') })).statusCode}`);
    }
  } catch {
    // Only the first load's speed depends on it (a server closed meanwhile ends it).
  }
  return asked;
}
