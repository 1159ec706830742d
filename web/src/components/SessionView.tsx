// One open session: header, timeline, attachments, queue tray and composer, with the actions wired to the API.
// State changes arrive as pushes; the calls here only ask the server. Drop files anywhere on the view to upload.
import { type DragEvent, useCallback, useMemo, useRef, useState } from 'react';
import type { SessionSummary, SlashPrompt } from '../../../src/shared/schemas.js';
import { api } from '../api.js';
import { CarriedLinks } from '../context/CarriedLinks.js';
import { CarryButton } from '../context/CarryButton.js';
import { ChecklistOffer } from '../drive/ChecklistOffer.js';
import { DrivePanel } from '../drive/DrivePanel.js';
import { useDraft } from '../hooks/useStoredState.js';
import { useUploads } from '../hooks/useUploads.js';
import { trayItems } from '../lib/queue.js';
import { insertAt } from '../lib/tokens.js';
import { LivePanel } from '../live/LivePanel.js';
import { isWorking } from '../live/model.js';
import { PresenceNotice } from '../presence/PresenceNotice.js';
import { codexAway } from '../presence/presence.js';
import { ActivityFeed } from '../rollout/ActivityFeed.js';
import { ExportButton } from '../rollout/ExportButton.js';
import { UsageStrip } from '../rollout/UsageStrip.js';
import { useEntryWork, WorkContext } from '../rollout/useEntryWork.js';
import { useFirstPrompt, withFirstPrompt } from '../rollout/useFirstPrompt.js';
import { useRollout } from '../rollout/useRollout.js';
import type { SessionContent } from '../store/state.js';
import { AttachmentsBar } from './AttachmentsBar.js';
import { Composer } from './Composer.js';
import { QueueTray } from './QueueTray.js';
import { SessionHeader } from './SessionHeader.js';
import { SessionMarker } from './SessionMarker.js';
import { Timeline } from './Timeline.js';
import { useToast } from './Toasts.js';

interface Props {
  session: SessionSummary;
  content: SessionContent | undefined;
  slashPrompts: SlashPrompt[];
  onOpenSidebar: () => void;
  onDeleted: () => void;
  /** Fetches the page of the timeline before its oldest entry here. */
  onShowEarlier: () => Promise<void>;
}

const EMPTY: SessionContent = { timeline: [], hasEarlier: false, queue: [], attachments: [] };

