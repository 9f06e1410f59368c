/** Store factory: no connection is made at import time. */
import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from './schema/index.ts'

export type Db = PostgresJsDatabase<typeof schema>
/** A transaction handle has the same query surface as the database. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
export type DbOrTx = Db | Tx

export interface Store {
  db: Db
  sql: postgres.Sql
  close: () => Promise<void>
}

export function createStore (url: string, options: { max?: number } = {}): Store {
  const sql = postgres(url, { max: options.max ?? 10, onnotice: () => {}, connect_timeout: 5 })
  const db = drizzle(sql, { schema })
  return { db, sql, close: () => sql.end({ timeout: 5 }) }
}
