// "New room": two or more members, each a new driven session with its own name, working folder, model, sandbox and
// approvals, or an existing driven session that keeps its own; an optional moderator who decides whom to ask next; the
// turn limit. Local form state only.
import { type FormEvent, useId, useState } from 'react';
import { DRIVE_SANDBOXES, type DriveApprovalPolicy, type DriveSandbox } from '../../../src/shared/drive.js';
import { MEMBER_NAME } from '../../../src/shared/rooms.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { Dialog } from '../components/Dialog.js';
import { FieldError } from '../components/FieldError.js';
import { FormFooter } from '../components/FormFooter.js';
import { useRecentCwds } from '../drive/useRecentCwds.js';
import { useSubmitting } from '../hooks/useSubmitting.js';
import { roomsApi } from './api.js';

const SANDBOX_LABEL: Record<DriveSandbox, string> = {
  'read-only': 'Read-only',
  'workspace-write': 'Workspace write',
  'danger-full-access': 'Full access',
};

interface MemberDraft {
  key: number;
  name: string;
  cwd: string;
  model: string;
  sandbox: DriveSandbox;
  approvalPolicy: DriveApprovalPolicy;
  /** An existing driven session to take in instead of making a new one. */
  sessionId: string;
}

let nextKey = 0;
const draft = (name: string, cwd: string): MemberDraft => ({
  key: nextKey++,
  name,
  cwd,
  model: '',
  sandbox: 'workspace-write',
  approvalPolicy: 'never',
  sessionId: '',
});

