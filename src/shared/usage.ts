// The one token-usage wire shape: a drive turn's figures, a driven session's sum, a rollout's totals and per-turn
// figures, and what the UI shows of them.
// Schema and type only; the arithmetic on it is in usage-math.ts.
import { z } from 'zod';

/** Token figures; cached input is part of input and reasoning is part of output, so total = input + output. */
export const tokenUsageSchema = z.object({
  inputTokens: z.number().int(),
  cachedInputTokens: z.number().int(),
  outputTokens: z.number().int(),
  reasoningOutputTokens: z.number().int(),
});
export type TokenUsage = z.infer<typeof tokenUsageSchema>;
