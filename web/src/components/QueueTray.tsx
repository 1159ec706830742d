// Prompts waiting for Codex: edit, delete and reorder them until Codex takes them.
// Items no longer `queued` are on their way to Codex and shown as "delivering", read-only.
import { useEffect, useRef, useState } from 'react';
import type { PromptId } from '../../../src/shared/ids.js';
import type { Prompt } from '../../../src/shared/schemas.js';
import { isEditable, movedOrder } from '../lib/queue.js';
import { IconDown, IconEdit, IconTrash, IconUp } from './icons.js';

interface Props {
  queue: Prompt[];
  onEdit: (id: PromptId, content: string) => Promise<boolean>;
  onDelete: (id: PromptId) => Promise<void>;
  onReorder: (order: PromptId[]) => Promise<void>;
}

export function QueueTray({ queue, onEdit, onDelete, onReorder }: Props) {
  const [editing, setEditing] = useState<{ id: PromptId; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const editBox = useRef<HTMLTextAreaElement>(null);
  const editingId = editing?.id;
  // The person just pressed Edit: move focus to the field they asked for.
  useEffect(() => {
    if (editingId) editBox.current?.focus();
  }, [editingId]);
  if (queue.length === 0) return null;
  const items = [...queue].sort((a, b) => a.position - b.position);

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    editing &&
    run(async () => {
      if (await onEdit(editing.id, editing.text)) setEditing(null);
    });

  return (
    <section className="queue-tray" aria-label="Queued prompts">
      <h2>
        Queued for Codex <span className="count">{items.length}</span>
      </h2>
      <ol>
        {items.map((item, index) => {
          const editable = isEditable(item);
          const isEditing = editing?.id === item.id;
          return (
            <li key={item.id} className={editable ? 'queued' : 'delivering'} data-prompt-id={item.id}>
              {isEditing ? (
                <div className="queue-edit">
                  <textarea
                    aria-label="Edit queued prompt"
                    value={editing.text}
                    ref={editBox}
                    onChange={(e) => setEditing({ id: item.id, text: e.target.value })}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                        e.preventDefault();
                        void save();
                      } else if (e.key === 'Escape') setEditing(null);
                    }}
                  />
                  <div className="queue-actions">
                    <button
                      type="button"
                      className="button primary small"
                      disabled={busy || !editing.text.trim()}
                      onClick={() => void save()}
                    >
                      Save
                    </button>
                    <button type="button" className="button small" onClick={() => setEditing(null)}>
                      Cancel
                    </button>
                  </div>
                </div>
              ) : (
                <>
                  <span className="queue-index" aria-hidden="true">
                    {index + 1}
                  </span>
                  <p className="queue-text">{item.content}</p>
                  {editable ? (
                    <div className="queue-actions">
                      <button
                        type="button"
                        className="icon-button small"
                        aria-label="Move up"
                        disabled={busy || movedOrder(items, item.id, -1) === null}
                        onClick={() => {
                          const order = movedOrder(items, item.id, -1);
                          if (order) void run(() => onReorder(order));
                        }}
                      >
                        <IconUp />
                      </button>
                      <button
                        type="button"
                        className="icon-button small"
                        aria-label="Move down"
                        disabled={busy || movedOrder(items, item.id, 1) === null}
                        onClick={() => {
                          const order = movedOrder(items, item.id, 1);
                          if (order) void run(() => onReorder(order));
                        }}
                      >
                        <IconDown />
                      </button>
                      <button
                        type="button"
                        className="icon-button small"
                        aria-label="Edit queued prompt"
                        disabled={busy}
                        onClick={() => setEditing({ id: item.id, text: item.content })}
                      >
                        <IconEdit />
                      </button>
                      <button
                        type="button"
                        className="icon-button small danger"
                        aria-label="Delete queued prompt"
                        disabled={busy}
                        onClick={() => void run(() => onDelete(item.id))}
                      >
                        <IconTrash />
                      </button>
                    </div>
                  ) : (
                    <span className="delivering-label">Delivering…</span>
                  )}
                </>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
