// The transcript as Markdown, item by item, for the session and turn exports: prompts quoted, Codex's messages as the
// Markdown they are, commands with their output and file changes with their diffs in fences nothing inside can close.
import type { TranscriptItem } from '../../shared/transcript.js';
import { tokenLine } from './conversation-markdown.js';
import { fence, quote, time } from './markdown.js';

const indent = (block: string) =>
  block
    .split('\n')
    .map((l) => (l ? `  ${l}` : l))
    .join('\n');
const code = (s: string) => `\`${s.replace(/`/g, "'").replace(/\n/g, ' ')}\``;
const CHANGE: Record<string, string> = { add: 'Added', update: 'Changed', delete: 'Deleted' };

/** One transcript item as a Markdown block (ends with a newline). */
export function renderTranscriptItem(item: TranscriptItem): string {
  switch (item.kind) {
    case 'prompt':
      return `## ${item.via === 'loop' ? 'Prompt (through Codex Pro Max)' : 'Prompt'}${time(item.atIso)}\n\n${quote(item.text)}\n`;
    case 'message':
      return `### ${item.conclusion ? 'Conclusion' : 'Codex'}${time(item.atIso)}\n\n${item.text.trimEnd()}\n\n`;
    case 'command': {
      const how =
        item.status === 'blocked'
          ? 'blocked by the sandbox'
          : item.status === 'running'
            ? 'did not finish'
            : `exit ${item.exitCode ?? '?'}`;
      const out = item.output.trim() ? `\n${indent(fence(item.output, 'text'))}` : '';
      return `- Ran ${code(item.command)} (${how})\n${out}\n`;
    }
    case 'files': {
      const note = item.status === 'applied' ? '' : item.status === 'blocked' ? ' (blocked by the sandbox, not written)' : ' (not applied)';
      return item.files
        .map((f) => {
          const moved = f.movePath ? ` → ${code(f.movePath)}` : '';
          const diff = f.diff.trim() ? `\n${indent(fence(f.diff, 'diff'))}` : '';
          return `- ${CHANGE[f.change] ?? f.change} ${code(f.path)}${moved}${note}\n${diff}\n`;
        })
        .join('');
    }
    case 'tool':
      return `- ${item.text}\n${item.detail.trim() ? `\n${indent(fence(item.detail, 'text'))}` : ''}\n`;
    case 'turn': {
      const how = item.outcome === 'completed' ? 'Turn done' : item.outcome === 'failed' ? 'Turn failed' : 'Turn interrupted';
      const facts = [item.error, item.tokens ? tokenLine(item.tokens) : null].filter(Boolean).join(' · ');
      return `_${how}${facts ? `: ${facts}` : ''}_\n\n---\n\n`;
    }
    case 'note':
      return `_${item.text}_\n\n`;
  }
}
