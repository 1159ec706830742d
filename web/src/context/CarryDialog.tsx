// "Carry context on": pick the sessions (and turns), the form — verbatim, groomed by Codex, or a fork of the thread —
// and a budget; see the document with its token count against the context window; then type what the new session
// should do and start it. The server refuses what cannot fit; this dialog says so before sending.
import { type FormEvent, useState } from 'react';
import {
  type ContextForm,
  type ContextPreview,
  carriedPrompt,
  DEFAULT_BUDGET,
  estimateTokens,
  GROOMING_PROMPT,
} from '../../../src/shared/context.js';
import { Dialog } from '../components/Dialog.js';
import { contextApi } from './api.js';
import { type PickedSource, SourceList } from './SourceList.js';
import { TokenMeter } from './TokenMeter.js';
import './context.css';

const FORMS: { form: ContextForm; label: string; hint: string }[] = [
  { form: 'verbatim', label: 'Verbatim', hint: 'The readable transcript, newest first, cut to the budget.' },
  { form: 'groomed', label: 'Groomed', hint: 'Codex condenses it into goal, decisions, files, open problems and last state.' },
  { form: 'fork', label: 'Fork', hint: "A copy of the thread with Codex's own history, exactly as it is (one session)." },
];

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function CarryDialog({ initial, onClose }: { initial: PickedSource[]; onClose: () => void }) {
  const [sources, setSources] = useState(initial);
  const [form, setForm] = useState<ContextForm>('verbatim');
  const [budget, setBudget] = useState(DEFAULT_BUDGET);
  const [preview, setPreview] = useState<{ preview: ContextPreview; fits: boolean } | null>(null);
  const [busy, setBusy] = useState<'preview' | 'start' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [prompt, setPrompt] = useState('');
  const [cwd, setCwd] = useState('');
  // Any change to what the document is made of makes the shown one stale.
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPreview(null);
    };

  const makePreview = async () => {
    setBusy('preview');
    setError(null);
    try {
      const answer = await contextApi.preview({ sources: sources.map((s) => s.source), form, budgetTokens: budget });
      setPreview(answer);
      if (!cwd && answer.preview.cwd) setCwd(answer.preview.cwd);
    } catch (e) {
      setError(message(e));
    } finally {
      setBusy(null);
    }
  };

  const start = async (e: FormEvent) => {
    e.preventDefault();
    if (!preview || !prompt.trim()) return;
    setBusy('start');
    setError(null);
    try {
      const session = await contextApi.start({ previewId: preview.preview.id, prompt, ...(cwd.trim() ? { cwd: cwd.trim() } : {}) });
      location.hash = `#/s/${session.id}`;
      onClose();
    } catch (err) {
      setError(message(err));
      setBusy(null);
    }
  };

  const doc = preview?.preview.document ?? '';
  const promptTokens = form === 'fork' ? estimateTokens(prompt) : estimateTokens(carriedPrompt(doc, prompt)) - estimateTokens(doc);
  const fits =
    preview !== null &&
    (preview.preview.tokens.contextWindow === null || preview.preview.tokens.count + promptTokens <= preview.preview.tokens.contextWindow);

  return (
    <Dialog title="Carry context on" onClose={onClose} wide>
      {/* Checked here and by the server; the browser's own checks would block the form without saying why. */}
      <form className="carry-dialog" onSubmit={start} noValidate>
        <SourceList sources={sources} onChange={changed(setSources)} single={form === 'fork'} />
        <fieldset className="carry-forms">
          <legend>Form</legend>
          {FORMS.map((f) => (
            <label key={f.form} title={f.hint}>
              <input
                type="radio"
                name="carry-form"
                value={f.form}
                checked={form === f.form}
                disabled={f.form === 'fork' && sources.length > 1}
                onChange={() => changed(setForm)(f.form)}
              />
              {f.label} <span className="muted">— {f.hint}</span>
            </label>
          ))}
        </fieldset>
        {form !== 'fork' && (
          <label className="carry-budget">
            Budget (tokens of transcript to read)
            <input
              type="number"
              min={200}
              max={1_000_000}
              step={100}
              value={budget}
              onChange={(e) => changed(setBudget)(Math.max(200, Number(e.target.value) || DEFAULT_BUDGET))}
            />
          </label>
        )}
        {form === 'groomed' && (
          <details className="carry-grooming" open>
            <summary>The prompt Codex is given, before the material</summary>
            <pre>{GROOMING_PROMPT}</pre>
          </details>
        )}
        <div className="carry-row">
          <button type="button" className="button" disabled={busy !== null || sources.length === 0} onClick={() => void makePreview()}>
            {busy === 'preview' ? (form === 'groomed' ? 'Codex is condensing…' : 'Reading…') : preview ? 'Make it again' : 'Preview'}
          </button>
          {preview && preview.preview.omittedItems > 0 && (
            <span className="muted">{preview.preview.omittedItems} earlier items were left out to fit the budget.</span>
          )}
        </div>
        {preview && (
          <>
            <pre className="carry-preview" data-testid="carry-preview">
              {doc}
            </pre>
            <TokenMeter tokens={preview.preview.tokens} promptTokens={promptTokens} />
          </>
        )}
        <label className="carry-prompt">
          What should the new session do?
          <textarea value={prompt} rows={3} onChange={(e) => setPrompt(e.target.value)} placeholder="Your prompt for the new session" />
        </label>
        <label className="carry-cwd">
          Working folder
          <input value={cwd} onChange={(e) => setCwd(e.target.value)} placeholder="The first session's folder" />
        </label>
        {error && (
          <p className="carry-error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-footer">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={!preview || !prompt.trim() || !fits || busy !== null}>
            {busy === 'start' ? 'Starting…' : form === 'fork' ? 'Fork' : 'Start new session'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
