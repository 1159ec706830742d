// Test-only fault injection. With CODEX_PRO_MAX_TEST_CRASH naming points (comma-separated) the process kills itself
// there, as a power cut would, with probability CODEX_PRO_MAX_TEST_CRASH_RATE (default 1). The crash tests use it to
// land inside windows that a timer from outside almost never hits. Unset, as in normal use, it does nothing.

export type CrashPoint = 'handoff-before-write' | 'handoff-after-write' | 'handoff-after-finish' | 'conclusion-stored';

const armed = new Set((process.env.CODEX_PRO_MAX_TEST_CRASH ?? '').split(',').filter(Boolean));
const rate = Number(process.env.CODEX_PRO_MAX_TEST_CRASH_RATE ?? '1');

export function crashPoint(point: CrashPoint): void {
  if (armed.has(point) && Math.random() < rate) process.kill(process.pid, 'SIGKILL');
}
