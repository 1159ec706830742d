// Splits a pasted checklist into one prompt per item. Pure and shared so the UI's offer and the server's split agree.
// Must stay free of I/O, like the other pure rules allowed in src/shared (usage-math.ts).

export interface ChecklistSplit {
  /** Text before the first item (e.g. "Do these:"), not queued. */
  intro: string | null;
  /** One prompt per open item, nested lines kept with their item. */
  items: string[];
  /** Items already ticked ("- [x]"), left out. */
  skipped: number;
}

const MARKER = /^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(?:\[( |x|X)\]\s*)?(.*)$/;

/** The checklist in `text`, or null when it does not hold at least two top-level items. */
export function splitChecklist(text: string): ChecklistSplit | null {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const markers = lines.map((line) => MARKER.exec(line));
  const indents = markers.flatMap((m) => (m ? [(m[1] ?? '').length] : []));
  if (indents.length < 2) return null;
  const top = Math.min(...indents);

  const intro: string[] = [];
  const items: { lines: string[]; done: boolean }[] = [];
  let current: { lines: string[]; done: boolean } | null = null;
  for (const [i, line] of lines.entries()) {
    const m = markers[i];
    if (m && (m[1] ?? '').length === top) {
      current = { lines: [m[3] ?? ''], done: m[2] === 'x' || m[2] === 'X' };
      items.push(current);
    } else if (current) {
      // A blank line followed by unindented prose ends the list; anything indented belongs to the item.
      if (line.trim() !== '' && !/^\s/.test(line) && !m) current = null;
      else current.lines.push(line.length > top ? line.slice(top) : line.trimStart());
    }
    if (!current && !(m && (m[1] ?? '').length === top)) {
      if (items.length === 0) intro.push(line);
      else if (line.trim() !== '') return null; // prose after the list: not a plain checklist
    }
  }
  const open = items.filter((item) => !item.done);
  const texts = open.map((item) => dedent(item.lines).trim()).filter((t) => t.length > 0);
  if (items.length < 2 || texts.length === 0) return null;
  const introText = intro.join('\n').trim();
  return { intro: introText === '' ? null : introText, items: texts, skipped: items.length - open.length };
}

function dedent(lines: string[]): string {
  const [first = '', ...rest] = lines;
  const widths = rest.filter((l) => l.trim() !== '').map((l) => /^\s*/.exec(l)?.[0].length ?? 0);
  const cut = widths.length > 0 ? Math.min(...widths) : 0;
  return [first, ...rest.map((l) => l.slice(Math.min(cut, l.length - l.trimStart().length)))].join('\n');
}
