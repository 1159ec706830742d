// Reads one rollout from a byte offset and turns its lines into History documents, in chunks of about `chunkBytes`
// so a huge file is committed (and shows progress) piece by piece. Runs in the index worker itself or in a parse
// worker beside it (parse-pool.ts); touches no database. Read errors are thrown after the chunks read before them.
import { type ExtractCarry, RolloutExtractor, type SessionFacts } from '../codex/history/extract.js';
import { type DocBatch, packDocs } from './doc-batch.js';
import { readLinesSync } from './read-lines.js';

/** What a file should be read with: where its reading stopped and what the reader knew there. */
export interface ParseJob {
  path: string;
  from: number;
  facts: SessionFacts;
  carry: ExtractCarry;
}

/** One piece of a read: its documents, and the state after its last line (`lineEnd`: the byte offset after it). */
export interface ParseChunk {
  docs: DocBatch;
  facts: SessionFacts;
  carry: ExtractCarry;
  malformed: number;
  lineEnd: number;
}

/** Hands the documents of `job.path` from `job.from` to `onChunk`, one chunk per `chunkBytes` read and one at the end. */
export function parseFile(job: ParseJob, chunkBytes: number, onChunk: (chunk: ParseChunk) => void): void {
  let extractor = new RolloutExtractor(job.facts, job.carry);
  let pendingBytes = 0;
  let lineEnd = job.from;
  const flush = () => {
    const done = extractor.finish();
    onChunk({ docs: packDocs(extractor.docs), facts: done.facts, carry: done.carry, malformed: extractor.malformed, lineEnd });
    extractor = new RolloutExtractor(done.facts, done.carry);
    pendingBytes = 0;
  };
  const result = readLinesSync(job.path, job.from, (buf, start, end, at) => {
    extractor.line(buf, start, end, at);
    lineEnd = at + (end - start) + 1;
    pendingBytes += end - start + 1;
    if (pendingBytes >= chunkBytes) flush();
  });
  lineEnd = result.next;
  flush();
}
