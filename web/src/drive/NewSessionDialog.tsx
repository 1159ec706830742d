// "New session": Codex Pro Max starts Codex itself (inside its background service, or as `codex exec` without one) with a
// prompt, a working folder, model, effort, sandbox, when Codex asks before acting, and images.
// Local form state only; the session appears through the normal pushes once the server created it.
import { type FormEvent, useId, useState } from 'react';
import {
  DRIVE_SANDBOXES,
  type DriveApprovalPolicy,
  type DriveSandbox,
  REASONING_EFFORTS,
  type ReasoningEffort,
} from '../../../src/shared/drive.js';
import type { SessionId } from '../../../src/shared/ids.js';
import { Dialog } from '../components/Dialog.js';
import { FieldError } from '../components/FieldError.js';
import { FormFooter } from '../components/FormFooter.js';
import { useSubmitting } from '../hooks/useSubmitting.js';
import { driveApi } from './api.js';
import { useRecentCwds } from './useRecentCwds.js';
import './drive.css';

const SANDBOX_TEXT: Record<DriveSandbox, string> = {
  'read-only': 'Read-only: Codex may read files and run read-only commands',
  'workspace-write': 'Workspace write: Codex may change files in the working folder',
  'danger-full-access': 'Full access: no sandbox at all (only on a machine you can afford to lose)',
};

const APPROVAL_TEXT: Record<DriveApprovalPolicy, string> = {
  never: 'Never ask: Codex works on its own and stays inside the sandbox',
  'on-request': 'Ask when needed: Codex asks here before stepping outside the sandbox, and waits for your answer',
};

/** `className` replaces the sidebar's full-width look (the empty state shows the button on its own). */
export function NewSessionButton({
  onCreated,
  className = 'button primary drive-new',
}: {
  onCreated: (id: SessionId) => void;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={className} onClick={() => setOpen(true)}>
        New session
      </button>
      {open && (
        <NewSessionDialog
          onClose={() => setOpen(false)}
          onCreated={(id) => {
            setOpen(false);
            onCreated(id);
          }}
        />
      )}
    </>
  );
}

export function NewSessionDialog({ onClose, onCreated }: { onClose: () => void; onCreated: (id: SessionId) => void }) {
  const ids = useId();
  const [prompt, setPrompt] = useState('');
  const [cwd, setCwd] = useState('');
  const [model, setModel] = useState('');
  const [effort, setEffort] = useState<ReasoningEffort | ''>('');
  const [sandbox, setSandbox] = useState<DriveSandbox>('workspace-write');
  const [approvalPolicy, setApprovalPolicy] = useState<DriveApprovalPolicy>('never');
  const [images, setImages] = useState('');
  const { busy, error, submitting } = useSubmitting();
  const recent = useRecentCwds((cwds) => setCwd((current) => current || (cwds[0] ?? '')));

  const ready = !busy && prompt.trim() !== '' && cwd.trim() !== '';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    await submitting(async () => {
      const session = await driveApi.start({
        prompt,
        cwd: cwd.trim(),
        model: model.trim() || null,
        effort: effort || null,
        sandbox,
        approvalPolicy,
        images: images
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean),
      });
      onCreated(session.id);
    });
  };

  return (
    <Dialog
      title="New Codex session"
      onClose={onClose}
      wide
      footer={<FormFooter formId={`${ids}-form`} onCancel={onClose} ready={ready} busy={busy} label="Start Codex" busyLabel="Starting…" />}
    >
      <form
        id={`${ids}-form`}
        className="drive-form"
        onSubmit={submit}
        // Ctrl+Enter (⌘+Enter on a Mac) starts Codex from any field, as it sends a prompt in the composer.
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            e.currentTarget.requestSubmit();
          }
        }}
      >
        <label>
          Prompt
          <textarea data-autofocus rows={5} value={prompt} onChange={(e) => setPrompt(e.target.value)} required />
        </label>
        <label>
          Working folder
          <input list={`${ids}-cwds`} value={cwd} onChange={(e) => setCwd(e.target.value)} placeholder="/path/to/project" required />
          <datalist id={`${ids}-cwds`}>
            {recent.map((c) => (
              <option key={c} value={c} />
            ))}
          </datalist>
        </label>
        <div className="drive-form-row">
          <label>
            Model
            <input value={model} onChange={(e) => setModel(e.target.value)} placeholder="config default" />
          </label>
          <label>
            Reasoning effort
            <select value={effort} onChange={(e) => setEffort(e.target.value as ReasoningEffort | '')}>
              <option value="">config default</option>
              {REASONING_EFFORTS.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
          </label>
        </div>
        <fieldset>
          <legend>Sandbox</legend>
          {DRIVE_SANDBOXES.map((s) => (
            <label key={s} className="drive-radio">
              <input type="radio" name={`${ids}-sandbox`} value={s} checked={sandbox === s} onChange={() => setSandbox(s)} />
              {SANDBOX_TEXT[s]}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>Approvals</legend>
          {(['never', 'on-request'] as const).map((a) => (
            <label key={a} className="drive-radio">
              <input
                type="radio"
                name={`${ids}-approvals`}
                value={a}
                checked={approvalPolicy === a}
                onChange={() => setApprovalPolicy(a)}
              />
              {APPROVAL_TEXT[a]}
            </label>
          ))}
        </fieldset>
        <label>
          Images (optional: one absolute path or attachment id per line)
          <textarea rows={2} value={images} onChange={(e) => setImages(e.target.value)} />
        </label>
        {error && <FieldError>{error}</FieldError>}
      </form>
    </Dialog>
  );
}
