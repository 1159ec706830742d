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

/** Problems grouped by their fix, in the order each fix first appears: one fix that mends four problems shows once. */
export function groupByFix(problems: IntegrationFinding[]): { fix: string | null; problems: IntegrationFinding[] }[] {
  const groups: { fix: string | null; problems: IntegrationFinding[] }[] = [];
  for (const problem of problems) {
    const fix = problem.fix?.trim() || null;
    const group = fix === null ? undefined : groups.find((g) => g.fix === fix);
    if (group) group.problems.push(problem);
    else groups.push({ fix, problems: [problem] });
  }
  return groups;
}
