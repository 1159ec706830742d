// The room's members: what each is doing, and per member Interrupt (its running turn), Stop (its turn and what the room
// queued for it) and a link to its session; any approval a member asks for shows under the strip with its name.
import type { Room } from '../../../src/shared/rooms.js';
import type { SessionSummary } from '../../../src/shared/schemas.js';
import { useToast } from '../components/Toasts.js';
import { driveApi } from '../drive/api.js';
import { ApprovalList } from '../live/ApprovalList.js';
import { roomsApi } from './api.js';

const STATE: Record<SessionSummary['status'], string> = {
  RUNNING: 'working',
  WAITING_FOR_INSTRUCTION: 'ready',
  STOPPED: 'stopped',
  ERROR: 'error',
};

export function MemberStrip({ room, sessions }: { room: Room; sessions: Record<string, SessionSummary> }) {
  const toast = useToast();
  const run = (p: Promise<unknown>) => p.catch((e: unknown) => toast(e));
  return (
    <>
      <ul className="room-members" aria-label="Members">
        {room.members.map((m) => {
          const session = sessions[m.sessionId];
          const working = session?.status === 'RUNNING';
          return (
            <li key={m.name} className="room-member" data-member={m.name}>
              <div className="room-member-name">
                <a href={`#/s/${m.sessionId}`} title={`${m.cwd} · ${m.model ?? 'default model'} · ${m.sandbox}`}>
                  @{m.name}
                </a>
                {m.role === 'moderator' && <span className="muted"> moderator</span>}
                <span className={`room-member-state ${session ? STATE[session.status] : 'unknown'}`}>
                  {session ? STATE[session.status] : '…'}
                </span>
              </div>
              <div className="room-member-actions">
                <button
                  type="button"
                  className="button small"
                  disabled={!working}
                  aria-label={`Interrupt @${m.name}`}
                  onClick={() => run(driveApi.interrupt(m.sessionId))}
                >
                  Interrupt
                </button>
                <button
                  type="button"
                  className="button small"
                  aria-label={`Stop @${m.name}`}
                  onClick={() => run(roomsApi.stopMember(room.id, m.name))}
                >
                  Stop
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {room.members.map((m) => (
        <div key={m.name} className="room-approvals" data-member={m.name}>
          <ApprovalList sessionId={m.sessionId} />
        </div>
      ))}
    </>
  );
}
