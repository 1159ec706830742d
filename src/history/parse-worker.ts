// A parse worker: reads and extracts the rollouts the index worker sends it (parse-file.ts) and sends back their
// documents, so on a first build reading runs on another core while the index worker writes. Never opens the index.
import { parentPort } from 'node:worker_threads';
import { type ParseChunk, parseFile } from './parse-file.js';
import type { ParseReply, ParseRequest } from './parse-pool.js';

const port = parentPort;
if (!port) throw new Error('The History parse worker runs only as a worker thread.');

port.on('message', (m: ParseRequest) => {
  const chunks: ParseChunk[] = [];
  let error: string | null = null;
  try {
    parseFile(m.job, m.chunkBytes, (chunk) => chunks.push(chunk));
  } catch (e) {
    error = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  }
  // The documents' numbers move to the index worker rather than being copied.
  port.postMessage(
    { id: m.id, chunks, error } satisfies ParseReply,
    chunks.map((c) => c.docs.nums.buffer as ArrayBuffer),
  );
});
