// Wire shapes of /api/integration (is Codex set up to talk to Codex Pro Max?). Zod schemas and their types only.
import { z } from 'zod';

/** One check, as `codex-pro-max doctor` prints it: what was checked, whether it passed, and how to fix it. */
export const integrationFindingSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  message: z.string(),
  fix: z.string().optional(),
});
export type IntegrationFinding = z.infer<typeof integrationFindingSchema>;

/** GET /api/integration: `installed` is true once Codex's config has the MCP server and the skill is in place. */
export const integrationStatusSchema = z.object({
  ok: z.boolean(),
  installed: z.boolean(),
  findings: z.array(integrationFindingSchema),
});
export type IntegrationStatus = z.infer<typeof integrationStatusSchema>;

/** POST /api/integration/setup: the new status plus what setup did. */
export const integrationSetupResultSchema = integrationStatusSchema.extend({
  changed: z.boolean(),
  messages: z.array(z.string()),
});
export type IntegrationSetupResult = z.infer<typeof integrationSetupResultSchema>;
