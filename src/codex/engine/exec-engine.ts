// The fallback engine: one `codex exec --json` (or `exec resume <thread>`) process per turn, as drive mode always ran.
// It cannot steer or ask for approval (exec runs with approvals off); an interrupt kills the process group it spawned.
import type { CodexBinary } from '../binary.js';
import { buildExecCommand, execEnv } from '../exec/command.js';
import { explainCodexError, explainExit } from '../exec/error-patterns.js';
import { parseExecLine } from '../exec/events.js';
import { startTurnProcess } from '../exec/process.js';
import type { CodexEngine, EngineEnd, EngineSink, EngineTurn, EngineTurnRequest } from './engine.js';
import { SteerUnsupported } from './engine.js';

export interface ExecEngineOptions {
  codexHome: string;
  env: NodeJS.ProcessEnv;
  /** The checked codex program; exec turns run only once it is known. */
  binary: () => CodexBinary | null;
}

export class ExecEngine implements CodexEngine {
  readonly name = 'exec' as const;

  constructor(private readonly opts: ExecEngineOptions) {}

  available(): boolean {
    return this.opts.binary() !== null;
  }

  runTurn(req: EngineTurnRequest, sink: EngineSink): EngineTurn {
    const binary = this.opts.binary();
    if (!binary) throw new Error('Codex was not found.');
    const cmd = buildExecCommand({
      command: binary.command,
      commandArgs: binary.args,
      cwd: req.cwd,
      sandbox: req.sandbox,
      model: req.model,
      effort: req.effort,
      images: req.images,
      resumeThreadId: req.threadId as never,
      prompt: req.text,
      ephemeral: req.ephemeral,
    });
    let completed = false;
    let failure: string | null = null;
    let lastError: string | null = null;
    let stopped = false;
    const proc = startTurnProcess(cmd, {
      cwd: req.cwd,
      env: execEnv(this.opts.env, this.opts.codexHome),
      onLine: (line) => {
        if (stopped) return;
        const body = parseExecLine(line);
        if (!body) return;
        if (body.kind === 'turn_completed') completed = true;
        else if (body.kind === 'turn_failed') failure = body.message;
        else if (body.kind === 'error') lastError = body.message;
        try {
          sink.event(body);
        } catch {
          // The reader has nowhere left to put events (its session was deleted): end the turn.
          stopped = true;
          proc.interrupt();
        }
      },
    });
    const started = proc.started.catch((error: Error) => {
      throw new Error(`Codex could not be started (${binary.path}): ${error.message}`);
    });
    started.catch(() => {});
    const done = (async (): Promise<EngineEnd> => {
      const exit = await proc.done;
      const ended = { code: exit.code, signal: exit.signal };
      if (exit.interrupted) return { status: 'interrupted', message: null, exitCode: exit.code, exit: ended };
      if (completed && !failure && exit.code === 0) return { status: 'completed', message: null, exitCode: 0, exit: ended };
      const said = failure ?? lastError;
      const explained = said ? explainCodexError(said) : explainExit(exit.code, exit.signal, exit.stderr);
      return { status: 'failed', message: explained.message, exitCode: exit.code, exit: ended };
    })();
    return {
      engine: 'exec',
      pid: proc.pid,
      started,
      done,
      steer: () =>
        Promise.reject(
          new SteerUnsupported('This turn runs as a separate codex exec process, which cannot take more text while it works.'),
        ),
      interrupt: () => proc.interrupt(),
    };
  }
}
