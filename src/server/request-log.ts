// Each request's logger, made only when the request logs at a level that prints: Fastify otherwise builds a pino
// child (bindings serialised) for every request, and at our level (warn) nearly every one of them never prints a line.
import type { FastifyBaseLogger, LogLevel } from 'fastify';

type LogFn = FastifyBaseLogger['info'];
type Bindings = Parameters<FastifyBaseLogger['child']>[0];
type ChildLoggerOptions = Parameters<FastifyBaseLogger['child']>[1];
/** Fastify's logger is pino, which can say whether a level prints; a logger that cannot always gets its child. */
type ParentLogger = FastifyBaseLogger & { isLevelEnabled?: (level: LogLevel) => boolean };

/** A logger with the request's bindings that asks pino for the child on its first line at an enabled level. */
class RequestLogger {
  private made: FastifyBaseLogger | null = null;

  constructor(
    private readonly parent: ParentLogger,
    private readonly bindings: Bindings,
    private readonly options: ChildLoggerOptions | undefined,
  ) {}

  get level(): string {
    return this.made?.level ?? this.parent.level;
  }

  set level(level: string) {
    this.logger().level = level;
  }

  // Methods, not arrow properties: a request makes one object, not seven closures.
  fatal(...args: Parameters<LogFn>): void {
    this.write('fatal', args);
  }
  error(...args: Parameters<LogFn>): void {
    this.write('error', args);
  }
  warn(...args: Parameters<LogFn>): void {
    this.write('warn', args);
  }
  info(...args: Parameters<LogFn>): void {
    this.write('info', args);
  }
  debug(...args: Parameters<LogFn>): void {
    this.write('debug', args);
  }
  trace(...args: Parameters<LogFn>): void {
    this.write('trace', args);
  }
  silent(): void {}

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.logger().child(bindings, options);
  }

  private write(level: Exclude<LogLevel, 'silent'>, args: Parameters<LogFn>): void {
    if (this.made === null && this.parent.isLevelEnabled?.(level) === false) return;
    (this.logger()[level] as (...a: unknown[]) => void)(...args);
  }

  private logger(): FastifyBaseLogger {
    this.made ??= this.parent.child(this.bindings, this.options);
    return this.made;
  }
}

/** Fastify's `childLoggerFactory`: the same bindings and options as its own, the child made on first use. */
export function requestLogger(logger: FastifyBaseLogger, bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
  return new RequestLogger(logger, bindings, options) as unknown as FastifyBaseLogger;
}
