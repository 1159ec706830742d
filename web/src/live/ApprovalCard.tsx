// One open approval request: what Codex wants to do (command, folder, reason, the diff), every answer it offers as a
// button (accepting ones first) and, for questions or an MCP form, the form it asks for. Answering only asks the
// server; the card leaves when the approval.changed push says it is closed.
import { useId, useState } from 'react';
import type { Approval, ApprovalAnswerBody, ApprovalChoice, ApprovalQuestion } from '../../../src/shared/live.js';
import { Diff } from './Diff.js';
import { ElicitationForm } from './ElicitationForm.js';
import { type FormValues, formContent, formFieldsOf } from './elicitation.js';
import { orderedChoices } from './model.js';

/** What became of a click: sent, closed already (answered in the terminal), or failed (the caller told the person). */
export type AnswerOutcome = 'sent' | 'closed' | 'failed';

const KIND_TITLE: Record<Approval['kind'], string> = {
  command: 'Codex wants to run a command',
  file_change: 'Codex wants to change files',
  permissions: 'Codex asks for more permissions',
  user_input: 'Codex has a question',
  elicitation: 'A tool asks for information',
};

function QuestionField({ q, value, onChange }: { q: ApprovalQuestion; value: string; onChange: (v: string) => void }) {
  const id = useId();
  if (q.options.length === 0) {
    return (
      <label className="approval-question" htmlFor={id}>
        <span className="approval-question-text">
          {q.header && <strong>{q.header}: </strong>}
          {q.question}
        </span>
        <input id={id} type={q.secret ? 'password' : 'text'} value={value} autoComplete="off" onChange={(e) => onChange(e.target.value)} />
      </label>
    );
  }
  return (
    <fieldset className="approval-question">
      <legend>
        {q.header && <strong>{q.header}: </strong>}
        {q.question}
      </legend>
      {q.options.map((o) => (
        <label key={o.label} className="approval-option">
          <input type="radio" name={id} value={o.label} checked={value === o.label} onChange={() => onChange(o.label)} />
          <span>
            {o.label}
            {o.description && <span className="muted"> — {o.description}</span>}
          </span>
        </label>
      ))}
      {q.other && (
        <label className="approval-question">
          <span className="approval-question-text">Or in your own words</span>
          <input
            type={q.secret ? 'password' : 'text'}
            value={q.options.some((o) => o.label === value) ? '' : value}
            autoComplete="off"
            onChange={(e) => onChange(e.target.value)}
          />
        </label>
      )}
    </fieldset>
  );
}

function choiceClass(c: ApprovalChoice, first: boolean): string {
  if (c.tone === 'accept') return first ? 'button primary' : 'button';
  return c.tone === 'decline' ? 'button danger' : 'button';
}

export function ApprovalCard({
  approval,
  onAnswer,
}: {
  approval: Approval;
  onAnswer: (body: ApprovalAnswerBody) => Promise<AnswerOutcome>;
}) {
  const a = approval;
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [form, setForm] = useState('{}');
  const [values, setValues] = useState<FormValues>({});
  // MCP's flat form gets real fields; any other schema a tool sends is answered as JSON.
  const fields = a.kind === 'elicitation' ? formFieldsOf(a.formSchema) : null;
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [closed, setClosed] = useState(false);
  const choices = orderedChoices(a.choices);

  const answer = async (choice: ApprovalChoice) => {
    const body: ApprovalAnswerBody = { choice: choice.id };
    if (a.questions.length > 0)
      body.answers = Object.fromEntries(a.questions.map((q) => [q.id, answers[q.id] ? [answers[q.id] as string] : []]));
    if (fields && choice.tone === 'accept') {
      const filled = formContent(fields, values);
      if ('problem' in filled) return setFormError(filled.problem);
      setFormError(null);
      body.content = filled.content;
    } else if (a.kind === 'elicitation' && a.formSchema !== null && choice.tone === 'accept') {
      try {
        body.content = JSON.parse(form);
        setFormError(null);
      } catch {
        return setFormError('This is not valid JSON. Fix it, or choose another answer.');
      }
    }
    setBusy(true);
    try {
      const outcome = await onAnswer(body);
      if (outcome === 'closed') setClosed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <article className={`approval-card ${a.kind}`} aria-label={`Approval: ${a.title}`} data-approval-id={a.id}>
      <header className="approval-head">
        <span className="approval-kind">{KIND_TITLE[a.kind]}</span>
        <h2>{a.title}</h2>
      </header>
      {a.command && <pre className="approval-command">$ {a.command}</pre>}
      {a.cwd && (
        <p className="approval-meta">
          in <code>{a.cwd}</code>
        </p>
      )}
      {a.reason && <p className="approval-reason">{a.reason}</p>}
      {a.diff && <Diff text={a.diff} label="The change Codex wants to make" />}
      {a.questions.map((q) => (
        <QuestionField key={q.id} q={q} value={answers[q.id] ?? ''} onChange={(v) => setAnswers((prev) => ({ ...prev, [q.id]: v }))} />
      ))}
      {fields && (
        <>
          <ElicitationForm fields={fields} values={values} onChange={(name, v) => setValues((prev) => ({ ...prev, [name]: v }))} />
          {formError && <p className="approval-error">{formError}</p>}
        </>
      )}
      {!fields && a.kind === 'elicitation' && a.formSchema !== null && (
        <div className="approval-form">
          <label>
            <span>Your answer, as JSON</span>
            <textarea rows={4} value={form} spellCheck={false} onChange={(e) => setForm(e.target.value)} />
          </label>
          <details>
            <summary>What the tool asks for</summary>
            <pre className="live-output">{JSON.stringify(a.formSchema, null, 2)}</pre>
          </details>
          {formError && <p className="approval-error">{formError}</p>}
        </div>
      )}
      {closed ? (
        <p className="approval-closed" role="status">
          Already answered in the terminal.
        </p>
      ) : (
        <div className="approval-choices">
          {choices.map((c, i) => (
            <button key={c.id} type="button" className={choiceClass(c, i === 0)} disabled={busy} onClick={() => void answer(c)}>
              {c.label}
            </button>
          ))}
        </div>
      )}
    </article>
  );
}
