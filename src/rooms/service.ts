// Rooms (group chat): several driven sessions and the person in one conversation. The room sends a message to the
// members it is for as a queued prompt (Delivery.queue; drive mode runs it as an ordinary turn), and learns of each
// answer from Delivery's domain events. It never writes sessions itself; it owns only the room tables and room pushes.

import type { SessionChange } from '../delivery/changes.js';
import type { Delivery } from '../delivery/delivery.js';
import type { DriveService } from '../delivery/drive/service.js';
import { Conflict, DriveRefused, NotFound, PromptNotEditable } from '../errors.js';
import type { PromptId, SessionId } from '../shared/ids.js';
import type { PushMessage } from '../shared/push.js';
import { type NewRoomBody, ROOM_PAGE, type Room, type RoomId, type RoomMessage } from '../shared/rooms.js';
import type { Store } from '../store/store.js';
import { roomMarkdown } from './export.js';
import { declaresDone, mentionedMembers } from './mentions.js';
import { memberPrompt } from './prompt.js';
import { type RoomPrompt, RoomRepo, type StoredMember } from './store.js';

export interface RoomDeps {
  store: Store;
  delivery: Delivery;
  drive: DriveService;
  publish: (message: PushMessage) => void;
  log?: (line: string) => void;
}

/** How a member's turn on a room prompt ended. */
type TurnEnd = { kind: 'answer'; text: string } | { kind: 'failed'; error: string | null } | { kind: 'stopped' } | { kind: 'silent' };

export class RoomService {
  readonly repo: RoomRepo;

  constructor(private readonly deps: RoomDeps) {
    this.repo = new RoomRepo(deps.store.db);
    deps.delivery.subscribe((change) => this.onChange(change));
  }

  list(): Room[] {
    return this.repo.list();
  }

  detail(roomId: RoomId): { room: Room; messages: RoomMessage[]; hasEarlier: boolean } {
    return { room: this.get(roomId), ...this.repo.newestMessages(roomId, ROOM_PAGE) };
  }

  /** Makes a driven session for each new member, takes existing driven sessions in as they are, and stores the room. */
  async create(body: NewRoomBody): Promise<Room> {
    const { delivery, drive } = this.deps;
    const title = body.title || `Room with ${body.members.map((m) => `@${m.name}`).join(', ')}`;
    for (const m of body.members) {
      if (!m.sessionId) {
        await drive.requireCwd(m.cwd ?? '');
        continue;
      }
      const session = delivery.summary(m.sessionId);
      if (session.kind !== 'driven' || !drive.repo.settings(m.sessionId)) {
        throw new DriveRefused(
          `"${session.title}" runs in a terminal, not in Codex Pro Max, so a room cannot send it prompts. Use "Continue here" on it first, or add a new member instead.`,
        );
      }
      if (this.repo.memberBySession(m.sessionId)) throw new Conflict(`"${session.title}" is already a member of another room.`);
    }
    const members = body.members.map((m) => {
      const sessionId =
        m.sessionId ??
        delivery.createDriven({ title: `@${m.name} · ${title}`, cwd: m.cwd ?? '' }, (id) => {
          drive.repo.saveSettings(id, {
            cwd: m.cwd ?? '',
            model: m.model ?? null,
            effort: null,
            sandbox: m.sandbox,
            approvalPolicy: m.approvalPolicy,
          });
          this.deps.store.events.record(id, 'session.created', { kind: 'driven', room: title, member: m.name });
        }).id;
      return { name: m.name, role: m.role, sessionId };
    });
    const id = this.repo.tx(() => this.repo.create({ title, turnLimit: body.turnLimit, members }));
    return this.publishRoom(id);
  }

  /** The person's message: to the members it mentions; with none, to the moderator if there is one, else to every agent. */
  post(roomId: RoomId, content: string): { message: RoomMessage; room: Room } {
    this.get(roomId);
    const members = this.repo.members(roomId);
    const agents = members.filter((m) => m.role === 'agent').map((m) => m.name);
    const moderator = members.find((m) => m.role === 'moderator');
    const mentioned = mentionedMembers(
      content,
      members.map((m) => m.name),
      agents,
    );
    const to = mentioned.length > 0 ? mentioned : moderator ? [moderator.name] : agents;
    const message = this.repo.tx(() => {
      this.repo.resetTurns(roomId);
      this.repo.setStatus(roomId, 'running', null);
      return this.repo.addMessage(roomId, { author: 'person', kind: 'person', content, to });
    });
    this.deps.publish({ type: 'room.message', roomId, message });
    try {
      this.ask(roomId, to);
    } catch (error) {
      // A full queue: what was sent stays sent; the room must not look busy with nothing on its way.
      if (this.repo.pendingPrompts(roomId).length === 0) this.repo.setStatus(roomId, 'idle', (error as Error).message);
      this.publishRoom(roomId);
      throw error;
    }
    if (to.length === 0) this.repo.setStatus(roomId, 'idle', 'Nobody is left in this room to answer.');
    return { message, room: this.publishRoom(roomId) };
  }

