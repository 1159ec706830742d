// A grooming turn: Codex condenses context material into a hand-over document. One turn on a drive engine (the daemon
// when it is there, else `codex exec`) in a throwaway thread — ephemeral, so no rollout is written and it never shows
// in History — read-only and never asking. The fixed prompt comes first; Codex's last message is the document.
import { GROOMING_PROMPT } from '../../shared/context.js';
import type { CodexEngine, EngineName } from '../engine/engine.js';

export interface GroomRequest {
  material: string;
  /** Where the turn runs (read-only): the first source's folder, else a temporary one. */
  cwd: string;
  model: string | null;
  signal?: AbortSignal;
}

export interface GroomResult {
  document: string;
  engine: EngineName;
  /** The turn's tokens as Codex reported them; `documentTokens` is what the answer itself came to. */
  usage: { inputTokens: number; outputTokens: number; reasoningOutputTokens: number };
  documentTokens: number;
  /** The throwaway thread's id (nothing keeps it). */
  threadId: string | null;
}

/** Why a grooming turn gave no document: Codex's own explanation. */
export class GroomingTurnFailed extends Error {
  override name = 'GroomingTurnFailed';
}

/** The text a grooming turn is given: the fixed prompt, then the material. */
export function groomingText(material: string): string {
  return `${GROOMING_PROMPT}\n\n---\n\n${material}`;
}

/** Runs the grooming turn and resolves with its document; rejects with GroomingTurnFailed when Codex gave none. */
export async function groom(engine: CodexEngine, req: GroomRequest): Promise<GroomResult> {
  let answer: string | null = null;
  let usage: GroomResult['usage'] | null = null;
  let threadId: string | null = null;
  let failure: string | null = null;
  const turn = engine.runTurn(
    {
      threadId: null,
      cwd: req.cwd,
      sandbox: 'read-only',
      approvalPolicy: 'never',
      model: req.model,
      effort: null,
      text: groomingText(req.material),
      images: [],
      clientId: `groom-${Date.now()}`,
      ephemeral: true,
    },
    {
      event: (body) => {
        if (body.kind === 'thread_started') threadId = body.threadId;
        else if (body.kind === 'item' && body.phase === 'completed' && body.item.type === 'agent_message') answer = body.item.text;
        else if (body.kind === 'turn_completed') usage = body.usage;
        else if (body.kind === 'turn_failed') failure = body.message;
      },
    },
  );
  const onAbort = () => turn.interrupt();
  req.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await turn.started;
    const end = await turn.done;
    if (end.status !== 'completed') throw new GroomingTurnFailed(end.message ?? failure ?? `The grooming turn was ${end.status}.`);
  } catch (error) {
    if (error instanceof GroomingTurnFailed) throw error;
    throw new GroomingTurnFailed((error as Error).message);
  } finally {
    req.signal?.removeEventListener('abort', onAbort);
  }
  const document = (answer as string | null)?.trim();
  if (!document) throw new GroomingTurnFailed('Codex finished the grooming turn without writing a document.');
  const used = (usage as GroomResult['usage'] | null) ?? { inputTokens: 0, outputTokens: 0, reasoningOutputTokens: 0 };
  return {
    document,
    engine: turn.engine,
    usage: { inputTokens: used.inputTokens, outputTokens: used.outputTokens, reasoningOutputTokens: used.reasoningOutputTokens },
    // Reasoning is part of the output Codex reports, but never part of the answer the new session receives.
    documentTokens: Math.max(0, used.outputTokens - used.reasoningOutputTokens),
    threadId: threadId as string | null,
  };
}
