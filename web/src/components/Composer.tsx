// The prompt box: Ctrl/Cmd+Enter sends (Enter is a newline), @ and / suggestions, paste/drop/button uploads.
// While Codex runs, sending queues the prompt; with no Codex there (`away`) it waits for one; a stopped session with a
// Codex that can take it resumes (the server does that).
import { type ClipboardEvent, type KeyboardEvent, type RefObject, useId, useLayoutEffect, useRef, useState } from 'react';
import type { Attachment, SessionStatus, SlashPrompt } from '../../../src/shared/schemas.js';
import { useSuggestions } from '../hooks/useSuggestions.js';
import { pastedName, type UploadRow } from '../hooks/useUploads.js';
import { IconPaperclip, IconQueue, IconSend, IconX } from './icons.js';
import { SuggestionList } from './SuggestionList.js';

interface Props {
  status: SessionStatus;
  draft: string;
  setDraft: (value: string) => void;
  textareaRef: RefObject<HTMLTextAreaElement | null>;
  attachments: Attachment[];
  slashPrompts: SlashPrompt[];
  hint: string | null;
  uploads: UploadRow[];
  onDismissUpload: (key: string) => void;
  /** Resolves true when the prompt was accepted (then the draft is cleared). */
  onSend: (content: string) => Promise<boolean>;
  /** `mention`: insert @name for each uploaded file (paste and drop do; the button does not). */
  onFiles: (files: File[], mention: boolean) => void;
  /** For a live thread: whether a turn runs now (then the person picks steer or queue) and how to steer it. */
  live?: LiveComposer;
  /** No Codex is there to take prompts (presence): sending queues the prompt until one comes back. */
  away?: boolean;
}