  /** Stops every member's running turn and drops the prompts the room queued for them; a new message runs it again. */
  stop(roomId: RoomId): Room {
    this.get(roomId);
    const pending = this.repo.pendingPrompts(roomId);
    this.repo.tx(() => {
      for (const p of pending) this.repo.setPromptState(p.promptId, 'stopped');
      this.repo.setStatus(roomId, 'stopped', 'You stopped the room. Send a message to go on.');
    });
    this.halt(
      pending,
      this.repo.members(roomId).map((m) => m.sessionId),
    );
    this.say(roomId, 'The person stopped the room: every running turn was stopped and what was queued was dropped.');
    return this.publishRoom(roomId);
  }

  /** Stops one member's turn and drops its queued room prompts; the others go on. */
  stopMember(roomId: RoomId, name: string): Room {
    this.get(roomId);
    const member = this.repo.members(roomId).find((m) => m.name.toLowerCase() === name.toLowerCase());
    if (!member) throw new NotFound(`The member "@${name}"`);
    const pending = this.repo.pendingPrompts(roomId).filter((p) => p.sessionId === member.sessionId);
    this.repo.tx(() => {
      for (const p of pending) this.repo.setPromptState(p.promptId, 'stopped');
    });
    this.halt(pending, [member.sessionId]);
    this.say(roomId, `The person stopped @${member.name}.`);
    this.settleRound(roomId);
    return this.publishRoom(roomId);
  }

  /** Forgets the room after stopping what it started; its members' sessions stay. */
  delete(roomId: RoomId): void {
    this.get(roomId);
    const pending = this.repo.pendingPrompts(roomId);
    const sessions = this.repo.members(roomId).map((m) => m.sessionId);
    this.repo.delete(roomId);
    this.halt(pending, sessions);
    this.deps.publish({ type: 'room.deleted', roomId });
  }

  exportMarkdown(roomId: RoomId): { room: Room; markdown: string } {
    const room = this.get(roomId);
    return { room, markdown: roomMarkdown(room, this.repo.messagesAfter(roomId, 0), new Date().toISOString()) };
  }

  // ---- reacting to the members' turns ----

  private onChange(change: SessionChange): void {
    if (change.type === 'conclusion.stored' || change.type === 'turn.settled') {
      const member = this.repo.memberBySession(change.sessionId);
      const turn = member ? this.repo.latestTurn(change.sessionId) : null;
      if (!member || !turn?.promptId) return;
      const promptId = turn.promptId;
      // Read now, while the turn that ended is still the session's newest; acted on after the change's other listeners.
      const end: TurnEnd =
        change.type === 'conclusion.stored' && change.entry
          ? { kind: 'answer', text: change.entry.content }
          : turn.status === 'interrupted'
            ? { kind: 'stopped' }
            : turn.status === 'failed'
              ? { kind: 'failed', error: turn.error }
              : { kind: 'silent' };
      queueMicrotask(() => this.safely(() => this.turnEnded(member, promptId, end)));
    } else if (change.type === 'session.deleted') {
      const pending = this.repo.pendingForSession(change.sessionId);
      if (pending.length > 0) queueMicrotask(() => this.safely(() => this.memberLeft(pending)));
    }
  }

  private turnEnded(member: StoredMember, promptId: PromptId, end: TurnEnd): void {
    const sent = this.repo.prompt(promptId);
    const room = this.repo.room(member.roomId);
    if (!sent || !room || sent.roomId !== room.id || sent.state === 'answered') return;
    const members = this.repo.members(room.id);
    const agents = members.filter((m) => m.role === 'agent').map((m) => m.name);
    const moderator = members.find((m) => m.role === 'moderator');
    const routes = sent.state !== 'stopped' && room.status !== 'stopped';

    if (end.kind === 'answer') {
      const done = member.role === 'moderator' && declaresDone(end.text);
      const to = member.role === 'moderator' ? (done ? [] : mentionedMembers(end.text, agents, agents)) : moderator ? [moderator.name] : [];
      this.repo.setPromptState(promptId, 'answered');
      const message = this.repo.addMessage(room.id, { author: member.name, kind: member.role, content: end.text, to });
      this.deps.publish({ type: 'room.message', roomId: room.id, message });
      if (!routes || room.status === 'done') return void this.publishRoom(room.id);
      if (member.role === 'agent') this.settleRound(room.id);
      else if (done) this.repo.setStatus(room.id, 'done', 'The moderator said the task is done.');
      else if (to.length > 0) this.askWithinLimit(room.id, to);
      else this.settleRound(room.id);
      return void this.publishRoom(room.id);
    }

    if (sent.state !== 'pending') return;
    this.repo.setPromptState(promptId, end.kind === 'silent' ? 'answered' : end.kind);
    const what =
      end.kind === 'failed'
        ? `The turn of @${member.name} failed${end.error ? `: ${end.error}` : '.'}`
        : end.kind === 'stopped'
          ? `The turn of @${member.name} was stopped before it answered.`
          : `@${member.name} finished its turn without an answer.`;
    this.say(room.id, what);
    if (routes && room.status !== 'done') this.settleRound(room.id);
    this.publishRoom(room.id);
  }

