// Holds the pushes that arrive while a snapshot loads, and hands them back in order to be replayed on top of it.
// Pushes are idempotent, so replaying one the snapshot already reflects is harmless; dropping one it missed is not.

/** Tickets of the loads in flight and the pushes held for them. No React, no I/O. */
export class SnapshotBuffer<P> {
  private readonly loading = new Set<number>();
  private held: P[] = [];
  private lastTicket = 0;

  /**
   * A load begins; returns its ticket. With `replacing`, loads still in flight are forgotten (their results are
   * stale) and so are the pushes held for them: the new request leaves after they arrived, so its snapshot has them.
   */
  begin(replacing = false): number {
    if (replacing) this.clear();
    this.lastTicket++;
    this.loading.add(this.lastTicket);
    return this.lastTicket;
  }

  /** Whether the load with `ticket` still counts: neither replaced nor cleared. */
  isCurrent(ticket: number): boolean {
    return this.loading.has(ticket);
  }

  /** Holds `push` when a load is in flight (true); otherwise the caller applies it now (false). */
  hold(push: P): boolean {
    if (this.loading.size === 0) return false;
    this.held.push(push);
    return true;
  }

  /**
   * The load with `ticket` ended, landed or failed. Returns the held pushes, oldest first, once no load is left in
   * flight; until then (or for a ticket that no longer counts) it returns none and keeps holding.
   */
  end(ticket: number): P[] {
    if (!this.loading.delete(ticket) || this.loading.size > 0) return [];
    const held = this.held;
    this.held = [];
    return held;
  }

  /** Forgets every load and every held push (the view went away). */
  clear(): void {
    this.loading.clear();
    this.held = [];
  }
}
