// Create, edit and delete saved slash prompts (/name → text). Typing /name in the composer suggests them.
import { useState } from 'react';
import type { SlashPromptId } from '../../../src/shared/ids.js';
import type { SlashPrompt } from '../../../src/shared/schemas.js';
import { SLASH_NAME } from '../../../src/shared/schemas.js';
import { api } from '../api.js';
import { Dialog } from './Dialog.js';
import { IconEdit, IconTrash } from './icons.js';
import { useToast } from './Toasts.js';

interface Props {
  prompts: SlashPrompt[];
  onClose: () => void;
}

type Form = { id: SlashPromptId | null; name: string; content: string };
const BLANK: Form = { id: null, name: '', content: '' };

export function SlashPromptsDialog({ prompts, onClose }: Props) {
  const toast = useToast();
  const [form, setForm] = useState<Form>(BLANK);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState<SlashPrompt | null>(null);
  const name = form.name.trim().toLowerCase().replace(/^\//, '');
  const nameProblem = name && !SLASH_NAME.test(name) ? 'Use lowercase letters, digits, "-" or "_", starting with a letter or digit.' : null;

  const save = async () => {
    setBusy(true);
    try {
      if (form.id) await api.updateSlashPrompt(form.id, name, form.content);
      else await api.createSlashPrompt(name, form.content);
      setForm(BLANK);
    } catch (error) {
      toast(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (p: SlashPrompt) => {
    setConfirmDelete(null);
    try {
      await api.deleteSlashPrompt(p.id);
      if (form.id === p.id) setForm(BLANK);
    } catch (error) {
      toast(error);
    }
  };

  return (
    <Dialog
      title="Slash prompts"
      onClose={onClose}
      wide
      footer={
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      }
    >
      <p className="muted">
        Type <kbd>/</kbd> and a name in the prompt box to insert one of these. Nothing is inserted until you press Enter or Tab.
      </p>
      {prompts.length === 0 ? (
        <p className="muted">No slash prompts yet.</p>
      ) : (
        <ul className="slash-list">
          {prompts.map((p) => (
            <li key={p.id}>
              <code>/{p.name}</code>
              <span className="slash-content">{p.content}</span>
              {confirmDelete?.id === p.id ? (
                <span className="inline-confirm">
                  Delete /{p.name}?
                  <button type="button" className="button danger small" onClick={() => void remove(p)}>
                    Delete
                  </button>
                  <button type="button" className="button small" onClick={() => setConfirmDelete(null)}>
                    Keep
                  </button>
                </span>
              ) : (
                <>
                  <button
                    type="button"
                    className="icon-button small"
                    aria-label={`Edit /${p.name}`}
                    onClick={() => setForm({ id: p.id, name: p.name, content: p.content })}
                  >
                    <IconEdit />
                  </button>
                  <button
                    type="button"
                    className="icon-button small danger"
                    aria-label={`Delete /${p.name}`}
                    onClick={() => setConfirmDelete(p)}
                  >
                    <IconTrash />
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <form
        className="slash-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h3>{form.id ? `Edit /${form.name}` : 'New slash prompt'}</h3>
        <label>
          Name
          <span className="slash-name">
            <span aria-hidden="true">/</span>
            <input
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.target.value })}
              placeholder="review"
              aria-invalid={nameProblem !== null}
              maxLength={64}
            />
          </span>
        </label>
        {nameProblem && <p className="field-error">{nameProblem}</p>}
        <label>
          Text to insert
          <textarea
            value={form.content}
            rows={4}
            onChange={(e) => setForm({ ...form, content: e.target.value })}
            placeholder="Review the last change for bugs and missing tests."
          />
        </label>
        <div className="form-actions">
          {form.id && (
            <button type="button" className="button" onClick={() => setForm(BLANK)}>
              Cancel edit
            </button>
          )}
          <button type="submit" className="button primary" disabled={busy || !name || nameProblem !== null || !form.content.trim()}>
            {form.id ? 'Save changes' : 'Add slash prompt'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
