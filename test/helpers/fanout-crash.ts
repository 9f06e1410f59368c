/**
 * Child process for the crash test: runs the planning pass against DATABASE_URL / QUEUE_PREFIX with the clock at
 * CLOCK_START, and kills itself (SIGKILL, no cleanup) once KILL_AFTER post jobs of the fan-out are in Redis, before
 * the rows are marked queued: a worker dying in the middle of a fan-out.
 */
import { planningPass } from '../../src/services/content-calendar.ts'
import { calendarApp, clockFrom } from './calendar-app.ts'

const killAfter = Number(process.env.KILL_AFTER)
const app = await calendarApp({
  databaseUrl: process.env.DATABASE_URL!,
  prefix: process.env.QUEUE_PREFIX!,
  clock: clockFrom(new Date(process.env.CLOCK_START!)),
  workers: false,
  wrapTimers: (timers) => ({
    ...timers,
    scheduleMany: async (requests) => {
      await timers.scheduleMany(requests.slice(0, killAfter))
      process.kill(process.pid, 'SIGKILL')
      await new Promise(() => {})
    },
  }),
})
await planningPass(app.ctx)
process.stdout.write('the fan-out finished without dying\n')
process.exit(3)
