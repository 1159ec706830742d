// Notices that the Codex which started this MCP server has ended: its end of stdin closed, its process is gone (polled
// cheaply with signal 0), or a signal asks this process to quit. Must not write to stdout (the MCP transport's).
export type ExitReason = 'stdin_closed' | 'parent_exited' | 'signal';

export interface CodexExitWatch {
  /** Resolves once, with the first reason seen. */
  ended: Promise<ExitReason>;
  stop(): void;
}

/** Watches for the end of `parentPid` (default: this process's parent at start) every `pollMs`. */
export function watchCodexExit(options: { parentPid?: number; pollMs?: number; stdin?: NodeJS.ReadableStream } = {}): CodexExitWatch {
  const parentPid = options.parentPid ?? process.ppid;
  const stdin = options.stdin ?? process.stdin;
  let settle: (reason: ExitReason) => void = () => {};
  const ended = new Promise<ExitReason>((resolve) => {
    settle = resolve;
  });
  const onEnd = () => finish('stdin_closed');
  const onSignal = () => finish('signal');
  // process.ppid is read once at start-up by Node, so only asking the kernel about that pid sees the parent go.
  // A parent that is already init (pid 1) adopted us before we started: there is nothing to watch.
  const poll =
    parentPid > 1
      ? setInterval(() => {
          if (!alive(parentPid)) finish('parent_exited');
        }, options.pollMs ?? 1000)
      : undefined;
  poll?.unref();
  stdin.once('end', onEnd);
  stdin.once('close', onEnd);
  const signals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];
  for (const s of signals) process.once(s, onSignal);

  function stop() {
    clearInterval(poll);
    stdin.off('end', onEnd);
    stdin.off('close', onEnd);
    for (const s of signals) process.off(s, onSignal);
  }
  function finish(reason: ExitReason) {
    stop();
    settle(reason);
  }
  return { ended, stop };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    // ESRCH: gone. EPERM: the pid now belongs to another user, so our parent died and the number was reused.
    return false;
  }
}
