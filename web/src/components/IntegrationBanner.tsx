// Tells the person when Codex cannot reach Codex Pro Max (integration not installed, codex missing) and how to fix it.
// Until the server offers GET /api/integration (404), it shows nothing.
import { useCallback, useEffect, useState } from 'react';
import { api } from '../api.js';
import { groupByFix, type IntegrationReport, needsAttention, problemsOf } from '../lib/integration.js';
import { IconWarning, IconX } from './icons.js';
import { useToast } from './Toasts.js';

export function IntegrationBanner() {
  const toast = useToast();
  const [report, setReport] = useState<IntegrationReport | null>(null);
  const [dismissed, setDismissed] = useState(false);
  const [running, setRunning] = useState(false);

  const check = useCallback(async () => {
    try {
      setReport(await api.integration());
    } catch (error) {
      console.warn('Integration check failed', error);
    }
  }, []);
  useEffect(() => void check(), [check]);

  if (dismissed || !needsAttention(report)) return null;
  const problems = problemsOf(report);

  const setup = async () => {
    setRunning(true);
    try {
      const result = await api.runIntegrationSetup();
      setReport(result);
      if (result.messages.length > 0) toast(result.messages.join(' '), 'info');
    } catch (error) {
      toast(error);
    } finally {
      setRunning(false);
    }
  };

  return (
    <div className="banner warning" role="alert">
      <IconWarning />
      <div className="banner-body">
        <strong>{report?.installed ? 'Codex cannot use Codex Pro Max yet.' : 'The Codex integration is not installed.'}</strong>{' '}
        <span>{problems.length === 1 ? '1 problem found.' : `${problems.length} problems found.`}</span>
        {/* Collapsed by default so the banner never pushes the composer off a phone screen. */}
        <details>
          <summary>What is wrong and how to fix it</summary>
          {groupByFix(problems).map((group) => (
            <div key={group.problems[0]?.id} className="banner-fix-group">
              <ul>
                {group.problems.map((f) => (
                  <li key={f.id}>{f.message}</li>
                ))}
              </ul>
              {group.fix && <p className="fix">Fix: {group.fix}</p>}
            </div>
          ))}
        </details>
        <div className="banner-actions">
          <button type="button" className="button primary small" disabled={running} onClick={() => void setup()}>
            {running ? 'Setting up…' : 'Set up the integration'}
          </button>
          <button type="button" className="button small" onClick={() => void check()}>
            Check again
          </button>
        </div>
      </div>
      <button type="button" className="icon-button small" aria-label="Hide this message" onClick={() => setDismissed(true)}>
        <IconX />
      </button>
    </div>
  );
}