export interface LiveComposer {
  working: boolean;
  closed: boolean;
  /** Resolves true when the steer was accepted (then the draft is cleared). */
  onSteer: (content: string) => Promise<boolean>;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

function modeOf(status: SessionStatus, live: LiveComposer | undefined, away = false) {
  if (live?.working)
    return {
      label: 'Queue for next turn',
      placeholder: 'Codex is working. Steer now adds this to the running turn; Queue for next turn waits until it ends.',
      icon: <IconQueue />,
    };
  if (live?.closed)
    return { label: 'Send', placeholder: 'The terminal was closed. Send a prompt and Codex carries on from here.', icon: <IconSend /> };
  if (live) return { label: 'Send', placeholder: 'Your next prompt for Codex…', icon: <IconSend /> };
  if (away)
    return {
      label: 'Queue',
      placeholder: 'Codex is not connected. Your prompt waits here until it comes back, or until you press Continue here.',
      icon: <IconQueue />,
    };
  if (status === 'RUNNING')
    return { label: 'Queue', placeholder: 'Codex is working. Type ahead: this prompt waits in the queue.', icon: <IconQueue /> };
  if (status === 'STOPPED')
    return { label: 'Send and resume', placeholder: 'This session is stopped. Sending a prompt resumes it.', icon: <IconSend /> };
  return { label: 'Send', placeholder: 'Your next prompt for Codex…', icon: <IconSend /> };
}

export function Composer(props: Props) {
  const { status, draft, setDraft, textareaRef, attachments, slashPrompts, hint, uploads, onSend, onFiles } = props;
  const [caret, setCaret] = useState(draft.length);
  const [sending, setSending] = useState(false);
  const pendingCaret = useRef<number | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const listId = useId();
  const suggest = useSuggestions(draft, caret, attachments, slashPrompts);
  const mode = modeOf(status, props.live, props.away);

  // After inserting a suggestion, put the caret right after the inserted text.
  useLayoutEffect(() => {
    const el = textareaRef.current;
    if (el && pendingCaret.current !== null) {
      el.setSelectionRange(pendingCaret.current, pendingCaret.current);
      pendingCaret.current = null;
    }
  });

  const apply = (result: { text: string; caret: number } | null) => {
    if (!result) return;
    setDraft(result.text);
    setCaret(result.caret);
    pendingCaret.current = result.caret;
  };

  const send = async (how: (content: string) => Promise<boolean> = onSend) => {
    const content = draft;
    if (!content.trim() || sending) return;
    setSending(true);
    try {
      if (await how(content)) {
        setDraft('');
        setCaret(0);
      }
    } finally {
      setSending(false);
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
      return;
    }
    if (!suggest.open) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      suggest.move(e.key === 'ArrowDown' ? 1 : -1);
    } else if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') {
      e.preventDefault();
      apply(suggest.pick(suggest.active));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      suggest.dismiss();
    }
  };

  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    const files = Array.from(e.clipboardData.files);
    if (files.length === 0) return;
    e.preventDefault();
    onFiles(
      files.slice(0, 10).map((f) => new File([f], pastedName(f), { type: f.type })),
      true,
    );
  };

  const sync = (el: HTMLTextAreaElement) => setCaret(el.selectionStart ?? el.value.length);
  const shortcut = isMac ? '⌘+Enter' : 'Ctrl+Enter';

  return (
    <form
      className="composer"
      aria-label="Prompt composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {uploads.length > 0 && (
        <ul className="upload-rows" aria-label="Uploads in progress">
          {uploads.map((u) => (
            <li key={u.key} className={u.error ? 'failed' : undefined}>
              <span className="upload-name">{u.name}</span>
              {u.error ? (
                <span className="upload-error">{u.error}</span>
              ) : (
                <progress max={1} value={u.progress} aria-label={`Uploading ${u.name}`} />
              )}
              <button
                type="button"
                className="icon-button small"
                aria-label={u.error ? 'Dismiss' : `Cancel upload of ${u.name}`}
                onClick={() => (u.error ? props.onDismissUpload(u.key) : u.cancel())}
              >
                <IconX />
              </button>
            </li>
          ))}
        </ul>
      )}
      {suggest.open && (
        <SuggestionList
          id={listId}
          title={suggest.token?.trigger === '@' ? 'Attached files' : 'Slash prompts'}
          items={suggest.items}
          active={suggest.active}
          onHover={suggest.setActive}
          onPick={(i) => apply(suggest.pick(i))}
        />
      )}
      {hint && (
        <p className="composer-hint" role="status">
          {hint}
        </p>
      )}
      <div className="composer-row">
        <button
          type="button"
          className="icon-button"
          aria-label="Attach files"
          title="Attach files"
          onClick={() => fileInput.current?.click()}
        >
          <IconPaperclip />
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          hidden
          aria-label="Choose files to attach"
          onChange={(e) => {
            const files = Array.from(e.target.files ?? []);
            e.target.value = '';
            if (files.length) onFiles(files, false);
          }}
        />
        <textarea
          ref={textareaRef}
          value={draft}
          rows={2}
          placeholder={mode.placeholder}
          aria-label="Prompt"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={suggest.open}
          aria-controls={suggest.open ? listId : undefined}
          aria-activedescendant={suggest.open ? `${listId}-${suggest.active}` : undefined}
          onChange={(e) => {
            setDraft(e.target.value);
            sync(e.target);
          }}
          onSelect={(e) => sync(e.currentTarget)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
        />
        {props.live?.working ? (
          <div className="live-send-buttons">
            <button
              type="button"
              className="send-button"
              disabled={!draft.trim() || sending}
              title="Steer now: add this to the turn Codex is running"
              onClick={() => void send(props.live?.onSteer)}
            >
              <IconSend />
              <span>Steer now</span>
            </button>
            <button
              type="submit"
              className="send-button secondary"
              disabled={!draft.trim() || sending}
              title={`${mode.label} (${shortcut})`}
            >
              {mode.icon}
              <span>{mode.label}</span>
            </button>
          </div>
        ) : (
          <button type="submit" className="send-button" disabled={!draft.trim() || sending} title={`${mode.label} (${shortcut})`}>
            {mode.icon}
            <span>{mode.label}</span>
          </button>
        )}
      </div>
      <p className="composer-help">
        {shortcut} to {mode.label.toLowerCase()} · Enter for a new line · @ to mention a file · / for a saved prompt
      </p>
    </form>
  );
}
