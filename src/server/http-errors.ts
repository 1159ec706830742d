// The one place errors become HTTP answers: {ok:false,error} with a 4xx a person can act on. A 500 is a bug.
import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError, type z } from 'zod';
import { AppError, BadRequest } from '../errors.js';

/** Validates `value` against `schema`, turning the first problem into a 400 with a readable message. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new BadRequest(describeZodError(result.error));
}

function describeZodError(error: ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid.';
  const where = issue.path.length > 0 ? ` (at "${issue.path.join('.')}")` : '';
  return issue.message.startsWith('Invalid input') || issue.message.startsWith('Expected') ? `${issue.message}${where}.` : issue.message;
}

const FASTIFY_MESSAGES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'The request body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'The request says it has a JSON body but the body is empty.'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'The request body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'This content type is not accepted here. Send JSON (application/json).'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [400, 'Upload the file as multipart/form-data with a field named "file".'],
  FST_REQ_FILE_TOO_LARGE: [413, 'The upload is larger than the size limit.'],
  FST_FILES_LIMIT: [400, 'Upload one file at a time.'],
  FST_PARTS_LIMIT: [400, 'Too many form fields in the upload.'],
};

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    let status = 500;
    let message = 'Something went wrong inside Codex Pro Max. The details are in the server log.';
    const code = (error as FastifyError).code;
    if (error instanceof AppError) {
      status = error.status;
      message = error.message;
    } else if (error instanceof ZodError) {
      status = 400;
      message = describeZodError(error);
    } else if (code && FASTIFY_MESSAGES[code]) {
      [status, message] = FASTIFY_MESSAGES[code] as [number, string];
    } else if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
      status = 409;
      message = 'That record already exists.';
    } else {
      const fastifyStatus = (error as FastifyError).statusCode;
      if (fastifyStatus && fastifyStatus >= 400 && fastifyStatus < 500) {
        status = fastifyStatus;
        message = error.message;
      }
    }
    if (status >= 500) request.log.error({ err: error }, 'unhandled error');
    if (!reply.sent) reply.status(status).send({ ok: false, error: message });
  });
}
