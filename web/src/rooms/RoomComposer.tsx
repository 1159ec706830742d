// Writing to the room: Ctrl+Enter (⌘+Enter) or the button sends; typing @ offers the members' names (arrows choose,
// Enter or Tab takes one, Escape closes the list). Plain local state; the message appears through its push.
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { SuggestionList } from '../components/SuggestionList.js';
import { useToast } from '../components/Toasts.js';
import { completeMention, mentionAt, mentionChoices } from './model.js';

export function RoomComposer({ names, onSend }: { names: string[]; onSend: (text: string) => Promise<unknown> }) {
  const ids = useId();
  const toast = useToast();
  const box = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState('');
  const [caret, setCaret] = useState(0);
  const [picked, setPicked] = useState(0);
  const [closed, setClosed] = useState(false);
  const [busy, setBusy] = useState(false);
  const at = mentionAt(text, caret);
  const choices = at && !closed ? mentionChoices([...names, 'all'], at.query) : [];

  const take = (name: string) => {
    if (!at) return;
    const next = completeMention(text, caret, at.start, name);
    setText(next.text);
    setCaret(next.caret);
    requestAnimationFrame(() => {
      box.current?.focus();
      box.current?.setSelectionRange(next.caret, next.caret);
    });
  };
  const send = async () => {
    if (busy || !text.trim()) return;
    setBusy(true);
    try {
      await onSend(text);
      setText('');
      setCaret(0);
    } catch (error) {
      toast(error);
    } finally {
      setBusy(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (choices.length > 0) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setPicked((p) => (p + (e.key === 'ArrowDown' ? 1 : choices.length - 1)) % choices.length);
        return;
      }
      if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
        e.preventDefault();
        take(choices[Math.min(picked, choices.length - 1)] ?? '');
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        setClosed(true);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <form
      className="room-composer"
      aria-label="Room composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      {choices.length > 0 && (
        <div className="room-mentions">
          <SuggestionList
            id={`${ids}-mentions`}
            title="Members to mention"
            items={choices.map((name) => ({ key: name, label: `@${name}`, detail: name === 'all' ? 'every agent' : '' }))}
            active={Math.min(picked, choices.length - 1)}
            onPick={(i) => take(choices[i] ?? '')}
            onHover={setPicked}
          />
        </div>
      )}
      <textarea
        ref={box}
        rows={2}
        aria-label="Message"
        role="combobox"
        aria-expanded={choices.length > 0}
        aria-controls={`${ids}-mentions`}
        aria-activedescendant={choices.length > 0 ? `${ids}-mentions-${Math.min(picked, choices.length - 1)}` : undefined}
        aria-autocomplete="list"
        placeholder="Write to the room; @name writes to one member"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setCaret(e.target.selectionStart);
          setPicked(0);
          setClosed(false);
        }}
        onSelect={(e) => setCaret(e.currentTarget.selectionStart)}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="button primary" disabled={busy || !text.trim()}>
        Send
      </button>
    </form>
  );
}
