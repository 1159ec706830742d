// A unified diff as text with added and removed lines tinted; nothing is interpreted as markup.
export function Diff({ text, label }: { text: string; label?: string }) {
  if (!text) return null;
  const lines = text.split('\n');
  return (
    <pre className="live-diff" title={label}>
      {lines.map((line, i) => {
        const kind =
          line.startsWith('+++') || line.startsWith('---')
            ? 'file'
            : line[0] === '+'
              ? 'add'
              : line[0] === '-'
                ? 'del'
                : line.startsWith('@@')
                  ? 'hunk'
                  : '';
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: lines of one immutable text; their position is their identity
          <span key={i} className={kind ? `diff-${kind}` : undefined}>
            {line || ' '}
          </span>
        );
      })}
    </pre>
  );
}
