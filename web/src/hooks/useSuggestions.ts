// Composer autocomplete state: which trigger word the caret is in, what to suggest, and picking one.
// Nothing is inserted unless the person chooses (Enter, Tab or a click).
import { useMemo, useState } from 'react';
import type { Attachment, SlashPrompt } from '../../../src/shared/schemas.js';
import type { SuggestionItem } from '../components/SuggestionList.js';
import { mentionSuggestions, slashSuggestions } from '../lib/suggestions.js';
import { formatBytes } from '../lib/time.js';
import { type ActiveToken, activeToken, mentionText, replaceToken } from '../lib/tokens.js';

export interface Suggestions {
  token: ActiveToken | null;
  items: SuggestionItem[];
  active: number;
  setActive: (i: number) => void;
  open: boolean;
  /** Cycles the highlighted item. */
  move: (delta: number) => void;
  dismiss: () => void;
  /** The text and caret after inserting item `index`. */
  pick: (index: number) => { text: string; caret: number } | null;
}

export function useSuggestions(text: string, caret: number, attachments: Attachment[], prompts: SlashPrompt[]): Suggestions {
  const token = useMemo(() => activeToken(text, caret), [text, caret]);
  const [active, setActive] = useState(0);
  const [dismissedAt, setDismissedAt] = useState<number | null>(null);

  const matches = useMemo(() => {
    if (!token) return { kind: 'none' as const, list: [] as (Attachment | SlashPrompt)[] };
    return token.trigger === '@'
      ? { kind: 'mention' as const, list: mentionSuggestions(token.query, attachments) }
      : { kind: 'slash' as const, list: slashSuggestions(token.query, prompts) };
  }, [token, attachments, prompts]);

  const items: SuggestionItem[] = matches.list.map((m) =>
    'mimeType' in m
      ? { key: m.id, label: `@${m.name}`, detail: `${m.mimeType} · ${formatBytes(m.sizeBytes)}` }
      : { key: m.id, label: `/${m.name}`, detail: m.content.replace(/\s+/g, ' ').slice(0, 80) },
  );
  // A dismissal holds for the token it closed; once that token is gone, the next one opens the list again.
  if (token === null && dismissedAt !== null) setDismissedAt(null);
  const open = token !== null && items.length > 0 && dismissedAt !== token.start;
  const safeActive = items.length === 0 ? 0 : Math.min(active, items.length - 1);

  return {
    token,
    items,
    active: safeActive,
    setActive,
    open,
    move: (delta) => setActive((safeActive + delta + items.length) % Math.max(items.length, 1)),
    dismiss: () => setDismissedAt(token?.start ?? null),
    pick: (index) => {
      const chosen = matches.list[index];
      if (!token || !chosen) return null;
      setActive(0);
      const replacement = 'mimeType' in chosen ? mentionText(chosen.name, text.slice(caret)) : chosen.content;
      return replaceToken(text, token, caret, replacement);
    },
  };
}