  /** A member's session was deleted: what the room asked of it will never be answered. */
  private memberLeft(pending: RoomPrompt[]): void {
    for (const p of pending) {
      this.repo.setPromptState(p.promptId, 'stopped');
      if (!this.repo.room(p.roomId)) continue;
      this.say(p.roomId, `@${p.member} left the room: its session was deleted.`);
      this.settleRound(p.roomId);
      this.publishRoom(p.roomId);
    }
  }

  /**
   * Once no member is working on a room prompt: the moderator (if any) gets the answers it has not seen; without
   * one, or with nothing new for it, the room waits for the person.
   */
  private settleRound(roomId: RoomId): void {
    const room = this.repo.room(roomId);
    if (room?.status !== 'running' || this.repo.pendingPrompts(roomId).length > 0) return;
    const moderator = this.repo.members(roomId).find((m) => m.role === 'moderator');
    const news = moderator ? this.newsFor(moderator).filter((m) => m.kind === 'agent' || m.kind === 'system') : [];
    if (moderator && news.length > 0) this.askWithinLimit(roomId, [moderator.name]);
    else this.repo.setStatus(roomId, 'idle', moderator ? 'The moderator is waiting for you.' : 'Every member has answered.');
  }

  /** Asks unless that would pass the room's turn limit; then the room stops and says so. */
  private askWithinLimit(roomId: RoomId, names: string[]): void {
    const room = this.repo.room(roomId);
    if (!room) return;
    if (room.turnsUsed + names.length > room.turnLimit) {
      const why = `Stopped after ${room.turnsUsed} turns: that is this room's turn limit. Send a message to go on.`;
      this.say(roomId, why);
      this.repo.setStatus(roomId, 'limit', why);
      return;
    }
    try {
      this.ask(roomId, names);
    } catch (error) {
      this.say(roomId, `Could not ask ${names.map((n) => `@${n}`).join(', ')}: ${(error as Error).message}`);
      this.repo.setStatus(roomId, 'idle', 'A member could not be asked; see the last message.');
    }
  }

  /** Queues one prompt per member: what is new to it since its last prompt, each message once and in room order. */
  private ask(roomId: RoomId, names: string[]): void {
    const room = this.get(roomId);
    const members = this.repo.members(roomId);
    for (const name of names) {
      const member = members.find((m) => m.name === name);
      if (!member) continue;
      const upTo = this.repo.lastSeq(roomId);
      const text = memberPrompt({ title: room.title, me: member, members, news: this.newsFor(member) });
      const prompt = this.deps.delivery.queue(member.sessionId, text);
      this.repo.tx(() => {
        this.repo.addPrompt({ promptId: prompt.id, roomId, sessionId: member.sessionId, member: member.name });
        this.repo.setSeen(roomId, member.name, upTo);
        this.repo.countTurns(roomId, 1);
      });
    }
  }

  /** Room messages after the member's cursor that it did not write itself. */
  private newsFor(member: StoredMember): RoomMessage[] {
    return this.repo
      .messagesAfter(member.roomId, member.seenSeq)
      .filter((m) => m.kind === 'person' || m.kind === 'system' || m.author !== member.name);
  }

  /** Drops the room's queued prompts and stops each given session's running turn (through Delivery). */
  private halt(prompts: RoomPrompt[], sessions: SessionId[]): void {
    const { delivery, drive, store } = this.deps;
    for (const p of prompts) {
      if (store.prompts.get(p.promptId)?.state !== 'queued') continue;
      try {
        delivery.deletePrompt(p.sessionId, p.promptId);
      } catch (error) {
        if (!(error instanceof PromptNotEditable)) throw error; // taken by its turn meanwhile: the stop below ends it
      }
    }
    for (const sessionId of new Set(sessions)) if (drive.isRunning(sessionId)) delivery.stop(sessionId);
  }

  /** A message from the room itself (a failure, a stop, the turn limit), shown and given to members as context. */
  private say(roomId: RoomId, content: string): void {
    const message = this.repo.addMessage(roomId, { author: 'room', kind: 'system', content, to: [] });
    this.deps.publish({ type: 'room.message', roomId, message });
  }

  private get(roomId: RoomId): Room {
    const room = this.repo.room(roomId);
    if (!room) throw new NotFound('That room');
    return room;
  }

  private publishRoom(roomId: RoomId): Room {
    const room = this.get(roomId);
    this.deps.publish({ type: 'room.upserted', roomId, room });
    return room;
  }

  private safely(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      (this.deps.log ?? ((line: string) => process.stderr.write(`${line}\n`)))(`Codex Pro Max rooms: ${(error as Error).message}`);
    }
  }
}
