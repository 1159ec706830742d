// Versioned schema changes, applied in order and recorded in PRAGMA user_version. Append only; never edit a shipped step.

export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    thread_id TEXT UNIQUE,
    kind TEXT NOT NULL DEFAULT 'attached' CHECK (kind IN ('attached', 'driven')),
    title TEXT NOT NULL,
    title_source TEXT NOT NULL DEFAULT 'default',
    status TEXT NOT NULL CHECK (status IN ('RUNNING', 'WAITING_FOR_INSTRUCTION', 'STOPPED', 'ERROR')),
    status_detail TEXT,
    stop_acknowledged INTEGER NOT NULL DEFAULT 0,
    rollout_path TEXT,
    cwd TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    last_activity_at TEXT NOT NULL,
    last_conclusion_at TEXT,
    last_read_at TEXT
  );
  CREATE INDEX sessions_activity ON sessions (last_activity_at DESC);

  CREATE TABLE timeline (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('user', 'codex')),
    content TEXT NOT NULL,
    instruction_id TEXT UNIQUE,
    created_at TEXT NOT NULL
  );
  CREATE INDEX timeline_session ON timeline (session_id, seq);

  CREATE TABLE instructions (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    content TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'handing', 'handed', 'delivered')),
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    handed_at TEXT,
    delivered_at TEXT
  );
  CREATE INDEX instructions_queue ON instructions (session_id, state, position);

  CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    stored_name TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (session_id, name)
  );

  CREATE TABLE slash_prompts (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    content TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE session_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL,
    type TEXT NOT NULL,
    payload_json TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
  );
  CREATE INDEX session_events_session ON session_events (session_id, id);
  `,
  // 2: drive mode (codex exec): per-session settings, one row per turn with its usage, and the events it emitted.
  `
  CREATE TABLE drive_settings (
    session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
    cwd TEXT NOT NULL,
    model TEXT,
    effort TEXT,
    sandbox TEXT NOT NULL CHECK (sandbox IN ('read-only', 'workspace-write', 'danger-full-access')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE drive_turns (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    thread_id TEXT,
    instruction_id TEXT,
    prompt TEXT NOT NULL,
    images_json TEXT NOT NULL DEFAULT '[]',
    status TEXT NOT NULL CHECK (status IN ('starting', 'running', 'completed', 'failed', 'interrupted')),
    error TEXT,
    exit_code INTEGER,
    input_tokens INTEGER,
    cached_input_tokens INTEGER,
    output_tokens INTEGER,
    reasoning_output_tokens INTEGER,
    started_at TEXT NOT NULL,
    ended_at TEXT
  );
  CREATE INDEX drive_turns_session ON drive_turns (session_id, started_at);

  CREATE TABLE drive_events (
    turn_id TEXT NOT NULL REFERENCES drive_turns (id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    event_json TEXT NOT NULL,
    PRIMARY KEY (turn_id, seq)
  );
  `,
  // 3: a conclusion carries the id its sender gave it, so a retry after a lost answer is recognised, not stored twice.
  `
  ALTER TABLE timeline ADD COLUMN request_id TEXT;
  CREATE UNIQUE INDEX timeline_request ON timeline (session_id, request_id) WHERE request_id IS NOT NULL;
  `,
  // 4: one word for what the person types: the code, the API and the UI all say "prompt" now.
  `
  ALTER TABLE instructions RENAME TO prompts;
  DROP INDEX instructions_queue;
  CREATE INDEX prompts_queue ON prompts (session_id, state, position);
  ALTER TABLE timeline RENAME COLUMN instruction_id TO prompt_id;
  ALTER TABLE drive_turns RENAME COLUMN instruction_id TO prompt_id;
  UPDATE session_events SET type = replace(type, 'instruction.', 'prompt.'), payload_json = replace(payload_json, '"instructionId"', '"promptId"')
    WHERE type LIKE 'instruction.%';
  `,
  // 5: a live thread's status as the Codex daemon last reported it (JSON, read back whole with the session row).
  `
  ALTER TABLE sessions ADD COLUMN live_json TEXT;
  `,
  // 6: queueing and the session list read by index: the next queue position is the session's MAX(position) (was
  // every prompt ever queued), and a session's latest conclusion is one seek (was a walk back over its entries).
  `
  CREATE INDEX prompts_position ON prompts (session_id, position);
  CREATE INDEX timeline_conclusions ON timeline (session_id, seq) WHERE role = 'codex';
  `,
  // 7: paired devices (a phone with its own credential). Only a hash of each device token is kept, so a copy of the
  // database does not let anyone in; a revoked device's row goes, and with it every way back in.
  `
  CREATE TABLE devices (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    paired_at TEXT NOT NULL,
    last_seen_at TEXT,
    last_address TEXT
  );
  `,
  // 8: the session list is paged by key on its sort order, so a page is read in order and never sorted whole.
  `
  CREATE INDEX sessions_recency ON sessions (last_activity_at DESC, created_at DESC, id DESC);
  `,
  // 9: drive mode through the Codex daemon: a driven session's approval policy, and which engine ran each turn
  // (every earlier turn was a `codex exec` process).
  `
  ALTER TABLE drive_settings ADD COLUMN approval_policy TEXT NOT NULL DEFAULT 'never';
  ALTER TABLE drive_turns ADD COLUMN engine TEXT NOT NULL DEFAULT 'exec';
  `,
  // 10: Web Push subscriptions, one per browser that asked for notifications, with the kinds it wants. A paired
  // device's go with it when it is revoked.
  `
  CREATE TABLE push_subscriptions (
    id TEXT PRIMARY KEY,
    device_id TEXT REFERENCES devices (id) ON DELETE CASCADE,
    endpoint TEXT NOT NULL UNIQUE,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    settings_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_sent_at TEXT
  );
  `,
  // 11: rooms (group chat). A room's members are driven sessions (one room each); `seen_seq` is the last room message
  // a member was given, so each message reaches it once, in order. `room_prompts` says which queued prompt the room sent
  // to which member, so an answer is known as a room answer and a round knows when every asked member is done.
  `
  CREATE TABLE rooms (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('idle', 'running', 'done', 'limit', 'stopped')),
    status_detail TEXT,
    turn_limit INTEGER NOT NULL,
    turns_used INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE room_members (
    room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    name TEXT NOT NULL COLLATE NOCASE,
    session_id TEXT NOT NULL UNIQUE REFERENCES sessions (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('agent', 'moderator')),
    position INTEGER NOT NULL,
    seen_seq INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (room_id, name)
  );
  CREATE TABLE room_messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'agent', 'moderator', 'system')),
    content TEXT NOT NULL,
    to_json TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX room_messages_room ON room_messages (room_id, seq);
  CREATE TABLE room_prompts (
    prompt_id TEXT PRIMARY KEY,
    room_id TEXT NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,
    session_id TEXT NOT NULL,
    member TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'answered', 'failed', 'stopped')),
    created_at TEXT NOT NULL
  );
  CREATE INDEX room_prompts_room ON room_prompts (room_id, state);
  CREATE INDEX room_prompts_session ON room_prompts (session_id, state);
  `,
  // 12: a session carried on from others (context grooming): one row per source, in the order picked. The source's title
  // is kept, so the link still reads after the source session is deleted.
  `
  CREATE TABLE context_links (
    session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    form TEXT NOT NULL CHECK (form IN ('verbatim', 'groomed', 'fork')),
    source_session_id TEXT REFERENCES sessions (id) ON DELETE SET NULL,
    source_thread_id TEXT,
    source_title TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (session_id, position)
  );
  CREATE INDEX context_links_source_session ON context_links (source_session_id) WHERE source_session_id IS NOT NULL;
  CREATE INDEX context_links_source_thread ON context_links (source_thread_id) WHERE source_thread_id IS NOT NULL;
  `,
  // 13: sessions_recency (step 8) starts with last_activity_at and serves every query the older index did; the
  // older one only cost a write on every status change, the most frequent write there is.
  `
  DROP INDEX sessions_activity;
  `,
  // 14: sessions_recency in ascending order, read backwards for the newest first. A status change moves its session to
  // the newest end: at the end of an ascending index that is an append to the last page, where in a descending one
  // every move lands on the first page and rebalances it with its neighbours (4–5 pages written per status change
  // with 200 sessions, now 1–2; each page written costs ~11 µs of the commit).
  `
  DROP INDEX sessions_recency;
  CREATE INDEX sessions_recency ON sessions (last_activity_at, created_at, id);
  `,
];
