// The drive-mode part of a driven session: settings, token figures, the per-turn live event list, Interrupt and Continue.
import { useState } from 'react';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { useToast } from '../components/Toasts.js';
import { driveApi } from './api.js';
import { formatUsage } from './fold.js';
import { TurnView } from './TurnView.js';
import { useDriveTurns } from './useDriveTurns.js';
import './drive.css';

const SANDBOX_LABEL = { 'read-only': 'read-only', 'workspace-write': 'workspace write', 'danger-full-access': 'full access' } as const;

export function DrivePanel({ session }: { session: SessionSummary }) {
  const { snapshot, error } = useDriveTurns(session.id);
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      toast(e);
    } finally {
      setBusy(false);
    }
  };
  if (error) return <div className="banner error">{error}</div>;
  if (!snapshot) return null;
  const { settings, turns, usage, running } = snapshot;
  return (
    <section className="drive-panel" aria-label="Codex turns run from here">
      <div className="drive-bar">
        {settings && (
          <span className="drive-muted">
            {settings.cwd} · {settings.model ?? 'default model'}
            {settings.effort ? ` · ${settings.effort} effort` : ''} · {SANDBOX_LABEL[settings.sandbox]}
          </span>
        )}
        <span className="drive-muted">Tokens: {formatUsage(usage)}</span>
        {running ? (
          <button type="button" className="button danger" disabled={busy} onClick={() => act(() => driveApi.interrupt(session.id))}>
            Interrupt
          </button>
        ) : (
          session.queuedCount > 0 && (
            <button type="button" className="button" disabled={busy} onClick={() => act(() => driveApi.continue(session.id))}>
              Run {session.queuedCount} queued
            </button>
          )
        )}
      </div>
      {turns.length > 0 && (
        <div className="drive-turns">
          {turns.map((turn, i) => (
            <TurnView key={turn.id} turn={turn} index={i} />
          ))}
        </div>
      )}
    </section>
  );
}
