// Downloads the rollout as Markdown: the latest turn or the whole session (the server sets the file name).
import './rollout.css';

export function ExportButton({ sessionId }: { sessionId: string }) {
  const base = `/api/sessions/${sessionId}/exports`;
  return (
    <span className="export-buttons">
      <a className="button" href={`${base}/latest-ai-messages`} download title="Download the latest turn as Markdown">
        Export turn
      </a>
      <a className="button" href={`${base}/session`} download title="Download the whole session as Markdown">
        Export all
      </a>
    </span>
  );
}
