// The middle of a live session's view: its transcript, and under it the approvals waiting for an answer.
import type { SessionId } from '../../../src/shared/ids.js';
import type { LiveInfo } from '../../../src/shared/live.js';
import { ApprovalList } from './ApprovalList.js';
import { LiveTranscript } from './LiveTranscript.js';
import { useLiveTranscript } from './useLiveTranscript.js';
import './live.css';

export function LivePanel({ sessionId, live }: { sessionId: SessionId; live: LiveInfo }) {
  const transcript = useLiveTranscript(sessionId);
  return (
    <>
      <LiveTranscript transcript={transcript} status={live.status} />
      <ApprovalList sessionId={sessionId} />
    </>
  );
}
