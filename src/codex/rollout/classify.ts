// Reads a rollout line's outer `type` and its payload's `type` straight from the bytes, without decoding the
// line. Runs on every line of a scan, so it compares bytes in JS and hands out interned, shared results.

export interface LineClass {
  type: string;
  sub: string | null;
}

const QUOTE = 0x22;
const BRACE = 0x7b;
/** `"type":"` */
const TYPE_MARK = [0x22, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3a, 0x22];
/** `","payload":{"type":"` (follows the outer type's value) */
const PAYLOAD_TYPE = Buffer.from('","payload":{"type":"');
/** The outer type sits near the start: after a timestamp and, since 0.169, an ordinal. */
const MAX_TYPE_AT = 96;
const MAX_NAME = 64;

interface Interned {
  bytes: Buffer;
  text: string;
  /** Classes by payload type; the key null is "no payload type". Only filled for outer types. */
  subs: Map<string | null, LineClass>;
}

// Names are few (a few dozen record and payload types); the cap keeps odd files from growing the table.
const MAX_NAMES = 512;
const names = new Map<number, Interned[]>();
let nameCount = 0;

function hashOf(buf: Buffer, s: number, e: number): number {
  let h = e - s;
  for (let i = s; i < e; i++) h = (Math.imul(h, 31) + (buf[i] as number)) | 0;
  return h;
}

function sameBytes(a: Buffer, buf: Buffer, s: number, e: number): boolean {
  if (a.length !== e - s) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== buf[s + i]) return false;
  return true;
}

/** The name `buf[s, e)` as an interned entry, decoded only the first time it is seen. */
function intern(buf: Buffer, s: number, e: number): Interned {
  const h = hashOf(buf, s, e);
  const bucket = names.get(h);
  if (bucket) for (const n of bucket) if (sameBytes(n.bytes, buf, s, e)) return n;
  const entry: Interned = { bytes: Buffer.from(buf.subarray(s, e)), text: buf.toString('latin1', s, e), subs: new Map() };
  if (nameCount < MAX_NAMES) {
    nameCount++;
    if (bucket) bucket.push(entry);
    else names.set(h, [entry]);
  }
  return entry;
}

function classOf(type: Interned, sub: string | null): LineClass {
  let c = type.subs.get(sub);
  if (!c) {
    c = { type: type.text, sub };
    if (type.subs.size < MAX_NAMES) type.subs.set(sub, c);
  }
  return c;
}

/** Index of the closing quote of a name starting at `s`, or -1 (missing, too long, or past `end`). */
function nameEnd(buf: Buffer, s: number, end: number): number {
  const limit = Math.min(end, s + MAX_NAME + 1);
  for (let i = s; i < limit; i++) if (buf[i] === QUOTE) return i;
  return -1;
}

/**
 * Reads the outer `type` and, when it follows directly, the payload's `type` from a raw line without parsing
 * it. Returns null when the line does not have the usual `{"timestamp":…,"type":"…"` shape. The result is
 * shared between lines of the same class: read it, never change it.
 */
export function classifyLine(buf: Buffer, start: number, end: number): LineClass | null {
  // The first `"type":"` must come early, with no `{` before it (else it belongs to a nested object).
  const limit = Math.min(end - TYPE_MARK.length, start + MAX_TYPE_AT);
  let at = -1;
  for (let i = start; i <= limit; i++) {
    const b = buf[i];
    if (b === BRACE && i > start) return null;
    if (b === QUOTE && buf[i + 1] === 0x74 && matchAt(buf, i)) {
      at = i;
      break;
    }
  }
  if (at === -1) return null;
  const vStart = at + TYPE_MARK.length;
  const vEnd = nameEnd(buf, vStart, end);
  if (vEnd === -1) return null;
  const type = intern(buf, vStart, vEnd);
  let sub: string | null = null;
  const sStart = vEnd + PAYLOAD_TYPE.length;
  if (sStart <= end && samePrefix(buf, vEnd)) {
    const sEnd = nameEnd(buf, sStart, end);
    if (sEnd !== -1) sub = intern(buf, sStart, sEnd).text;
  }
  return classOf(type, sub);
}

function matchAt(buf: Buffer, i: number): boolean {
  for (let k = 2; k < TYPE_MARK.length; k++) if (buf[i + k] !== TYPE_MARK[k]) return false;
  return true;
}

function samePrefix(buf: Buffer, at: number): boolean {
  for (let k = 0; k < PAYLOAD_TYPE.length; k++) if (buf[at + k] !== PAYLOAD_TYPE[k]) return false;
  return true;
}
