// A typed listener set. Unlike EventEmitter, a listener that throws is logged and skipped, so one bad subscriber
// cannot break the socket's message loop or keep the others from hearing an event.

export class Listeners<Events extends object> {
  private readonly map = new Map<keyof Events, Set<(event: never) => void>>();

  constructor(private readonly log: (message: string) => void) {}

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof Events>(name: K, listener: (event: Events[K]) => void): () => void {
    let set = this.map.get(name);
    if (!set) {
      set = new Set();
      this.map.set(name, set);
    }
    set.add(listener as (event: never) => void);
    return () => {
      set.delete(listener as (event: never) => void);
    };
  }

  emit<K extends keyof Events>(name: K, event: Events[K]): void {
    for (const listener of [...(this.map.get(name) ?? [])]) {
      try {
        (listener as (event: Events[K]) => void)(event);
      } catch (error) {
        this.log(`codex app-server: a "${String(name)}" listener threw: ${(error as Error).stack ?? error}`);
      }
    }
  }
}
