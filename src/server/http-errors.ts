// The one place errors become HTTP answers: {ok:false,error,code} with a status a person can act on (a 4xx, or a
// deliberate 503/507 for a disk or data folder that cannot be written). A 500 is a bug.
import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError, type z } from 'zod';
import { AppError, BadRequest, DatabaseGone, DatabaseIoError, DatabaseReadOnly, DiskFull } from '../errors.js';
import type { ErrorCode } from '../shared/errors.js';

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

const FASTIFY_MESSAGES: Record<string, [number, string, ErrorCode]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'The request body is not valid JSON.', 'invalid_json'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'The request says it has a JSON body but the body is empty.', 'empty_body'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'The request body is too large.', 'payload_too_large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'This content type is not accepted here. Send JSON (application/json).', 'unsupported_media_type'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [400, 'Upload the file as multipart/form-data with a field named "file".', 'bad_request'],
  FST_REQ_FILE_TOO_LARGE: [413, 'The upload is larger than the size limit.', 'payload_too_large'],
  FST_FILES_LIMIT: [400, 'Upload one file at a time.', 'bad_request'],
  FST_PARTS_LIMIT: [400, 'Too many form fields in the upload.', 'bad_request'],
};

/**
 * SQLite's own codes for a database that cannot be written, as the AppError a person can act on. Not a bug, so not a
 * 500: they come from the disk or the data folder (read-only, full, failing, file moved), never from a request.
 */
export function storageFault(code: string): AppError | null {
  if (code === 'SQLITE_FULL') return new DiskFull();
  // SQLite's own "the file was moved or unlinked under me" check (rollback-journal writes only; WAL needs ours).
  if (code === 'SQLITE_READONLY_DBMOVED') return new DatabaseGone(null, 'replaced');
  if (code.startsWith('SQLITE_READONLY')) return new DatabaseReadOnly();
  if (code.startsWith('SQLITE_IOERR')) return new DatabaseIoError(code);
  return null;
}

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | Error, request, reply) => {
    let status = 500;
    let message = 'Something went wrong inside Codex Pro Max. The details are in the server log.';
    let answerCode: ErrorCode = 'internal_error';
    const code = (error as FastifyError).code;
    const fault = typeof code === 'string' && !(error instanceof AppError) ? storageFault(code) : null;
    if (error instanceof AppError || fault) {
      const known = (fault ?? error) as AppError;
      status = known.status;
      message = known.message;
      answerCode = known.code;
    } else if (error instanceof ZodError) {
      status = 400;
      message = describeZodError(error);
      answerCode = 'bad_request';
    } else if (code && FASTIFY_MESSAGES[code]) {
      [status, message, answerCode] = FASTIFY_MESSAGES[code] as [number, string, ErrorCode];
    } else if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
      status = 409;
      message = 'That record already exists.';
      answerCode = 'already_exists';
    } else {
      const fastifyStatus = (error as FastifyError).statusCode;
      if (fastifyStatus && fastifyStatus >= 400 && fastifyStatus < 500) {
        status = fastifyStatus;
        message = error.message;
        answerCode = 'bad_request';
      }
    }
    if (status >= 500) request.log.error({ err: error }, status === 500 ? 'unhandled error' : `answered ${answerCode}`);
    if (!reply.sent) reply.status(status).send({ ok: false, error: message, code: answerCode });
  });
}

/** Errors the router meets before any route or hook runs (a malformed escape, an over-long parameter). */
export function frameworkErrorAnswer(error: FastifyError, _request: unknown, reply: import('fastify').FastifyReply): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  // The URL is not echoed: it is the attacker's text, and it may be long.
  const message = tooLong ? 'A part of the address is too long.' : 'The address is not valid: it has a malformed %-escape.';
  void reply.status(tooLong ? 414 : 400).send({ ok: false, error: message, code: 'bad_request' satisfies ErrorCode });
}

/**
 * Requests Node's parser rejects before Fastify sees them (headers too large, garbage on the line). The answer has
 * our shape, closes the connection (nothing after the bad bytes can be trusted), and a HEAD gets no body.
 */
export function clientErrorAnswer(error: Error & { code?: string; rawPacket?: unknown }, socket: import('node:net').Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, message, code]: [number, string, string, ErrorCode] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'The request headers are too large.', 'payload_too_large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'The request took too long to arrive.', 'bad_request']
        : [400, 'Bad Request', 'The request is not valid HTTP.', 'bad_request'];
  const head = Buffer.isBuffer(error.rawPacket) && error.rawPacket.subarray(0, 5).toString('latin1') === 'HEAD ';
  const body = head ? '' : JSON.stringify({ ok: false, error: message, code });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
