import 'server-only';
import type { Database } from './client';

/**
 * A statement built once per database handle and then only executed: drizzle does not build its SQL again, and
 * node-postgres sends it as a named statement, parsed and planned once per connection. Values go in through
 * `sql.placeholder(name)`; the statement's name must be unique.
 */
export function preparedOnce<T>(build: (db: Database) => T): (db: Database) => T {
  const built = new WeakMap<Database, T>();
  return (db) => {
    let statement = built.get(db);
    if (statement === undefined) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement;
  };
}
