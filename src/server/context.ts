// What every route needs, built once by start.ts and passed to each route plugin.
import type { ContextService } from '../delivery/context/service.js';
import type { Delivery } from '../delivery/delivery.js';
import type { DriveService } from '../delivery/drive/service.js';
import type { LiveThreads } from '../delivery/live/service.js';
import type { HistoryService } from '../history/service.js';
import type { RoomService } from '../rooms/service.js';
import type { Settings } from '../settings.js';
import type { Store } from '../store/store.js';
import type { Access } from './auth/access.js';
import type { PushHub } from './push.js';
import type { RolloutLive } from './rollout-live.js';
import type { AccessGuard } from './security.js';
import type { StorageGuard } from './storage-guard.js';

export interface ServerContext {
  settings: Settings;
  store: Store;
  delivery: Delivery;
  /** Runs `codex exec` turns for driven sessions. */
  drive: DriveService;
  /** Carrying a conversation's context on: previews, new sessions and forks from them, their links. */
  context: ContextService;
  /** Watches the threads of the local Codex daemon and acts on them (live sessions). */
  live: LiveThreads;
  /** Follows the rollout files of running sessions and pushes usage and activity. */
  rollout: RolloutLive;
  /** Rooms (group chat): driven sessions and the person in one conversation. */
  rooms: RoomService;
  /** The index of every Codex rollout on this machine (History): its status, queries and the homes it reads. */
  history: HistoryService;
  push: PushHub;
  guard: AccessGuard;
  /** Paired devices, pending pairings and the addresses other devices can reach us at. */
  access: Access;
  /** Whether the database can still be written; write requests are refused once it cannot. */
  storage: StorageGuard;
  version: string;
  /** Filled in once both listeners are up. */
  urls: { api: string; ui: string };
  /** Folder of the built web UI (index.html), or null when it has not been built. */
  webRoot: string | null;
}
