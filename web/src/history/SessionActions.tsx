// What can be done with any session from History: continue it here with a prompt (the server picks the daemon or
// `codex exec resume`), copy the line that resumes it in a terminal, watch it when it is live, export it as Markdown.
import { type FormEvent, useState } from 'react';
import type { HistorySession } from '../../../src/shared/history.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { CopyButton } from '../components/CopyButton.js';
import { CarryButton } from '../context/CarryButton.js';
import { exportUrl, historyApi } from './api.js';

interface Props {
  threadId: string;
  session: HistorySession | null;
  known: SessionSummary | undefined;
}

const openSession = (id: string) => {
  location.hash = `#/s/${id}`;
};

export function SessionActions({ threadId, session, known }: Props) {
  const [panel, setPanel] = useState<'none' | 'continue' | 'terminal'>('none');
  const [prompt, setPrompt] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const resume = `codex resume ${threadId}`;
  const live = known?.live && known.live.status !== 'closed';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!prompt.trim() || sending) return;
    setSending(true);
    setError(null);
    historyApi.continueThread(threadId, prompt).then(
      (s) => openSession(s.id),
      (err: unknown) => {
        setSending(false);
        setError(err instanceof Error ? err.message : String(err));
      },
    );
  };

  const copy = () => {
    setPanel(panel === 'terminal' ? 'none' : 'terminal');
    void navigator.clipboard?.writeText(resume).catch(() => {});
  };

  return (
    <div className="history-actions">
      <div className="toolbar">
        <button
          type="button"
          className="button primary"
          aria-expanded={panel === 'continue'}
          onClick={() => setPanel(panel === 'continue' ? 'none' : 'continue')}
        >
          Continue here
        </button>
        <button type="button" className="button" aria-expanded={panel === 'terminal'} onClick={copy}>
          Open in terminal
        </button>
        {live && known && (
          <button type="button" className="button" onClick={() => openSession(known.id)}>
            Watch
          </button>
        )}
        {!live && known && (
          <button type="button" className="button" onClick={() => openSession(known.id)}>
            Open session
          </button>
        )}
        <a className="button" href={exportUrl(threadId, 'session')} download>
          Export
        </a>
        <CarryButton
          source={{ threadId }}
          title={known?.title ?? session?.title ?? `Codex thread ${threadId.slice(0, 8)}`}
          label="Carry context on…"
        />
      </div>
      {panel === 'terminal' && (
        <div className="history-terminal">
          <span>Copied. Paste it in a terminal{session?.cwd ? ' in the session’s folder' : ''}:</span>
          <code>{resume}</code>
          <CopyButton text={resume} label="Copy the command" />
        </div>
      )}
      {panel === 'continue' && (
        <form className="history-continue" onSubmit={submit}>
          <textarea
            aria-label="Prompt that continues this session"
            placeholder="What should Codex do next in this session?"
            value={prompt}
            rows={3}
            onChange={(e) => setPrompt(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) submit(e);
            }}
          />
          <div className="history-continue-row">
            <span className="muted">
              {known ? 'It goes to this session in Codex Pro Max.' : 'Codex Pro Max runs it on this thread, in the folder it ran in.'}
            </span>
            <button type="submit" className="button primary" disabled={!prompt.trim() || sending}>
              {sending ? 'Sending…' : 'Send'}
            </button>
          </div>
          {error && (
            <p className="history-error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
