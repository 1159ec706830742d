// A search snippet with its matched words highlighted. The server sends plain text pieces; they are rendered as text
// (React escapes them), never as HTML, so nothing in a rollout can inject markup here.
import type { SnippetPart } from '../../../src/shared/history.js';

export function Snippet({ parts }: { parts: SnippetPart[] }) {
  return (
    <span className="history-snippet">
      {parts.map((p, i) =>
        // biome-ignore lint/suspicious/noArrayIndexKey: pieces of one immutable snippet; their position is their identity
        p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>,
      )}
    </span>
  );
}
