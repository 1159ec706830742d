// Small readers for what the real codex sends the fake model and what drive mode stores, shared by rig-based tests.
import type { ModelRequest } from '../fixtures/fake-model.js';

/** True when the newest user message has no tool output after it yet: the model's first request of a turn. */
export function firstRequestOfTurn(req: ModelRequest): boolean {
  let lastUser = -1;
  let lastOutput = -1;
  req.input.forEach((item, i) => {
    if (item?.type === 'message' && item.role === 'user') lastUser = i;
    if (item?.type === 'function_call_output' || item?.type === 'custom_tool_call_output') lastOutput = i;
  });
  return lastOutput < lastUser;
}

/** Events of a drive snapshot's turn as short labels, e.g. "completed:command_execution". */
export function labels(events: any[]): string[] {
  return events.map((e) => (e.kind === 'item' ? `${e.phase}:${e.item.type}` : e.kind));
}
