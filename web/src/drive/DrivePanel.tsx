// The drive-mode part of a driven session, as one compact strip above the composer: a line with the latest turn's
// state, what Codex is doing now, tokens and Interrupt / Run queued; unfolded on request (remembered per screen size),
// the turns with what Codex did in each. Folded by default so the conversation keeps most of the screen.
import { useState } from 'react';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { useToast } from '../components/Toasts.js';
import { useMediaQuery } from '../hooks/useMediaQuery.js';
import { useStoredState } from '../hooks/useStoredState.js';
import { driveApi } from './api.js';
import { formatUsage } from './fold.js';
import { doingNow, ENGINE_TEXT, STATUS_TEXT, TurnView, turnHeadline } from './TurnView.js';
import { useDriveTurns } from './useDriveTurns.js';
import './drive.css';

const SANDBOX_LABEL = { 'read-only': 'read-only', 'workspace-write': 'workspace write', 'danger-full-access': 'full access' } as const;

export function DrivePanel({ session }: { session: SessionSummary }) {
  const { snapshot, error } = useDriveTurns(session.id);
  const toast = useToast();
  const phone = useMediaQuery('(max-width: 640px)');
  const [busy, setBusy] = useState(false);
  const [open, setOpen] = useStoredState(`cpm.driveStrip.${phone ? 'phone' : 'wide'}`, false);
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
  const latest = turns.at(-1);
  return (
    <section className={open ? 'drive-panel open' : 'drive-panel'} aria-label="Codex turns run from here">
      <div className="drive-bar">
        <button
          type="button"
          className="drive-toggle"
          aria-expanded={open}
          aria-controls={`drive-turns-${session.id}`}
          onClick={() => setOpen(!open)}
          title={open ? 'Hide the turns' : 'Show the turns and what Codex did in each'}
        >
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>{' '}
          {latest ? (
            <span className="drive-headline">
              <span className={`drive-turn-status ${latest.status}`} title={ENGINE_TEXT[latest.engine]}>
                {STATUS_TEXT[latest.status]}
              </span>{' '}
              {turnHeadline(latest, turns.length)}
              {running && doingNow(latest) && <span className="drive-muted"> · {doingNow(latest)}</span>}
            </span>
          ) : (
            <span className="drive-headline">No turns yet</span>
          )}
        </button>
        <span className="drive-muted drive-tokens" title={`Tokens used by all turns: ${formatUsage(usage)}`}>
          Tokens: {formatUsage(usage)}
        </span>
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
      {open && (
        <div className="drive-turns" id={`drive-turns-${session.id}`}>
          {settings && (
            <p className="drive-muted drive-settings">
              {settings.cwd} · {settings.model ?? 'default model'}
              {settings.effort ? ` · ${settings.effort} effort` : ''} · {SANDBOX_LABEL[settings.sandbox]}
              {settings.approvalPolicy === 'on-request' ? ' · asks when needed' : ''}
            </p>
          )}
          {latest && <p className="drive-muted drive-engine">{ENGINE_TEXT[latest.engine]}</p>}
          {turns.map((turn, i) => (
            <TurnView key={turn.id} turn={turn} index={i} />
          ))}
        </div>
      )}
    </section>
  );
}
