// The `codex_pro_max` MCP server: start_session, submit_conclusion, wait_for_instruction for the calling Codex thread.
// Talks to the Codex Pro Max HTTP API only (through LoopClient); must not write to stdout outside the MCP transport.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { ApiError } from '../client/api-client.js';
import type { ThreadId } from '../shared/ids.js';
import { type WaitResult, waitStatusSchema } from '../shared/schemas.js';
import { LoopClient, type LoopTiming, LoopUnavailable } from './loop-client.js';
import { DESCRIPTIONS, nothingYetText, notRunningText, promptGuidance, promptText, stoppedText, unreachableText } from './texts.js';
import { NO_THREAD_ID, threadIdFromMeta } from './thread-meta.js';

export const MCP_SERVER_NAME = 'codex_pro_max';

// What the loop tools give Codex: the wait answer's status and prompt (see waitResultSchema), without the HTTP fields.
const attachmentShape = z.object({ id: z.string(), name: z.string(), path: z.string(), mimeType: z.string() });
const loopResultShape = {
  status: waitStatusSchema,
  instruction: z.object({ id: z.string(), content: z.string(), attachments: z.array(attachmentShape) }).optional(),
  message: z.string(),
};
type LoopResult = z.infer<z.ZodObject<typeof loopResultShape>>;

function textResult(text: string, structured?: Record<string, unknown>, isError = false): CallToolResult {
  return {
    content: [{ type: 'text', text }],
    ...(structured ? { structuredContent: structured } : {}),
    ...(isError ? { isError: true } : {}),
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface McpOptions {
  dataRoot: string;
  timing: LoopTiming;
  version: string;
  /** The HTTP side, when the caller also needs it (the `mcp` command reports through it that its Codex ended). */
  loop?: LoopClient;
}

export function createMcpServer(options: McpOptions): McpServer {
  const loop = options.loop ?? new LoopClient(options.dataRoot, options.timing);
  // Per thread, the prompt ids this process already returned, to flag a re-delivery (same prompt, no conclusion since).
  const returned = new Map<ThreadId, Set<string>>();
  const server = new McpServer({ name: 'codex-pro-max', version: options.version }, { capabilities: { tools: {} } });

  function toLoopResult(
    threadId: ThreadId,
    wait: WaitResult | { unreachable: string },
    concluded: boolean,
    waitedMs: number,
  ): CallToolResult {
    if ('unreachable' in wait) {
      const result: LoopResult = { status: 'no_instruction_yet', message: unreachableText(wait.unreachable, concluded) };
      return textResult(result.message, result);
    }
    if (wait.status === 'instruction' && wait.instruction) {
      const seen = returned.get(threadId) ?? new Set<string>();
      const repeated = seen.has(wait.instruction.id);
      seen.add(wait.instruction.id);
      returned.set(threadId, seen);
      const { id, content, attachments } = wait.instruction;
      // Codex 0.169 shows the model only structuredContent when present, so `message` must carry the guidance too.
      const result: LoopResult = {
        status: 'instruction',
        instruction: { id, content, attachments },
        message: promptGuidance(repeated),
      };
      return textResult(promptText(wait.instruction, repeated), result);
    }
    if (wait.status === 'stopped') {
      const result: LoopResult = { status: 'stopped', message: wait.message };
      return textResult(stoppedText(wait.message), result);
    }
    const result: LoopResult = { status: 'no_instruction_yet', message: nothingYetText(waitedMs, concluded) };
    return textResult(result.message, result);
  }

  async function waitAndReport(threadId: ThreadId, concluded: boolean, signal: AbortSignal): Promise<CallToolResult> {
    const started = Date.now();
    const wait = await loop.waitForInstruction(threadId, signal);
    return toLoopResult(threadId, wait, concluded, Date.now() - started);
  }

  server.registerTool(
    'start_session',
    {
      title: 'Start the Codex Pro Max session',
      description: DESCRIPTIONS.start_session,
      inputSchema: { title: z.string().max(200).optional().describe('A short name for this session, e.g. "Fix login redirect".') },
      outputSchema: { status: z.enum(['started']), sessionId: z.string(), title: z.string(), message: z.string() },
    },
    async ({ title }, extra) => {
      const threadId = threadIdFromMeta(extra._meta as Record<string, unknown> | undefined);
      if (!threadId) return textResult(NO_THREAD_ID, undefined, true);
      try {
        const session = await loop.attach(threadId, title?.trim() || undefined, extra.signal);
        returned.delete(threadId);
        const message = `Codex Pro Max session "${session.title}" is ready. Do the task now; when you are done, call submit_conclusion with your conclusion instead of ending your turn.`;
        return textResult(message, { status: 'started', sessionId: session.id, title: session.title, message });
      } catch (error) {
        if (error instanceof LoopUnavailable) return textResult(notRunningText(error.lastError.message), undefined, true);
        return textResult(`Could not start the Codex Pro Max session: ${describe(error)}`, undefined, true);
      }
    },
  );

  server.registerTool(
    'submit_conclusion',
    {
      title: 'Submit your conclusion and get the next prompt',
      description: DESCRIPTIONS.submit_conclusion,
      inputSchema: { conclusion: z.string().min(1).describe('Your conclusion for the person, in Markdown.') },
      outputSchema: loopResultShape,
    },
    async ({ conclusion }, extra) => {
      const threadId = threadIdFromMeta(extra._meta as Record<string, unknown> | undefined);
      if (!threadId) return textResult(NO_THREAD_ID, undefined, true);
      if (!conclusion.trim())
        return textResult('The conclusion is empty. Call submit_conclusion again with your actual conclusion.', undefined, true);
      try {
        await loop.conclude(threadId, conclusion, extra.signal);
        returned.delete(threadId);
      } catch (error) {
        const detail = error instanceof LoopUnavailable ? error.lastError.message : describe(error);
        const again =
          error instanceof ApiError && !error.is('internal_error', 'unavailable')
            ? ''
            : ' Call submit_conclusion again with the same conclusion in a little while.';
        return textResult(`Your conclusion could not be saved: ${detail}.${again}`, undefined, true);
      }
      try {
        return await waitAndReport(threadId, true, extra.signal);
      } catch (error) {
        return textResult(
          `Your conclusion was saved, but waiting for the next prompt failed: ${describe(error)}. Call wait_for_instruction.`,
          undefined,
          true,
        );
      }
    },
  );

  server.registerTool(
    'wait_for_instruction',
    {
      title: 'Wait for the next prompt',
      description: DESCRIPTIONS.wait_for_instruction,
      inputSchema: {},
      outputSchema: loopResultShape,
    },
    async (_args, extra) => {
      const threadId = threadIdFromMeta(extra._meta as Record<string, unknown> | undefined);
      if (!threadId) return textResult(NO_THREAD_ID, undefined, true);
      try {
        return await waitAndReport(threadId, false, extra.signal);
      } catch (error) {
        return textResult(`Waiting failed: ${describe(error)}. Call wait_for_instruction again.`, undefined, true);
      }
    },
  );

  return server;
}
