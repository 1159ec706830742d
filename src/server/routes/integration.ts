// GET /api/integration (is Codex set up to reach us?) and POST /api/integration/setup (do the setup for this CODEX_HOME).
// The same logic as `codex-pro-max doctor` / `setup`, minus the server's check of itself.
import type { FastifyInstance } from 'fastify';
import { type IntegrationOptions, IntegrationRefused, installIntegration, waitSecondsFrom } from '../../codex/integration.js';
import { inspectIntegration } from '../../codex/integration-check.js';
import { AppError } from '../../errors.js';
import { api } from '../../shared/api.js';
import type { IntegrationSetupResult, IntegrationStatus } from '../../shared/integration.js';
import type { ServerContext } from '../context.js';
import { serve } from '../serve.js';

export async function integrationRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const opts = (): IntegrationOptions => ({
    codexHome: ctx.settings.codexHome,
    dataRoot: ctx.settings.dataRoot,
    waitSeconds: waitSecondsFrom(process.env),
  });

  async function status(): Promise<IntegrationStatus> {
    const { installed, findings } = await inspectIntegration(opts());
    return { ok: findings.every((f) => f.ok), installed, findings };
  }

  serve(app, api.integration, async () => status());

  serve(app, api.integrationSetup, { config: { writesDatabase: false } }, async (): Promise<IntegrationSetupResult> => {
    let report: { changed: boolean; messages: string[] };
    try {
      report = installIntegration(opts());
    } catch (error) {
      if (error instanceof IntegrationRefused) throw new AppError(409, `Setup did not change anything. ${error.problem} ${error.fix}`);
      throw error;
    }
    return {
      ...(await status()),
      changed: report.changed,
      messages: [...report.messages, 'Restart Codex so it loads the skill and the MCP server.'],
    };
  });
}
