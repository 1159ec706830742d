// When the draft is a checklist, offers to queue one prompt per item instead of one big prompt.
import { useState } from 'react';
import { splitChecklist } from '../../../src/shared/checklist.js';
import type { SessionId } from '../../../src/shared/ids.js';
import { useToast } from '../components/Toasts.js';
import { driveApi } from './api.js';

export function ChecklistOffer({ sessionId, draft, onQueued }: { sessionId: SessionId; draft: string; onQueued: () => void }) {
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const split = splitChecklist(draft);
  if (!split) return null;
  const queue = async () => {
    setBusy(true);
    try {
      const n = await driveApi.queueMany(sessionId, split.items);
      onQueued();
      toast(`Queued ${n} prompts, one per item.`, 'info');
    } catch (e) {
      toast(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="drive-checklist" role="status">
      <span>
        This looks like a checklist of {split.items.length} items{split.skipped > 0 ? ` (${split.skipped} ticked, left out)` : ''}.
      </span>
      <button type="button" className="button" disabled={busy} onClick={queue}>
        Queue {split.items.length} prompts, one per item
      </button>
    </div>
  );
}