export function NewRoomDialog({
  sessions,
  onClose,
  onCreated,
}: {
  /** Driven sessions that could join as they are. */
  sessions: SessionSummary[];
  onClose: () => void;
  onCreated: (roomId: string) => void;
}) {
  const ids = useId();
  const [title, setTitle] = useState('');
  const [members, setMembers] = useState<MemberDraft[]>(() => [draft('alpha', ''), draft('beta', '')]);
  const [moderated, setModerated] = useState(false);
  const [moderator, setModerator] = useState<MemberDraft>(() => draft('moderator', ''));
  const [turnLimit, setTurnLimit] = useState(12);
  const { busy, error, submitting } = useSubmitting();
  const recent = useRecentCwds((cwds) => {
    const first = cwds[0] ?? '';
    setMembers((ms) => ms.map((m) => ({ ...m, cwd: m.cwd || first })));
    setModerator((m) => ({ ...m, cwd: m.cwd || first }));
  });

  const everyone = moderated ? [...members, moderator] : members;
  const badName = everyone.find((m) => !MEMBER_NAME.test(m.name.trim()));
  const ready = !busy && everyone.every((m) => m.name.trim() && (m.sessionId || m.cwd.trim())) && !badName;
  const update = (key: number, patch: Partial<MemberDraft>) => setMembers((ms) => ms.map((m) => (m.key === key ? { ...m, ...patch } : m)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    const body = (m: MemberDraft, role: 'agent' | 'moderator') =>
      m.sessionId
        ? { name: m.name.trim(), role, sessionId: m.sessionId }
        : {
            name: m.name.trim(),
            role,
            cwd: m.cwd.trim(),
            model: m.model.trim() || null,
            sandbox: m.sandbox,
            approvalPolicy: m.approvalPolicy,
          };
    await submitting(async () => {
      const room = await roomsApi.create({
        title: title.trim() || undefined,
        turnLimit,
        members: [...members.map((m) => body(m, 'agent')), ...(moderated ? [body(moderator, 'moderator')] : [])],
      });
      onCreated(room.id);
    });
  };

  return (
    <Dialog
      title="New room"
      onClose={onClose}
      wide
      footer={<FormFooter formId={`${ids}-form`} onCancel={onClose} ready={ready} busy={busy} label="Create room" busyLabel="Creating…" />}
    >
      <form id={`${ids}-form`} className="drive-form room-form" onSubmit={submit}>
        <p className="muted">
          Each member is a Codex session of its own. Your message goes to the members you mention as @name, or to everyone; each of them
          also sees what the others said.
        </p>
        <label>
          Room name (optional)
          <input data-autofocus value={title} onChange={(e) => setTitle(e.target.value)} placeholder="What the room works on" />
        </label>
        <datalist id={`${ids}-cwds`}>
          {recent.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        {members.map((m, i) => (
          <MemberFields
            key={m.key}
            legend={`Member ${i + 1}`}
            member={m}
            cwds={`${ids}-cwds`}
            sessions={sessions}
            onChange={(patch) => update(m.key, patch)}
            onRemove={members.length > 2 ? () => setMembers((ms) => ms.filter((x) => x.key !== m.key)) : undefined}
          />
        ))}
        {members.length + (moderated ? 1 : 0) < 8 && (
          <button
            type="button"
            className="button"
            onClick={() => setMembers((ms) => [...ms, draft(`agent${ms.length + 1}`, ms[0]?.cwd ?? '')])}
          >
            Add a member
          </button>
        )}
        <label className="drive-radio">
          <input type="checkbox" checked={moderated} onChange={(e) => setModerated(e.target.checked)} />
          Add a moderator: it reads every answer and decides whom to ask next, until it says DONE
        </label>
        {moderated && (
          <MemberFields
            legend="Moderator"
            member={moderator}
            cwds={`${ids}-cwds`}
            sessions={sessions}
            onChange={(p) => setModerator((m) => ({ ...m, ...p }))}
          />
        )}
        <label>
          Turn limit (the most turns the members take for one message of yours)
          <input
            type="number"
            min={1}
            max={200}
            value={turnLimit}
            onChange={(e) => setTurnLimit(Math.max(1, Math.min(200, Number(e.target.value) || 1)))}
          />
        </label>
        {badName && (
          <FieldError>“{badName.name}” cannot be a name: start with a letter and use only letters, digits, “-” and “_”.</FieldError>
        )}
        {error && <FieldError>{error}</FieldError>}
      </form>
    </Dialog>
  );
}

function MemberFields({
  legend,
  member,
  cwds,
  sessions,
  onChange,
  onRemove,
}: {
  legend: string;
  member: MemberDraft;
  cwds: string;
  sessions: SessionSummary[];
  onChange: (patch: Partial<MemberDraft>) => void;
  onRemove?: () => void;
}) {
  return (
    <fieldset className="room-member-fields" aria-label={legend}>
      <legend>{legend}</legend>
      <div className="drive-form-row">
        <label>
          Name
          <input value={member.name} onChange={(e) => onChange({ name: e.target.value })} required />
        </label>
        <label>
          Session
          <select value={member.sessionId} onChange={(e) => onChange({ sessionId: e.target.value })}>
            <option value="">A new session</option>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      {member.sessionId ? (
        <p className="muted">This session joins with its own folder, model and sandbox.</p>
      ) : (
        <>
          <label>
            Working folder
            <input
              list={cwds}
              value={member.cwd}
              onChange={(e) => onChange({ cwd: e.target.value })}
              placeholder="/path/to/project"
              required
            />
          </label>
          <div className="drive-form-row">
            <label>
              Model
              <input value={member.model} onChange={(e) => onChange({ model: e.target.value })} placeholder="config default" />
            </label>
            <label>
              Sandbox
              <select value={member.sandbox} onChange={(e) => onChange({ sandbox: e.target.value as DriveSandbox })}>
                {DRIVE_SANDBOXES.map((s) => (
                  <option key={s} value={s}>
                    {SANDBOX_LABEL[s]}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Approvals
              <select value={member.approvalPolicy} onChange={(e) => onChange({ approvalPolicy: e.target.value as DriveApprovalPolicy })}>
                <option value="never">Never ask</option>
                <option value="on-request">Ask when needed</option>
              </select>
            </label>
          </div>
        </>
      )}
      {onRemove && (
        <button type="button" className="button" onClick={onRemove}>
          Remove {member.name || 'this member'}
        </button>
      )}
    </fieldset>
  );
}
