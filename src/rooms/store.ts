// Room rows: rooms, their members (each a driven session), their messages in room order, and the prompts the room
// queued for members. SQL only; the routing rules live in service.ts.
import { randomUUID } from 'node:crypto';
import type { PromptId, SessionId } from '../shared/ids.js';
import type { MemberRole, MessageKind, Room, RoomId, RoomMessage, RoomStatus } from '../shared/rooms.js';
import { type Db, nowIso, type Sql, statements } from '../store/db.js';

interface RoomRow {
  id: string;
  title: string;
  status: RoomStatus;
  status_detail: string | null;
  turn_limit: number;
  turns_used: number;
  created_at: string;
  updated_at: string;
}

interface MemberRow {
  room_id: string;
  name: string;
  session_id: string;
  role: MemberRole;
  position: number;
  seen_seq: number;
  cwd: string | null;
  model: string | null;
  sandbox: Room['members'][number]['sandbox'] | null;
  approval_policy: Room['members'][number]['approvalPolicy'] | null;
}

interface MessageRow {
  seq: number;
  id: string;
  room_id: string;
  author: string;
  kind: MessageKind;
  content: string;
  to_json: string;
  created_at: string;
}

/** A member as the service needs it: the wire member plus its cursor. */
export interface StoredMember {
  roomId: RoomId;
  name: string;
  role: MemberRole;
  sessionId: SessionId;
  seenSeq: number;
}

export type RoomPromptState = 'pending' | 'answered' | 'failed' | 'stopped';

export interface RoomPrompt {
  promptId: PromptId;
  roomId: RoomId;
  sessionId: SessionId;
  member: string;
  state: RoomPromptState;
}

const toMessage = (r: MessageRow): RoomMessage => ({
  id: r.id,
  roomId: r.room_id as RoomId,
  seq: r.seq,
  author: r.author,
  kind: r.kind,
  content: r.content,
  to: JSON.parse(r.to_json) as string[],
  createdAt: r.created_at,
});

const toStoredMember = (r: MemberRow): StoredMember => ({
  roomId: r.room_id as RoomId,
  name: r.name,
  role: r.role,
  sessionId: r.session_id as SessionId,
  seenSeq: r.seen_seq,
});

// Members are read with their session's drive settings, so the room shows each one's folder, model and sandbox.
const MEMBERS = `SELECT m.*, d.cwd, d.model, d.sandbox, d.approval_policy FROM room_members m
  LEFT JOIN drive_settings d ON d.session_id = m.session_id`;

export class RoomRepo {
  private readonly sql: Sql;

  constructor(private readonly db: Db) {
    this.sql = statements(db);
  }

  create(input: { title: string; turnLimit: number; members: { name: string; role: MemberRole; sessionId: SessionId }[] }): RoomId {
    const id = randomUUID() as RoomId;
    const now = nowIso();
    this.sql(
      `INSERT INTO rooms (id, title, status, status_detail, turn_limit, turns_used, created_at, updated_at)
         VALUES (?, ?, 'idle', NULL, ?, 0, ?, ?)`,
    ).run(id, input.title, input.turnLimit, now, now);
    input.members.forEach((m, position) => {
      this.sql('INSERT INTO room_members (room_id, name, session_id, role, position) VALUES (?, ?, ?, ?, ?)').run(
        id,
        m.name,
        m.sessionId,
        m.role,
        position,
      );
    });
    return id;
  }

  room(id: RoomId): Room | null {
    const row = this.sql('SELECT * FROM rooms WHERE id = ?').get(id) as RoomRow | undefined;
    return row ? this.toRoom(row) : null;
  }

  list(): Room[] {
    return (this.sql('SELECT * FROM rooms ORDER BY updated_at DESC, id').all() as RoomRow[]).map((r) => this.toRoom(r));
  }

  delete(id: RoomId): boolean {
    return this.sql('DELETE FROM rooms WHERE id = ?').run(id).changes > 0;
  }

  setStatus(id: RoomId, status: RoomStatus, detail: string | null): void {
    this.sql('UPDATE rooms SET status = ?, status_detail = ?, updated_at = ? WHERE id = ?').run(status, detail, nowIso(), id);
  }

  /** A new message from the person: the room runs again with a fresh count of turns. */
  resetTurns(id: RoomId): void {
    this.sql('UPDATE rooms SET turns_used = 0 WHERE id = ?').run(id);
  }

  countTurns(id: RoomId, n: number): void {
    this.sql('UPDATE rooms SET turns_used = turns_used + ? WHERE id = ?').run(n, id);
  }

  members(id: RoomId): StoredMember[] {
    return (this.sql(`${MEMBERS} WHERE m.room_id = ? ORDER BY m.position`).all(id) as MemberRow[]).map(toStoredMember);
  }

  memberBySession(sessionId: SessionId): StoredMember | null {
    const row = this.sql(`${MEMBERS} WHERE m.session_id = ?`).get(sessionId) as MemberRow | undefined;
    return row ? toStoredMember(row) : null;
  }

