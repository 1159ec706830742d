// The open session's header: title (renameable), status, and the toolbar (stop, resume, clear, delete).
// `exportSlot` and `below` are where later features plug in (ExportButton, UsageStrip); see web/src/README.md.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { STATUS_CLASS, STATUS_LABEL } from '../lib/status.js';
import { isWorking, LIVE_DOT_CLASS, LIVE_STATUS_LABEL } from '../live/model.js';
import { PresenceBadge } from '../presence/PresenceBadge.js';
import { ConfirmDialog } from './Dialog.js';
import { IconEdit, IconEraser, IconMenu, IconPlay, IconStop, IconTrash } from './icons.js';
import { OpenInTerminal } from './OpenInTerminal.js';

interface Props {
  session: SessionSummary;
  onOpenSidebar: () => void;
  onRename: (title: string) => Promise<boolean>;
  onStop: () => Promise<void>;
  onResume: () => void;
  onClear: () => Promise<void>;
  onDelete: () => Promise<void>;
  /** The toolbar slot for the "Export Markdown" button. */
  exportSlot?: ReactNode;
  /** Rendered under the header row, e.g. a usage strip. */
  below?: ReactNode;
  /** A live thread's turn is interrupted here (the loop's Stop does not apply to it). */
  onInterrupt?: () => Promise<void>;
}

type Confirming = 'stop' | 'clear' | 'delete' | null;

export function SessionHeader(props: Props) {
  const { session, onOpenSidebar, onRename, onStop, onResume, onClear, onDelete, exportSlot, below, onInterrupt } = props;
  const [renaming, setRenaming] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const titleInput = useRef<HTMLInputElement>(null);
  const isRenaming = renaming !== null;
  // The person just pressed Rename: focus the title field.
  useEffect(() => {
    if (isRenaming) titleInput.current?.select();
  }, [isRenaming]);
  const stopped = session.status === 'STOPPED';
  // While a driven turn runs, the drive panel's Interrupt is the one way to stop it; a second button would only confuse.
  const driveTurnRunning = session.kind === 'driven' && session.status === 'RUNNING';
  const live = session.live;
  const badgeClass = live ? LIVE_DOT_CLASS[live.status] : STATUS_CLASS[session.status];

  const submitRename = async () => {
    if (renaming === null) return;
    const title = renaming.trim();
    if (!title || title === session.title) return setRenaming(null);
    if (await onRename(title)) setRenaming(null);
  };

  const confirm = (action: () => Promise<void>) => () => {
    setConfirming(null);
    void action();
  };

  return (
    <header className="session-header">
      <div className="session-header-row">
        <button type="button" className="icon-button only-narrow" aria-label="Show sessions" onClick={onOpenSidebar}>
          <IconMenu />
        </button>
        <div className="session-title">
          {renaming === null ? (
            <>
              <h1 title={session.title}>{session.title}</h1>
              <button
                type="button"
                className="icon-button small"
                aria-label="Rename session"
                title="Rename"
                onClick={() => setRenaming(session.title)}
              >
                <IconEdit />
              </button>
            </>
          ) : (
            <form
              className="rename-form"
              onSubmit={(e) => {
                e.preventDefault();
                void submitRename();
              }}
            >
              <input
                aria-label="Session title"
                value={renaming}
                maxLength={200}
                ref={titleInput}
                onChange={(e) => setRenaming(e.target.value)}
                onKeyDown={(e) => e.key === 'Escape' && setRenaming(null)}
              />
              <button type="submit" className="button primary small">
                Save
              </button>
              <button type="button" className="button small" onClick={() => setRenaming(null)}>
                Cancel
              </button>
            </form>
          )}
          <span className={`status-badge ${badgeClass}`} data-status={session.status} data-live-status={live?.status}>
            {live ? LIVE_STATUS_LABEL[live.status] : STATUS_LABEL[session.status]}
          </span>
          <PresenceBadge session={session} />
        </div>
        <div className="toolbar" role="toolbar" aria-label="Session actions">
          {live ? (
            isWorking(live) &&
            onInterrupt && (
              <button
                type="button"
                className="button"
                aria-label="Interrupt"
                title="Interrupt the turn Codex is running"
                onClick={() => void onInterrupt()}
              >
                <IconStop /> <span>Interrupt</span>
              </button>
            )
          ) : stopped ? (
            <button type="button" className="button" title="Stopped: your next prompt continues this conversation" onClick={onResume}>
              <IconPlay /> <span>Write a prompt</span>
            </button>
          ) : driveTurnRunning ? null : (
            <button type="button" className="button" aria-label="Stop" title="Stop this session" onClick={() => setConfirming('stop')}>
              <IconStop /> <span>Stop</span>
            </button>
          )}
          {/* Export slot: the "Export Markdown" button goes here (<ExportButton/>). */}
          {exportSlot}
          <button
            type="button"
            className="icon-button"
            aria-label="Clear conversation"
            title="Clear conversation"
            onClick={() => setConfirming('clear')}
          >
            <IconEraser />
          </button>
          <button
            type="button"
            className="icon-button danger"
            aria-label="Delete session"
            title="Delete session"
            onClick={() => setConfirming('delete')}
          >
            <IconTrash />
          </button>
        </div>
      </div>
      {session.status === 'ERROR' && session.statusDetail && (
        <p className="status-detail" role="alert">
          {session.statusDetail}
        </p>
      )}
      <OpenInTerminal session={session} />
      {below}
      {confirming === 'stop' && (
        <ConfirmDialog
          title="Stop this session?"
          message={
            session.kind === 'driven'
              ? 'Codex Pro Max runs no more of this session’s queued prompts until you send a new one. The conversation is kept: your next prompt continues it.'
              : 'Codex will be told to end the Codex Pro Max loop and answer in its terminal. The conversation is kept: your next prompt continues it.'
          }
          confirmLabel="Stop session"
          onConfirm={confirm(onStop)}
          onCancel={() => setConfirming(null)}
        />
      )}
      {confirming === 'clear' && (
        <ConfirmDialog
          title="Clear the conversation?"
          message="This removes every prompt and conclusion shown here. Codex's own thread is not changed."
          confirmLabel="Clear conversation"
          danger
          onConfirm={confirm(onClear)}
          onCancel={() => setConfirming(null)}
        />
      )}
      {confirming === 'delete' && (
        <ConfirmDialog
          title="Delete this session?"
          message={`"${session.title}" and its attached files will be deleted. A waiting Codex is told to stop.`}
          confirmLabel="Delete session"
          danger
          onConfirm={confirm(onDelete)}
          onCancel={() => setConfirming(null)}
        />
      )}
    </header>
  );
}
