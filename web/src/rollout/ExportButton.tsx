// Downloads the conversation as Markdown: the latest exchange or the whole conversation. Fetched first, so a session
// with nothing to export says so in a toast instead of starting a download that fails.
import { useState } from 'react';
import { api, errorFrom, pathOf } from '../../../src/shared/api.js';
import { useToast } from '../components/Toasts.js';
import './rollout.css';

function fileName(res: Response, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
  return m?.[1] ?? fallback;
}

export function ExportButton({ sessionId }: { sessionId: string }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const download = async (path: string, fallback: string) => {
    setBusy(true);
    try {
      const res = await fetch(path, { credentials: 'same-origin' });
      if (!res.ok) {
        const json = await res.json().catch(() => null);
        throw errorFrom(res.status, json, `The export failed (the server answered ${res.status}).`);
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName(res, fallback);
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (error) {
      toast(error instanceof TypeError ? 'Codex Pro Max is not reachable. Is the server still running?' : error);
    } finally {
      setBusy(false);
    }
  };
  const params = { sessionId };
  return (
    <span className="export-buttons">
      <button
        type="button"
        className="button"
        disabled={busy}
        title="Download the latest prompt, what Codex did and its conclusion, as Markdown"
        onClick={() => download(pathOf(api.exportLatestTurn, params), 'latest.md')}
      >
        Export latest
      </button>
      <button
        type="button"
        className="button"
        disabled={busy}
        title="Download the whole conversation, with what Codex did between prompts, as Markdown"
        onClick={() => download(pathOf(api.exportSession, params), 'conversation.md')}
      >
        Export all
      </button>
    </span>
  );
}
