// Codex writes much of a turn twice: as an event_msg (with exit codes, diffs, status) and as the response_item the
// model saw. Wherever both exist the event wins; this is the one place that decides which record is the losing twin.
import type { LineClass } from './classify.js';
import type { RolloutEvent, Source } from './event.js';

/** What a turn has seen so far that turns later response items into twins. */
export interface TwinMarks {
  /** callIds already described by an event (exec_command_end, FileChange, …). */
  eventCallIds: Set<string>;
  sawEventSearch: boolean;
}

/** Notes what an event-sourced record covers; call it before asking `isLosingTwin` about the same record. */
export function markEventTwins(marks: TwinMarks, ev: RolloutEvent): void {
  if (ev.kind === 'command' || ev.kind === 'mcp') marks.eventCallIds.add(ev.callId ?? `@${ev.offset}`);
  else if (ev.kind === 'files' && ev.callId) marks.eventCallIds.add(ev.callId);
  else if (ev.kind === 'search' && ev.from === 'event') marks.sawEventSearch = true;
}

/**
 * Whether a user, agent or reasoning text from `from` repeats an event: wrapped files (they have session_meta)
 * always carry the event twin; bare (2025 H1) files have only the response item.
 */
export function isLosingTextTwin(from: Source, wrapped: boolean): boolean {
  return from === 'response' && wrapped;
}

/** Whether `ev` only repeats what the turn shows from an event, so it gets no activity item of its own. */
export function isLosingTwin(ev: RolloutEvent, wrapped: boolean, marks: TwinMarks): boolean {
  switch (ev.kind) {
    case 'user':
    case 'agent':
    case 'reasoning':
      return isLosingTextTwin(ev.from, wrapped);
    case 'search':
      return ev.from === 'response' && marks.sawEventSearch;
    case 'call.output':
      // Older rollouts lack exec_command_end and friends: there the raw call output is all there is.
      return marks.eventCallIds.has(ev.callId);
    default:
      return false;
  }
}

/** A turn's texts from events when there are any, else from response items (for exports, which keep both). */
export function pick<T>(twins: { event: T[]; response: T[] }): T[] {
  return twins.event.length > 0 ? twins.event : twins.response;
}

/** Events that prove the file records tool calls as events, so their response_item twins can be skipped. */
const TOOL_EVENTS = new Set(['item_completed', 'exec_command_end', 'patch_apply_end']);
// function_call stays: it is small, names old commands that exec_command_end lacks, and carries update_plan.
const TWIN_SUBTYPES = new Set([
  'message',
  'reasoning',
  'function_call_output',
  'custom_tool_call',
  'custom_tool_call_output',
  'web_search_call',
]);

/**
 * The same rule on undecoded lines, for one pass over a file in order: once it has shown tool events (0.169
 * item_completed, older exec_command_end), the large response_item twins of those events are losing twins.
 */
export function twinLineSkipper(): (c: LineClass) => boolean {
  let eventsSeen = false;
  return (c) => {
    if (c.type === 'event_msg' && c.sub !== null && TOOL_EVENTS.has(c.sub)) eventsSeen = true;
    return eventsSeen && c.type === 'response_item' && c.sub !== null && TWIN_SUBTYPES.has(c.sub);
  };
}
