// Markdown exports of a rollout in the transcript's readable form: the latest turn (cut at rollout turn boundaries,
// never by clock) or the whole session, streamed item by item so memory stays flat on a 200 MB file.
import type { TranscriptItem } from '../../shared/transcript.js';
import { findLatestTurnStart } from './locate.js';
import { type ExportHeader, renderHeader } from './markdown.js';
import { renderTranscriptItem } from './transcript-markdown.js';
import { foldRolloutFrom } from './transcript-page.js';

async function render(path: string, from: number, write: (chunk: string) => void, signal?: AbortSignal): Promise<number> {
  let turns = 0;
  let items = 0;
  await foldRolloutFrom(
    path,
    from,
    (item: TranscriptItem) => {
      items++;
      if (item.kind === 'turn') turns++;
      write(renderTranscriptItem(item));
    },
    signal,
  );
  if (items === 0) write('_This rollout has no turns yet._\n');
  return turns;
}

/** The latest turn of the rollout as one Markdown document. */
export async function exportLatestTurn(path: string, header: ExportHeader): Promise<string> {
  let md = renderHeader(header, 'latest turn');
  await render(path, await findLatestTurnStart(path), (c) => {
    md += c;
  });
  return md;
}

/** The whole session as Markdown, handed to `write` piece by piece; resolves with the number of turns that ended. */
export async function exportSession(
  path: string,
  header: ExportHeader,
  write: (chunk: string) => void,
  signal?: AbortSignal,
): Promise<number> {
  write(renderHeader(header, 'whole session'));
  return render(path, 0, write, signal);
}