  setSeen(roomId: RoomId, name: string, seq: number): void {
    this.sql('UPDATE room_members SET seen_seq = MAX(seen_seq, ?) WHERE room_id = ? AND name = ?').run(seq, roomId, name);
  }

  addMessage(roomId: RoomId, m: { author: string; kind: MessageKind; content: string; to: string[] }): RoomMessage {
    const id = randomUUID();
    const now = nowIso();
    this.sql('INSERT INTO room_messages (id, room_id, author, kind, content, to_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id,
      roomId,
      m.author,
      m.kind,
      m.content,
      JSON.stringify(m.to),
      now,
    );
    this.sql('UPDATE rooms SET updated_at = ? WHERE id = ?').run(now, roomId);
    return toMessage(this.sql('SELECT * FROM room_messages WHERE id = ?').get(id) as MessageRow);
  }

  /** Messages after `seq`, in room order. */
  messagesAfter(roomId: RoomId, seq: number): RoomMessage[] {
    return (this.sql('SELECT * FROM room_messages WHERE room_id = ? AND seq > ? ORDER BY seq').all(roomId, seq) as MessageRow[]).map(
      toMessage,
    );
  }

  /** The newest `limit` messages in room order, and whether older ones exist. */
  newestMessages(roomId: RoomId, limit: number): { messages: RoomMessage[]; hasEarlier: boolean } {
    const rows = this.sql('SELECT * FROM room_messages WHERE room_id = ? ORDER BY seq DESC LIMIT ?').all(roomId, limit + 1) as MessageRow[];
    return { messages: rows.slice(0, limit).reverse().map(toMessage), hasEarlier: rows.length > limit };
  }

  lastSeq(roomId: RoomId): number {
    const row = this.sql('SELECT MAX(seq) AS seq FROM room_messages WHERE room_id = ?').get(roomId) as { seq: number | null };
    return row.seq ?? 0;
  }

  addPrompt(p: Omit<RoomPrompt, 'state'>): void {
    this.sql("INSERT INTO room_prompts (prompt_id, room_id, session_id, member, state, created_at) VALUES (?, ?, ?, ?, 'pending', ?)").run(
      p.promptId,
      p.roomId,
      p.sessionId,
      p.member,
      nowIso(),
    );
  }

  prompt(promptId: PromptId): RoomPrompt | null {
    const row = this.sql(
      'SELECT prompt_id AS promptId, room_id AS roomId, session_id AS sessionId, member, state FROM room_prompts WHERE prompt_id = ?',
    ).get(promptId) as RoomPrompt | undefined;
    return row ?? null;
  }

  setPromptState(promptId: PromptId, state: RoomPromptState): void {
    this.sql('UPDATE room_prompts SET state = ? WHERE prompt_id = ?').run(state, promptId);
  }

  pendingPrompts(roomId: RoomId): RoomPrompt[] {
    return this.sql(
      `SELECT prompt_id AS promptId, room_id AS roomId, session_id AS sessionId, member, state FROM room_prompts
         WHERE room_id = ? AND state = 'pending' ORDER BY created_at, rowid`,
    ).all(roomId) as RoomPrompt[];
  }

  /** Pending prompts of one session (its member row may already be gone with the session). */
  pendingForSession(sessionId: SessionId): RoomPrompt[] {
    return this.sql(
      `SELECT prompt_id AS promptId, room_id AS roomId, session_id AS sessionId, member, state FROM room_prompts
         WHERE session_id = ? AND state = 'pending'`,
    ).all(sessionId) as RoomPrompt[];
  }

  /**
   * The prompt and outcome of a session's newest drive turn: how a member's turn that just ended is matched to the
   * room prompt it ran (drive mode records that prompt on the turn).
   */
  latestTurn(sessionId: SessionId): { promptId: PromptId | null; status: string; error: string | null } | null {
    const row = this.sql(
      'SELECT prompt_id AS promptId, status, error FROM drive_turns WHERE session_id = ? ORDER BY started_at DESC, rowid DESC LIMIT 1',
    ).get(sessionId) as { promptId: PromptId | null; status: string; error: string | null } | undefined;
    return row ?? null;
  }

  tx<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  private toRoom(r: RoomRow): Room {
    const members = (this.sql(`${MEMBERS} WHERE m.room_id = ? ORDER BY m.position`).all(r.id) as MemberRow[]).map((m) => ({
      name: m.name,
      role: m.role,
      sessionId: m.session_id as SessionId,
      cwd: m.cwd ?? '',
      model: m.model,
      sandbox: m.sandbox ?? 'workspace-write',
      approvalPolicy: m.approval_policy ?? 'never',
    }));
    return {
      id: r.id as RoomId,
      title: r.title,
      status: r.status,
      statusDetail: r.status_detail,
      turnLimit: r.turn_limit,
      turnsUsed: r.turns_used,
      members,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    };
  }
}
