// A read's documents as columns (numbers in one Float64Array, texts and turn ids in two arrays of strings), the shape
// they cross between threads in: a parse worker's reply holds about a hundred documents per file, and copying them as
// objects cost the index worker a tenth of a build. Pure packing; knows nothing of the database.
import type { HistoryDoc } from '../codex/history/extract.js';
import { DOC_FIELDS } from './db.js';

/** Numbers per document in `nums`: field (its index in DOC_FIELDS), turn, byte offset, ordinal, time (NaN for none). */
export const DOC_STRIDE = 5;

export interface DocBatch {
  nums: Float64Array;
  turnIds: (string | null)[];
  texts: string[];
}

/** Packs `docs` in order. */
export function packDocs(docs: readonly HistoryDoc[]): DocBatch {
  const nums = new Float64Array(docs.length * DOC_STRIDE);
  const turnIds: (string | null)[] = new Array(docs.length);
  const texts: string[] = new Array(docs.length);
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i] as HistoryDoc;
    const at = i * DOC_STRIDE;
    nums[at] = DOC_FIELDS.indexOf(d.field);
    nums[at + 1] = d.turn;
    nums[at + 2] = d.offset;
    nums[at + 3] = d.ordinal ?? Number.NaN;
    nums[at + 4] = d.atMs ?? Number.NaN;
    turnIds[i] = d.turnId;
    texts[i] = d.text;
  }
  return { nums, turnIds, texts };
}
