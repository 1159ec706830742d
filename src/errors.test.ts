// Error codes: a subclass's code comes from its name, a bare AppError's from its status, and an explicit one wins.
import { describe, expect, it } from 'vitest';
import { AppError, BadRequest, DatabaseGone, DiskFull, QueueFull, SessionNotFound } from './errors.js';

describe('AppError codes', () => {
  it.each([
    [new BadRequest('x'), 'bad_request'],
    [new SessionNotFound('s'), 'session_not_found'],
    [new QueueFull(50), 'queue_full'],
    [new DiskFull(), 'disk_full'],
    [new DatabaseGone('/d/codex-pro-max.sqlite3', 'deleted'), 'database_gone'],
    [new AppError(409, 'x'), 'conflict'],
    [new AppError(418, 'x'), 'internal_error'],
    [new AppError(409, 'x', 'queue_full'), 'queue_full'],
  ])('%s → %s', (error, code) => {
    expect(error.code).toBe(code);
  });
});
