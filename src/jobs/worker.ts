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

export function startWorker (opts: WorkerOptions): Worker {
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
  worker.on('failed', (job, err) => {
    logger.warn({ queue: opts.queueName, job: job?.name, jobId: job?.id, attempt: job?.attemptsMade, err: err.message }, 'job failed')
  })
  worker.on('error', (err) => logger.error({ queue: opts.queueName, err: err.message }, 'worker error'))
  return worker
}
