// Long prompts (a pasted log, a whole file) are folded in the timeline: their start shows, the rest behind "Show all".
// Pure, so the cut is tested apart from the page.

/** Prompts longer than this many lines or characters are folded. */
export const FOLD_LINES = 24;
export const FOLD_CHARS = 2400;

export interface FoldedPrompt {
  /** The start of the prompt, cut at a line end where one is near. */
  preview: string;
  /** Lines not shown in the preview (at least 1 when a cut fell inside a line). */
  hiddenLines: number;
}

/** The folded form of `text`, or null when it is short enough to show whole. */
export function foldPrompt(text: string): FoldedPrompt | null {
  const lines = text.split('\n');
  if (lines.length <= FOLD_LINES && text.length <= FOLD_CHARS) return null;
  let preview = lines.slice(0, FOLD_LINES).join('\n');
  if (preview.length > FOLD_CHARS) {
    const cut = preview.lastIndexOf('\n', FOLD_CHARS);
    preview = cut > FOLD_CHARS / 2 ? preview.slice(0, cut) : `${preview.slice(0, FOLD_CHARS)}…`;
  }
  // A cut inside a line (marked …) leaves that line partly hidden, so it counts as hidden.
  const wholeLinesShown = preview.split('\n').length - (preview.endsWith('…') ? 1 : 0);
  return { preview, hiddenLines: Math.max(1, lines.length - wholeLinesShown) };
}
