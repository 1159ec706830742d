// What the waiting Codex is told in each case, and how a title is derived from text. Words only; no state.

export const NOTHING_YET = 'No new prompt yet. Call wait_for_instruction again to keep waiting; do not end the turn or answer the user.';
export const STOPPED =
  'The person stopped this Codex Pro Max session. End the Codex Pro Max loop now: do not wait again; give your final answer normally.';
export const DELETED = 'This Codex Pro Max session was deleted. End the Codex Pro Max loop now and answer normally.';
export const HANDED = 'The person sent the next prompt. Do it, then submit your conclusion and wait again.';

/** A short session title from the first meaningful line of a prompt or conclusion. */
export function titleFrom(text: string): string {
  const line = text
    .split('\n')
    .map((l) => l.replace(/^[#>*\-\s`]+/, '').trim())
    .find((l) => l.length > 0);
  if (!line) return 'Untitled session';
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
