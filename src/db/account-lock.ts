/**
 * One bot process per chat account: its puppet and its send governor assume they are alone. A session-level
 * advisory lock on a connection of its own holds for the life of the process and dies with it.
 */
import postgres from 'postgres'

export class AccountInUse extends Error {
  constructor (account: string) {
    super(`another bot process is already running account "${account}"; stop it first or set BOT_ACCOUNT`)
    this.name = 'AccountInUse'
  }
}

export async function lockAccount (url: string, account: string): Promise<{ release: () => Promise<void> }> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5, idle_timeout: 0 })
  const key = `qunbot-bot:${account}`
  const [row] = await sql<Array<{ ok: boolean }>>`select pg_try_advisory_lock(hashtext(${key})) as ok`
  if (!row?.ok) {
    await sql.end({ timeout: 1 })
    throw new AccountInUse(account)
  }
  return { release: async () => { await sql.end({ timeout: 5 }) } }
}
