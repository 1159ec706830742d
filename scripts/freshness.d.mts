/** The newest mtime (ms) of `path` and everything under it, skipping tests and dependencies; 0 when missing. */
export function newestMtime(path: string): number;
