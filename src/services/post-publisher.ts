/**
 * The post job: one planned slot of one group goes out (SPEC 3.2). It claims the row and stages the outbox send in
 * the same transaction, so the governor releases it like every other message.
 *
 * Crash semantics: the claim (planned -> posted) and the outbox row commit together. A crash before the commit
 * leaves the slot planned and nothing staged: the retry posts it. A crash after the commit leaves it posted with its
 * outbox row: the retry finds it posted and does nothing, and a lost send job is re-added by the outbox sweep. Run
 * twice, one post: the claim is a conditional update on a locked row, and the outbox key is post-<row id>.
 */
import { sql } from 'drizzle-orm'
import { emptyKinds, getPost, lockPostForPublish, markPosted, markSkipped, movePost } from '../db/queries/content.ts'
import { lockPlanner, refillEmpty } from '../db/queries/post-planning.ts'
import { decidePost, spreadOffsetSeconds } from '../domain/content-calendar.ts'
import { LIVE_STATUSES } from '../domain/campaigns.ts'
import { validFor } from '../domain/content-items.ts'
import { shortDate, shortDateTime } from '../domain/time.ts'
import { stageAlerts } from './alerts.ts'
import { fanOut, spreadSecondsOf } from './content-calendar.ts'
import type { AppContext } from './context.ts'
import { dispatch, stageAction, type Staged } from './outbox.ts'

export async function publishPost (ctx: AppContext, postId: number, dueAt: number): Promise<void> {
  const sends: Staged[] = []
  let moved = await lastChance(ctx, postId, dueAt)
  await ctx.db.transaction(async (tx) => {
    const row = await lockPostForPublish(tx, postId)
    // A slot moved since this job was queued has a job for its new time; this one is stale.
    if (!row || row.post.status !== 'planned' || row.post.dueAt.getTime() !== dueAt) return
    const { post, group, item, campaign } = row
    const now = ctx.clock.now()
    const decision = decidePost({
      day: post.day, now, timeZone: group.timezone, groupActive: group.active,
      source: campaign ? 'campaign' : item ? 'item' : 'none',
      // A job that runs late (an outage) does not post an item whose validity ended in the meantime.
      sourceUsable: campaign ? LIVE_STATUSES.includes(campaign.status) && campaign.endsAt > now : item !== null && item.retiredAt === null && validFor(item, post.day, now),
    })
    switch (decision.kind) {
      case 'later': {
        const at = new Date(decision.at.getTime() + spreadOffsetSeconds(group.id, ctx.config.POST_SPREAD_MS) * 1000)
        moved = await movePost(tx, post.id, at)
        return
      }
      case 'skip': {
        await markSkipped(tx, post.id, decision.reason, null)
        ctx.logger.info({ groupId: group.id, day: post.day, kind: post.kind, reason: decision.reason }, 'post skipped')
        if (decision.reason === 'no-item') {
          // Once per group and day, whichever empty slot comes first: the key holds for the day's second slot too.
          const kinds = await emptyKinds(tx, group.id, post.day)
          const date = shortDate(post.dueAt, group.timezone)
          sends.push(...await stageAlerts(ctx, tx, group.id, (m) => m.noContentAlert({ topic: group.topic, date, kinds }), `alert-no-content-${group.id}-${post.day}`))
        }
        return
      }
      case 'post': {
        const m = ctx.messages
        const text = campaign
          ? m.campaignPost({
            kind: campaign.kind, name: campaign.name, text: campaign.text, linkUrl: campaign.linkUrl, imageUrl: campaign.imageUrl,
            endsText: shortDateTime(campaign.endsAt, group.timezone), keyword: campaign.keyword, winners: campaign.winners, prize: campaign.prize, groupSize: campaign.groupSize,
          })
          : m.itemPost({ text: item!.text, imageUrl: item!.imageUrl, linkUrl: item!.linkUrl })
        const staged = await stageAction(ctx, tx, { kind: 'text', purpose: `${post.kind}-post`, idemKey: `post-${post.id}`, groupId: group.id, text })
        await markPosted(tx, post.id, staged?.outboxId ?? null, now)
        if (staged) sends.push(staged)
      }
    }
  })
  for (const s of sends) await dispatch(ctx, s)
  if (moved) await fanOut(ctx)
}

/**
 * A slot planned with nothing may have something now (an item freed or added since the plan): pick it at the last
 * moment, under the planner lock and before the slot's row is locked (the order every re-plan takes). True when
 * the pick moved the slot to another time (a campaign's), so this job is stale and a new one must be queued.
 */
async function lastChance (ctx: AppContext, postId: number, dueAt: number): Promise<boolean> {
  const post = await getPost(ctx.db, postId)
  if (!post || post.status !== 'planned' || post.dueAt.getTime() !== dueAt || post.itemId !== null || post.campaignId !== null) return false
  const [refilled] = await ctx.db.transaction(async (tx) => {
    await lockPlanner(tx)
    return refillEmpty(tx, { now: ctx.clock.now(), spreadSeconds: spreadSecondsOf(ctx), where: sql`cur.id = ${postId}` })
  })
  return refilled !== undefined && refilled.dueAt.getTime() !== dueAt
}
