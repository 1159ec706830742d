// What the model reads: tool descriptions and tool results for the Codex Pro Max loop. Text only; no I/O.
import type { DeliveredPrompt } from '../shared/schemas.js';

export const LOOP_SUMMARY =
  'Codex Pro Max loop: start_session once, do the work, submit_conclusion with your result; it returns the next prompt from the person. ' +
  'Do that prompt, submit_conclusion again, and so on. If a call returns status "no_instruction_yet", call wait_for_instruction again right away ' +
  '(no other message, no final answer). If it returns status "stopped", the loop is over: do not call these tools again; give your final answer normally.';

export const DESCRIPTIONS = {
  start_session:
    'Start (or resume) the Codex Pro Max session for this conversation, so the person can follow it in their browser and send you follow-up prompts. ' +
    'Call it once, before your first conclusion. Optional "title": a short name for the session (a few words about the task). ' +
    LOOP_SUMMARY,
  submit_conclusion:
    'Hand your conclusion for the current task to the person (Markdown; include what you did, results, and anything they must decide), ' +
    'then wait for and return their next prompt. Returns status "instruction" (do it, then call submit_conclusion again), ' +
    '"no_instruction_yet" (call wait_for_instruction right away), or "stopped" (end the loop and answer normally). ' +
    'Use this instead of ending your turn while a Codex Pro Max session is active.',
  wait_for_instruction:
    'Wait for the next prompt from the person without submitting a new conclusion. Use it only after a previous call returned ' +
    '"no_instruction_yet". Same results as submit_conclusion. Never poll in a tight loop: each call already waits up to ~25 minutes; ' +
    'on "stopped" do not call it again.',
} as const;

export function minutes(ms: number): string {
  const m = Math.round(ms / 60_000);
  return m >= 1 ? `${m} minute${m === 1 ? '' : 's'}` : `${Math.round(ms / 1000)} seconds`;
}

const REPEATED =
  'Note: this is the same prompt you were already given (no conclusion was submitted since). If you already did it, just call submit_conclusion with your result; otherwise do it now. ';
const DO_IT = 'Do this now, in this conversation. When done, call submit_conclusion with your conclusion; it will return the next prompt.';

/** The guidance that goes with a prompt (structuredContent.message; the prompt itself is in instruction.content). */
export function promptGuidance(repeated: boolean): string {
  return `${repeated ? REPEATED : ''}The person sent the next prompt (instruction.content). ${DO_IT}`;
}

export function promptText(instruction: DeliveredPrompt, repeated: boolean): string {
  return `${repeated ? `${REPEATED}\n\n` : ''}The person sent the next prompt (id ${instruction.id}):\n\n${instruction.content}\n\n---\n${DO_IT}`;
}

export function stoppedText(serverMessage: string): string {
  return `${serverMessage}\nThe Codex Pro Max loop has ended: do not call submit_conclusion or wait_for_instruction again. Give your final answer to the user normally.`;
}

export function nothingYetText(waitedMs: number, concluded: boolean): string {
  return (
    `${concluded ? 'Your conclusion was saved. ' : ''}No new prompt yet (waited ${minutes(waitedMs)}). ` +
    'Call wait_for_instruction again now to keep waiting. Do not end your turn, do not answer the user, and do not call other tools in between.'
  );
}

export function unreachableText(detail: string, concluded: boolean): string {
  return (
    `${concluded ? 'Your conclusion was saved, but then ' : ''}Codex Pro Max cannot be reached right now (${detail}). ` +
    'It may be restarting. Call wait_for_instruction again to keep waiting for it. If this keeps happening for a long time, ' +
    'tell the user that the Codex Pro Max server seems to be stopped (they can start it with "npm start" in the Codex Pro Max folder).'
  );
}

export function notRunningText(detail: string): string {
  return (
    `Codex Pro Max is not running or cannot be reached (${detail}). The loop cannot start. ` +
    'Tell the user they can start it with "npm start" in the Codex Pro Max folder; meanwhile, do the task and answer normally.'
  );
}
