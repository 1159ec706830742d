// Helpers over the shared /api/integration shapes (src/shared/integration.ts): which findings need the person.
import type { IntegrationFinding, IntegrationStatus } from '../../../src/shared/integration.js';

export type IntegrationReport = IntegrationStatus;

/** Findings a person should act on: the failed ones, in server order. */
export function problemsOf(report: IntegrationReport | null): IntegrationFinding[] {
  if (!report) return [];
  return report.findings.filter((f) => !f.ok);
}

/** True when the banner should show: anything failing, or the integration not installed. */
export function needsAttention(report: IntegrationReport | null): boolean {
  return report !== null && (!report.installed || !report.ok || problemsOf(report).length > 0);
}
