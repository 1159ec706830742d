// Each SQL text prepared once per connection, for any better-sqlite3 connection: the store's and History's.
import type Database from 'better-sqlite3';

/** Runs one SQL text against the connection, compiled once: `sql('SELECT …').get(…)`. */
export type Sql = (text: string) => Database.Statement;

// Compiling a statement cost more than running it (a fifth of busy time under load), so each text is prepared once
// per connection. Every SQL text is a literal or one of a few shapes (History's filters), so the map stays small.
const compiled = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** The statement cache of `db`, shared by everything that queries that connection (the store's repos, History's). */
export function statements(db: Database.Database): Sql {
  let cache = compiled.get(db);
  if (!cache) {
    cache = new Map();
    compiled.set(db, cache);
  }
  const known = cache;
  return (text) => {
    let statement = known.get(text);
    if (!statement) {
      statement = db.prepare(text);
      known.set(text, statement);
    }
    return statement;
  };
}
