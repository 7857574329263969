import type { PGlite, QueryOptions, Results, Transaction } from '@electric-sql/pglite';

/*
 * drizzle-orm's PGlite driver passes `parsers` on every query (timestamps, dates, intervals and their arrays as raw
 * text), and PGlite then merges them into its ~300 default parsers (a dictionary object spread) on every query:
 * ~60 µs and a few KB of garbage per statement, a quarter of the server's allocations while an experiment runs. The
 * same raw-text parsers are installed once on the instance instead, and a query whose parsers are all those drops
 * them, so PGlite reads its (now equal) defaults without the merge. Results are the same.
 */
const RAW_TEXT_TYPE_OIDS = [1114, 1184, 1186, 1082, 1231, 1115, 1185, 1187, 1182];
const rawText = (value: string) => value;

export function withSharedParsers(client: PGlite): PGlite {
  for (const oid of RAW_TEXT_TYPE_OIDS) client.parsers[oid] = rawText;
  const query = client.query.bind(client);
  const transaction = client.transaction.bind(client);
  client.query = <T>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>> => query<T>(sql, params, shared(client, options));
  client.transaction = <T>(callback: (tx: Transaction) => Promise<T>): Promise<T> =>
    transaction((tx) => {
      const txQuery = tx.query;
      tx.query = <R>(sql: string, params?: unknown[], options?: QueryOptions): Promise<Results<R>> => txQuery<R>(sql, params, shared(client, options));
      return callback(tx);
    });
  return client;
}

// Drops `parsers` only when the instance already has each of them as the raw-text parser (else passes them through).
function shared(client: PGlite, options: QueryOptions | undefined): QueryOptions | undefined {
  const parsers = options?.parsers;
  if (!parsers) return options;
  for (const oid of Object.keys(parsers)) if (client.parsers[oid] !== rawText) return options;
  const { parsers: _dropped, ...rest } = options;
  return rest;
}
