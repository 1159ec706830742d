// The index's state while it builds (files and MB read, time left) or when it failed; nothing once it is ready.
import type { HistoryStatus } from '../../../src/shared/history.js';
import { formatBytes } from '../lib/time.js';
import { count } from './labels.js';

export function IndexProgress({ status }: { status: HistoryStatus | null }) {
  if (!status) return null;
  if (status.state === 'failed')
    return (
      <div className="banner error" role="alert">
        History cannot be searched: {status.error ?? 'its index could not be opened.'}
      </div>
    );
  const unreadable =
    status.unreadableFiles > 0 ? (
      <span className="history-unreadable" title={status.unreadable.map((u) => `${u.path}: ${u.reason}`).join('\n')}>
        {count(status.unreadableFiles)} file{status.unreadableFiles === 1 ? '' : 's'} could not be read.
      </span>
    ) : null;
  if (status.state === 'ready') return unreadable ? <div className="history-progress done">{unreadable}</div> : null;
  const fraction = status.bytesTotal > 0 ? status.bytesDone / status.bytesTotal : 0;
  const eta =
    status.etaSeconds === null
      ? ''
      : `, about ${status.etaSeconds < 60 ? `${Math.ceil(status.etaSeconds)} s` : `${Math.ceil(status.etaSeconds / 60)} min`} left`;
  return (
    <div className="history-progress" role="status" aria-live="polite">
      <span>
        {status.state === 'starting'
          ? 'Getting ready to read your Codex history…'
          : `Reading your Codex history: ${count(status.filesDone)} of ${count(status.filesTotal)} files (${formatBytes(status.bytesDone)} of ${formatBytes(status.bytesTotal)})${eta}. What is read so far can be searched already.`}
      </span>
      <progress max={1} value={fraction} aria-label="Index progress" />
      {unreadable}
    </div>
  );
}
