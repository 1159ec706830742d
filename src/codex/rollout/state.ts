// Live view of one rollout: usage and the latest turn's activity, kept current by tailing the file.
// Opening reads backwards to the latest turn start; each refresh reads only what was appended.
import type { ActivityItem, ActivitySnapshot, TurnInfo, UsageSnapshot } from '../../shared/rollout.js';
import { findLatestTurnStart, findUsageBefore } from './locate.js';
import { decodeLine, type LineFilter, liveFilter } from './reader.js';
import { newStats, type RecordStats } from './records.js';
import { RolloutTail } from './tail.js';
import { type Turn, TurnTracker, turnInfo } from './turn.js';
import { UsageTracker } from './usage.js';

export interface RolloutChanges {
  usage: UsageSnapshot | null;
  /** Activity per turn, in order; a turn key not seen before means a new turn began. */
  activity: { turn: TurnInfo; items: ActivityItem[] }[];
  reset: boolean;
}

export class RolloutState {
  readonly stats: RecordStats = newStats();
  private usage = new UsageTracker();
  private turns!: TurnTracker;
  private tail: RolloutTail;
  private pending: RolloutChanges['activity'] = [];
  private keep: LineFilter = liveFilter();

  private constructor(readonly path: string) {
    this.tail = new RolloutTail(path);
    this.resetTrackers();
  }

  /** Reads the file's session header and its latest turn. */
  static async open(path: string): Promise<RolloutState> {
    const state = new RolloutState(path);
    await state.load();
    return state;
  }

  private resetTrackers(): void {
    this.usage = new UsageTracker();
    this.keep = liveFilter();
    this.turns = new TurnTracker({
      onTurnOpened: (turn: Turn) => this.usage.startTurn(turn.startedAt),
      onActivity: (turn: Turn, items: ActivityItem[]) => {
        const last = this.pending.at(-1);
        if (last && last.turn.key === turn.key) {
          last.turn = turnInfo(turn);
          last.items.push(...items);
        } else this.pending.push({ turn: turnInfo(turn), items: [...items] });
      },
    });
  }

  private async load(): Promise<void> {
    await this.tail.pin();
    // The first line (session_meta) says which format the file uses.
    this.tail.offset = 0;
    await this.tail.poll((buf, s, e, offset) => {
      this.feed(buf, s, e, offset);
      return false;
    });
    const start = await findLatestTurnStart(this.path);
    if (start > this.tail.offset) {
      this.usage.seed(await findUsageBefore(this.path, start));
      this.tail.offset = start;
    }
    await this.tail.poll((buf, s, e, offset) => this.feed(buf, s, e, offset));
    this.pending = [];
  }

  private feed(buf: Buffer, s: number, e: number, offset: number): void {
    for (const ev of decodeLine(buf, s, e, offset, this.stats, this.keep)) {
      this.usage.apply(ev);
      this.turns.apply(ev);
    }
  }

  /** Reads what was appended since the last call and says what changed. */
  async refresh(): Promise<RolloutChanges> {
    const before = JSON.stringify(this.usage.snapshot());
    let result = await this.tail.poll((buf, s, e, offset) => this.feed(buf, s, e, offset));
    let reset = false;
    if (result === 'reset') {
      reset = true;
      this.resetTrackers();
      await this.load();
      result = 'appended';
    }
    const usage = this.usage.snapshot();
    const activity = this.pending;
    this.pending = [];
    if (reset && this.turns.current) activity.unshift({ turn: turnInfo(this.turns.current), items: [...this.turns.current.activity] });
    return { usage: reset || JSON.stringify(usage) !== before ? usage : null, activity, reset };
  }

  usageSnapshot(): UsageSnapshot {
    return this.usage.snapshot();
  }

  activitySnapshot(): ActivitySnapshot {
    const turn = this.turns.current;
    if (!turn) return { turn: null, items: [] };
    // A later item with the same id (a newer plan) replaces the earlier one in place.
    const byId = new Map<string, ActivityItem>();
    for (const item of turn.activity) byId.set(item.id, item);
    return { turn: turnInfo(turn), items: [...byId.values()] };
  }
}
