/** Worker entry: one BullMQ worker per queue, dispatching by job name through the registry. */
import { UnrecoverableError, Worker, type Job } from 'bullmq'
import type { Redis } from 'ioredis'
import type { Logger } from '../logger.ts'
import { jobPayloads, type JobName } from './contracts.ts'
import type { JobRegistry } from './registry.ts'

export interface WorkerOptions {
  queueName: string
  connection: Redis
  prefix: string
  concurrency: number
  registry: JobRegistry
  logger: Logger
}

/**
 * Starts a worker and resolves once its blocking connection is ready. A worker closed while that connection is still
 * being set up (a SIGTERM right after start) has it fail with nobody listening, which crashes the process
 * (bullmq 5.81), so startup waits for it.
 */
export async function startWorker (opts: WorkerOptions): Promise<Worker> {
  const { registry, logger } = opts
  const processor = async (job: Job): Promise<void> => {
    const name = job.name as JobName
    const schema = jobPayloads[name]
    if (!schema) throw new UnrecoverableError(`unknown job ${job.name}`)
    const parsed = schema.safeParse(job.data)
    // A payload that does not match its contract will not match on a retry either.
    if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${name}: ${parsed.error.message}`)
    await registry.handler(name)(parsed.data as never, { jobId: job.id ?? '', attempt: job.attemptsMade + 1 })
  }
  const worker = new Worker(opts.queueName, processor, {
    connection: opts.connection,
    prefix: opts.prefix,
    concurrency: opts.concurrency,
    autorun: true,
  })
  const ready = new Promise<void>((resolve) => worker.once('ready', () => resolve()))
  worker.on('failed', (job, err) => {
    logger.warn({ queue: opts.queueName, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed')
  })
  worker.on('error', (err) => logger.error({ queue: opts.queueName, err: err.message }, 'worker error'))
  await ready
  return worker
}
