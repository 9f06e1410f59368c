/**
 * Child process of the reminders bench: runs the daily planning pass exactly as the worker's `reminders-plan` handler
 * does (planReminders), at a fixed time, and prints its duration and this process's peak memory as one JSON line.
 * Usage: tsx scripts/bench/_reminders-planner.ts DATABASE_URL NOW_ISO
 */
import { pino } from 'pino'
import { loadConfig } from '../../src/config.ts'
import { createStore } from '../../src/db/client.ts'
import type { AppContext } from '../../src/services/context.ts'
import { planReminders } from '../../src/services/reminders.ts'

const [url, nowIso] = process.argv.slice(2)
const store = createStore(url!, { max: 1 })
const now = new Date(nowIso!)
const ctx = { db: store.db, config: loadConfig({ DATABASE_URL: url }), clock: { now: () => now }, logger: pino({ level: 'silent' }) } as unknown as AppContext
const started = performance.now()
const planned = await planReminders(ctx)
const ms = performance.now() - started
await store.close()
process.stdout.write(`${JSON.stringify({ ms, planned, maxRssKb: process.resourceUsage().maxRSS })}\n`)
