// Registers a route from its entry in the shared contract, so the path, the method, the success status and the shape
// of the answer are written once, in src/shared/api.ts, and the handler is type-checked against them.
import type { FastifyContextConfig, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Endpoint } from '../shared/api.js';

/** What a handler gives back: the JSON answer, or the reply itself once it has sent (or streams) something else. */
type Result<E extends Endpoint> = (E['response'] extends z.ZodType ? z.input<E['response']> : never) | FastifyReply | undefined;
type Handler<E extends Endpoint> = (req: FastifyRequest, reply: FastifyReply) => Result<E> | Promise<Result<E>>;
interface Options {
  config?: FastifyContextConfig;
  /** false: the route's answers are never compressed nor its bodies decompressed, and it pays for neither hook. */
  compress?: false;
  decompress?: false;
}

export function serve<E extends Endpoint>(app: FastifyInstance, endpoint: E, handler: NoInfer<Handler<E>>): void;
export function serve<E extends Endpoint>(app: FastifyInstance, endpoint: E, options: Options, handler: NoInfer<Handler<E>>): void;
export function serve<E extends Endpoint>(
  app: FastifyInstance,
  endpoint: E,
  optionsOrHandler: Options | Handler<E>,
  maybeHandler?: Handler<E>,
): void {
  const handler = (typeof optionsOrHandler === 'function' ? optionsOrHandler : maybeHandler) as Handler<E>;
  const options = typeof optionsOrHandler === 'function' ? {} : optionsOrHandler;
  const routeHandler = async (req: FastifyRequest, reply: FastifyReply) => {
    const answer = await handler(req, reply);
    if (answer === reply || answer === undefined) return reply;
    if (endpoint.status) reply.status(endpoint.status);
    return answer;
  };
  for (const url of [endpoint.path, ...(endpoint.aliases ?? [])]) {
    app.route({ method: endpoint.method, url, ...options, handler: routeHandler });
  }
}
