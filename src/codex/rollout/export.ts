// Markdown exports of a rollout: the latest turn (cut at rollout turn boundaries, never by clock) or the
// whole session, streamed one turn at a time so memory stays flat.
import { findLatestTurnStart } from './locate.js';
import { type ExportHeader, renderHeader, renderTurn } from './markdown.js';
import { scanRollout } from './reader.js';
import { type Turn, TurnTracker } from './turn.js';

/** The latest turn of the rollout as one Markdown document. */
export async function exportLatestTurn(path: string, header: ExportHeader): Promise<string> {
  const start = await findLatestTurnStart(path);
  const tracker = new TurnTracker();
  await scanRollout(path, (ev) => tracker.apply(ev), { from: start, includePartialTail: false });
  const turn = tracker.current;
  const body = turn ? renderTurn(turn, 'Latest turn') : '_This rollout has no turns yet._\n';
  return renderHeader(header, 'latest turn') + body;
}

/** The whole session as Markdown, handed to `write` piece by piece (header, then each turn). */
export async function exportSession(
  path: string,
  header: ExportHeader,
  write: (chunk: string) => void,
  signal?: AbortSignal,
): Promise<number> {
  write(renderHeader(header, 'whole session'));
  let n = 0;
  const tracker = new TurnTracker({
    onTurnClosed: (turn: Turn) => {
      n++;
      write(`${renderTurn(turn, `Turn ${n}`)}\n`);
    },
  });
  await scanRollout(path, (ev) => tracker.apply(ev), { signal });
  tracker.finish();
  if (n === 0) write('_This rollout has no turns yet._\n');
  return n;
}
