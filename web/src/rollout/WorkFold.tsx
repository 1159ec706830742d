// Folded under a conclusion (or under a prompt whose turn ended without one): the commands Codex ran, with their
// output, and the files it changed, with diffs, on the way there. Closed by default; one summary line.
import type { EntryWork, WorkCommand } from '../../../src/shared/rollout.js';
import { totalTokens } from '../../../src/shared/usage-math.js';
import { compact } from './model.js';
import './rollout.css';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function summary(w: EntryWork): string {
  const parts: string[] = [];
  if (w.commands.length > 0) {
    const blocked = w.commands.filter((c) => c.status === 'blocked').length;
    const failed = w.commands.filter((c) => c.status === 'failed').length;
    const notes = [blocked ? `${blocked} blocked` : '', failed ? `${failed} failed` : ''].filter(Boolean).join(', ');
    parts.push(`${plural(w.commands.length, 'command', 'commands')}${notes ? ` (${notes})` : ''}`);
  }
  if (w.files.length > 0) parts.push(plural(w.files.length, 'file changed', 'files changed'));
  if (w.tools.length > 0) parts.push(plural(w.tools.length, 'other tool', 'other tools'));
  if (w.tokens) parts.push(`${compact(totalTokens(w.tokens))} tokens`);
  return parts.join(' · ');
}

const STATUS: Record<WorkCommand['status'], string> = {
  completed: 'exit 0',
  failed: 'failed',
  blocked: 'blocked by the sandbox',
  running: 'did not finish',
};

function Command({ c }: { c: WorkCommand }) {
  const label =
    c.status === 'completed' || c.status === 'running'
      ? STATUS[c.status]
      : `${STATUS[c.status]}${c.exitCode !== null ? `, exit ${c.exitCode}` : ''}`;
  return (
    <li className={`work-item work-${c.status}`}>
      <code>$ {c.command}</code> <span className="work-status">{label}</span>
      {c.output.trim() && <pre className="activity-detail">{c.output}</pre>}
    </li>
  );
}

/** `defaultOpen`: shown unfolded (where it is the only account of what happened). */
export function WorkFold({ work, defaultOpen = false }: { work: EntryWork; defaultOpen?: boolean }) {
  const line = summary(work);
  if (!line) return null;
  const ended = work.outcome === 'interrupted' ? 'Interrupted. ' : work.outcome === 'failed' ? 'Failed. ' : '';
  return (
    <details className="work-fold" open={defaultOpen}>
      <summary>
        {ended}What Codex did: {line}
      </summary>
      <ul className="work-list">
        {work.commands.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the same command may run twice; the list is replaced whole
          <Command key={`${i}:${c.command}`} c={c} />
        ))}
        {work.files.map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one file may change twice in one step
          <li key={`${i}:${f.path}`} className={`work-item work-file-${f.status}`}>
            <code>{f.path}</code>{' '}
            <span className="work-status">
              {f.change}
              {f.status === 'blocked' ? ', blocked by the sandbox (not written)' : f.status === 'failed' ? ', not applied' : ''}
            </span>
            {f.diff.trim() && <pre className="activity-detail work-diff">{f.diff}</pre>}
          </li>
        ))}
        {work.tools.map((t, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: tools have no id of their own
          <li key={`${i}:${t}`} className="work-item">
            {t}
          </li>
        ))}
      </ul>
    </details>
  );
}
