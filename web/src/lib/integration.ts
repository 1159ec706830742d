// The shape of GET /api/integration, until src/shared/integration.ts lands; extra fields are tolerated.
import { z } from 'zod';

export const integrationFindingSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  message: z.string(),
  fix: z.string().optional().nullable(),
});

export const integrationReportSchema = z.object({
  ok: z.boolean(),
  installed: z.boolean(),
  findings: z.array(integrationFindingSchema),
});
export type IntegrationReport = z.infer<typeof integrationReportSchema>;

/** Findings a person should act on: the failed ones, in server order. */
export function problemsOf(report: IntegrationReport | null): z.infer<typeof integrationFindingSchema>[] {
  if (!report) return [];
  return report.findings.filter((f) => !f.ok);
}

/** True when the banner should show: anything failing, or the integration not installed. */
export function needsAttention(report: IntegrationReport | null): boolean {
  return report !== null && (!report.installed || !report.ok || problemsOf(report).length > 0);
}