export function SessionView({ session, content, slashPrompts, onOpenSidebar, onDeleted, onShowEarlier }: Props) {
  const id = session.id;
  const toast = useToast();
  const [draft, setDraft] = useDraft(id);
  const [hint, setHint] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const { rows, upload, dismiss } = useUploads(id, toast);
  const data = content ?? EMPTY;
  const rollout = useRollout(id);
  const terminalTask = useFirstPrompt(session);
  const entries = useMemo(
    () => withFirstPrompt(data.timeline, data.hasEarlier, terminalTask),
    [data.timeline, data.hasEarlier, terminalTask],
  );
  const last = data.timeline.at(-1);
  const work = useEntryWork(id, `${last?.id}:${session.status}`, last?.role === 'codex' ? last.id : null);

  /** Runs an API call, showing its error as a toast; resolves false on failure. */
  const attempt = useCallback(
    async (work: () => Promise<unknown>): Promise<boolean> => {
      try {
        await work();
        return true;
      } catch (error) {
        toast(error);
        return false;
      }
    },
    [toast],
  );

  const mention = (name: string) => {
    const el = textareaRef.current;
    const caret = el?.selectionStart ?? draft.length;
    const out = insertAt(draft, caret, name);
    setDraft(out.text);
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(out.caret, out.caret);
    });
  };

  const onFiles = async (files: File[], insertMentions: boolean) => {
    const uploaded = await upload(files);
    if (insertMentions && uploaded.length > 0) {
      setDraft((prev) => uploaded.reduce((text, a) => insertAt(text, text.length, a.name).text, prev));
    }
  };

  // dragenter/dragleave fire for every child crossed, so count them: the hint hides only when the drag has left the
  // whole view (including out of the window, where dragleave comes from whichever child was under the pointer).
  const dragDepth = useRef(0);
  const carriesFiles = (e: DragEvent) => e.dataTransfer.types.includes('Files');
  const onDragEnter = (e: DragEvent) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    dragDepth.current++;
    setDragging(true);
  };
  const onDragLeave = (e: DragEvent) => {
    if (!carriesFiles(e)) return;
    dragDepth.current = Math.max(0, dragDepth.current - 1);
    if (dragDepth.current === 0) setDragging(false);
  };

  const onDrop = (e: DragEvent) => {
    if (!carriesFiles(e)) return;
    e.preventDefault();
    dragDepth.current = 0;
    setDragging(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length) void onFiles(files, true);
  };

  return (
    <section
      className={dragging ? 'session-view dragging' : 'session-view'}
      aria-label={`Session: ${session.title}`}
      onDragEnter={onDragEnter}
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
    >
      <SessionHeader
        session={session}
        onOpenSidebar={onOpenSidebar}
        onRename={(title) => attempt(() => api.rename(id, title))}
        onStop={async () => void (await attempt(() => api.stop(id)))}
        onResume={() => {
          setHint('Type your next prompt below and send it: it continues this conversation.');
          textareaRef.current?.focus();
        }}
        onClear={async () => void (await attempt(() => api.clearConversation(id)))}
        onDelete={async () => {
          if (await attempt(() => api.remove(id))) onDeleted();
        }}
        exportSlot={
          <>
            <ExportButton sessionId={id} />
            {session.threadId && <CarryButton source={{ sessionId: id }} title={session.title} />}
          </>
        }
        below={
          <>
            <UsageStrip usage={rollout.usage} note={session.threadId ? rollout.note : null} />
            <CarriedLinks sessionId={id} />
          </>
        }
        onInterrupt={async () => void (await attempt(() => api.interruptLive(id)))}
      />
      {session.live ? (
        <LivePanel sessionId={id} live={session.live} />
      ) : (
        <WorkContext.Provider value={work}>
          <Timeline
            sessionKey={id}
            entries={entries}
            footer={<SessionMarker session={session} />}
            status={session.status}
            loading={content === undefined}
            hasEarlier={data.hasEarlier}
            onShowEarlier={onShowEarlier}
          />
        </WorkContext.Provider>
      )}
      {/* A driven session's strip shows the same activity from codex exec; one panel is enough. */}
      {session.status === 'RUNNING' && !session.live && session.kind !== 'driven' && <ActivityFeed activity={rollout.activity} />}
      {session.kind === 'driven' && (
        <WorkContext.Provider value={work}>
          <DrivePanel session={session} />
        </WorkContext.Provider>
      )}
      <div className="session-bottom">
        <div className="session-bottom-extras">
          <PresenceNotice session={session} />
          <AttachmentsBar
            attachments={data.attachments}
            onMention={(a) => mention(a.name)}
            onDelete={(a) => void attempt(() => api.deleteAttachment(id, a.id))}
          />
          <QueueTray
            queue={trayItems(data.queue, data.timeline)}
            onEdit={(promptId, text) => attempt(() => api.editQueued(id, promptId, text))}
            onDelete={async (promptId) => void (await attempt(() => api.deleteQueued(id, promptId)))}
            onReorder={async (order) => void (await attempt(() => api.reorderQueue(id, order)))}
          />
          <ChecklistOffer sessionId={id} draft={draft} onQueued={() => setDraft('')} />
        </div>
        <Composer
          status={session.status}
          away={codexAway(session)}
          draft={draft}
          setDraft={setDraft}
          textareaRef={textareaRef}
          attachments={data.attachments}
          slashPrompts={slashPrompts}
          hint={session.status === 'STOPPED' ? hint : null}
          uploads={rows}
          onDismissUpload={dismiss}
          onSend={(text) => attempt(() => api.queue(id, text))}
          onFiles={(files, m) => void onFiles(files, m)}
          live={
            session.live
              ? {
                  working: isWorking(session.live),
                  closed: session.live.status === 'closed',
                  onSteer: (text) => attempt(() => api.steer(id, text)),
                }
              : undefined
          }
        />
      </div>
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop files to attach them
        </div>
      )}
    </section>
  );
}
