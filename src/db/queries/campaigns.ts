/** Campaigns, the groups they run in, lottery entries and group-buy joins. Every state change is conditional. */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, lte, sql, type SQL } from 'drizzle-orm'
import type { DbOrTx } from '../client.ts'
import { campaignGroups, campaigns, contacts, groupBuyJoins, groups, lotteryEntries, staffMembers } from '../schema/index.ts'

export type Campaign = typeof campaigns.$inferSelect
export type NewCampaign = typeof campaigns.$inferInsert
export type CampaignGroup = typeof campaignGroups.$inferSelect

const LIVE = ['approved', 'scheduled', 'running'] as const

/** A new draft; null when its request created one before (campaigns_request_key). */
export async function insertCampaign (db: DbOrTx, values: NewCampaign): Promise<Campaign | null> {
  // exactly-once: campaigns_request_key; the same chat message or API request creates one campaign
  const rows = await db.insert(campaigns).values(values).onConflictDoNothing({ target: campaigns.requestKey }).returning()
  return rows[0] ?? null
}

export async function campaignByRequest (db: DbOrTx, requestKey: string): Promise<Campaign | null> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.requestKey, requestKey))
  return row ?? null
}

export async function getCampaign (db: DbOrTx, id: number): Promise<Campaign | null> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, id))
  return row ?? null
}

/** Campaigns not finished (or every one when `all`), soonest first. */
export async function listCampaigns (db: DbOrTx, opts: { all: boolean, limit: number }): Promise<Campaign[]> {
  return db.select().from(campaigns)
    .where(opts.all ? undefined : inArray(campaigns.status, ['draft', ...LIVE]))
    .orderBy(asc(campaigns.startsAt), asc(campaigns.id)).limit(opts.limit)
}

/** Conditional update draft -> approved, only while its window is not over. */
export async function approveDraft (db: DbOrTx, id: number, by: { contactId: number | null, via: string }, now: Date): Promise<Campaign | null> {
  const [row] = await db.update(campaigns).set({ status: 'approved', approvedBy: by.contactId, approvedVia: by.via, approvedAt: now })
    .where(and(eq(campaigns.id, id), eq(campaigns.status, 'draft'), sql`${campaigns.endsAt} > ${now.toISOString()}::timestamptz`)).returning()
  return row ?? null
}

/** Conditional update: cancelled until it runs (a draft at any time; approved or scheduled before its start). */
export async function cancelCampaign (db: DbOrTx, id: number, now: Date): Promise<Campaign | null> {
  const [row] = await db.update(campaigns).set({ status: 'cancelled', cancelledAt: now })
    .where(and(eq(campaigns.id, id), sql`(${campaigns.status} = 'draft' or (${campaigns.status} in ('approved', 'scheduled') and ${campaigns.startsAt} > ${now.toISOString()}::timestamptz))`))
    .returning()
  return row ?? null
}

/** Conditional update approved/scheduled -> running once its window has begun. */
export async function startCampaign (db: DbOrTx, id: number, now: Date): Promise<Campaign | null> {
  const [row] = await db.update(campaigns).set({ status: 'running', startedAt: now })
    .where(and(eq(campaigns.id, id), inArray(campaigns.status, ['approved', 'scheduled']), lte(campaigns.startsAt, now))).returning()
  return row ?? null
}

/** Conditional update live -> done once its window is over: the end's effects happen exactly once. */
export async function finishCampaign (db: DbOrTx, id: number, now: Date, drawSeed: number | null): Promise<Campaign | null> {
  const [row] = await db.update(campaigns).set({ status: 'done', endedAt: now, drawSeed })
    .where(and(eq(campaigns.id, id), inArray(campaigns.status, [...LIVE]), lte(campaigns.endsAt, now))).returning()
  return row ?? null
}

const HOLDS_SLOT = sql`c.status = 'approved' and exists (select 1 from posts p where p.campaign_id = c.id and p.status in ('planned', 'posted'))`

/** Approved campaigns that now hold a planned slot become scheduled. */
export async function markScheduled (db: DbOrTx): Promise<void> {
  await db.execute(sql`update campaigns c set status = 'scheduled' where ${HOLDS_SLOT}`)
}

/** SQL: is some approved campaign holding a slot (markScheduled has work)? */
export const unmarkedScheduled: SQL = sql`exists (select 1 from campaigns c where ${HOLDS_SLOT})`

/**
 * The (campaign, group) pairs a live campaign targets (all, by tags: the group's region or one of its interests is
 * a tag, or a list) among the active groups, that it does not have yet; `campaignId` limits it to one campaign.
 */
function missingTargets (now: Date, campaignId: number | null): SQL {
  return sql`
    from campaigns c join groups g on g.active
    where c.status in ('approved', 'scheduled', 'running') and c.ends_at > ${now.toISOString()}::timestamptz
      ${campaignId === null ? sql`` : sql`and c.id = ${campaignId}`}
      and (c.target_kind = 'all'
        or (c.target_kind = 'tags' and (g.region = any(c.target_tags) or g.interests && c.target_tags))
        or (c.target_kind = 'list' and g.id = any(c.target_group_ids)))
      and not exists (select 1 from campaign_groups cg where cg.campaign_id = c.id and cg.group_id = g.id)`
}

/** Adds the groups a live campaign targets and does not have yet (`missingTargets`). Set-based, idempotent. */
export async function addTargetGroups (db: DbOrTx, now: Date, campaignId: number | null): Promise<number> {
  const rows = await db.execute(sql`
    insert into campaign_groups (campaign_id, group_id, added_at)
    select c.id, g.id, ${now.toISOString()}::timestamptz
    ${missingTargets(now, campaignId)}
    -- exactly-once: campaign_groups_pkey
    on conflict do nothing
    returning group_id`)
  return rows.length
}

/** SQL: does some live campaign lack a group it targets (addTargetGroups has work)? */
export function targetsMissing (now: Date): SQL {
  return sql`exists (select 1 ${missingTargets(now, null)})`
}

export async function campaignGroupIds (db: DbOrTx, campaignId: number): Promise<number[]> {
  const rows = await db.select({ groupId: campaignGroups.groupId }).from(campaignGroups).where(eq(campaignGroups.campaignId, campaignId)).orderBy(campaignGroups.groupId)
  return rows.map((r) => r.groupId)
}

/** The live campaign of a kind running in a group at `now` (highest priority first). */
export async function runningCampaignIn (db: DbOrTx, groupId: number, kind: Campaign['kind'], now: Date): Promise<Campaign | null> {
  const [row] = await db.select({ c: campaigns }).from(campaigns)
    .innerJoin(campaignGroups, and(eq(campaignGroups.campaignId, campaigns.id), eq(campaignGroups.groupId, groupId)))
    .where(and(eq(campaigns.kind, kind), inArray(campaigns.status, [...LIVE]), lte(campaigns.startsAt, now), sql`${campaigns.endsAt} > ${now.toISOString()}::timestamptz`))
    .orderBy(desc(campaigns.priority), asc(campaigns.startsAt), asc(campaigns.id)).limit(1)
  return row?.c ?? null
}

/** Lotteries taking entries in a group at `now`. */
export async function openLotteries (db: DbOrTx, groupId: number, now: Date): Promise<Campaign[]> {
  const rows = await db.select({ c: campaigns }).from(campaigns)
    .innerJoin(campaignGroups, and(eq(campaignGroups.campaignId, campaigns.id), eq(campaignGroups.groupId, groupId)))
    .where(and(eq(campaigns.kind, 'lottery'), inArray(campaigns.status, [...LIVE]), lte(campaigns.startsAt, now), sql`${campaigns.endsAt} > ${now.toISOString()}::timestamptz`))
    .orderBy(asc(campaigns.id))
  return rows.map((r) => r.c)
}

export async function isStaff (db: DbOrTx, contactId: number): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(staffMembers).where(eq(staffMembers.contactId, contactId))
  return (row?.n ?? 0) > 0
}

/** One entry per person and lottery (lottery_entries_campaign_contact_key); null when they entered before. */
export async function insertEntry (db: DbOrTx, values: typeof lotteryEntries.$inferInsert): Promise<number | null> {
  const rows = await db.insert(lotteryEntries).values(values).onConflictDoNothing().returning({ id: lotteryEntries.id })
  return rows[0]?.id ?? null
}

export async function entriesOf (db: DbOrTx, campaignId: number): Promise<Array<{ id: number, contactId: number, groupId: number }>> {
  return db.select({ id: lotteryEntries.id, contactId: lotteryEntries.contactId, groupId: lotteryEntries.groupId }).from(lotteryEntries)
    .where(eq(lotteryEntries.campaignId, campaignId)).orderBy(asc(lotteryEntries.id))
}

/** Conditional update: an entry is ranked once (and lottery_entries_campaign_rank_key keeps ranks unique). */
export async function rankEntry (db: DbOrTx, entryId: number, rank: number): Promise<void> {
  await db.update(lotteryEntries).set({ rank }).where(and(eq(lotteryEntries.id, entryId), isNull(lotteryEntries.rank)))
}

/** The winners of a lottery in a group, in rank order, with names (for the announcement). */
export async function winnersIn (db: DbOrTx, campaignId: number, groupId: number | null): Promise<Array<{ contactId: number, rank: number, name: string | null }>> {
  const rows = await db.select({ contactId: lotteryEntries.contactId, rank: lotteryEntries.rank, name: contacts.displayName }).from(lotteryEntries)
    .innerJoin(contacts, eq(contacts.id, lotteryEntries.contactId))
    .where(and(eq(lotteryEntries.campaignId, campaignId), isNotNull(lotteryEntries.rank), groupId === null ? undefined : eq(lotteryEntries.groupId, groupId)))
    .orderBy(asc(lotteryEntries.rank))
  return rows.map((r) => ({ contactId: r.contactId, rank: r.rank!, name: r.name }))
}

/** Locks a group's team of a group-buy, so joins are counted one after another. */
export async function lockTeam (db: DbOrTx, campaignId: number, groupId: number): Promise<CampaignGroup | null> {
  const [row] = await db.select().from(campaignGroups)
    .where(and(eq(campaignGroups.campaignId, campaignId), eq(campaignGroups.groupId, groupId))).for('update')
  return row ?? null
}

/** One join per person and group-buy (group_buy_joins_campaign_contact_key); null when they joined before. */
export async function insertJoin (db: DbOrTx, values: typeof groupBuyJoins.$inferInsert): Promise<number | null> {
  const rows = await db.insert(groupBuyJoins).values(values).onConflictDoNothing().returning({ id: groupBuyJoins.id })
  return rows[0]?.id ?? null
}

export async function teamMembers (db: DbOrTx, campaignId: number, groupId: number): Promise<number[]> {
  const rows = await db.select({ contactId: groupBuyJoins.contactId }).from(groupBuyJoins)
    .where(and(eq(groupBuyJoins.campaignId, campaignId), eq(groupBuyJoins.groupId, groupId))).orderBy(asc(groupBuyJoins.id))
  return rows.map((r) => r.contactId)
}

export async function joinCount (db: DbOrTx, campaignId: number): Promise<number> {
  const [row] = await db.select({ n: count() }).from(groupBuyJoins).where(eq(groupBuyJoins.campaignId, campaignId))
  return row?.n ?? 0
}

/** Conditional update: a team forms once. */
export async function formTeam (db: DbOrTx, campaignId: number, groupId: number, now: Date): Promise<boolean> {
  const rows = await db.update(campaignGroups).set({ formedAt: now, outcome: 'formed' })
    .where(and(eq(campaignGroups.campaignId, campaignId), eq(campaignGroups.groupId, groupId), isNull(campaignGroups.formedAt)))
    .returning({ groupId: campaignGroups.groupId })
  return rows.length > 0
}

/** Per group of a campaign: its timezone, and how many entered (lottery) or joined (group-buy). */
export async function campaignGroupTallies (db: DbOrTx, campaignId: number): Promise<Array<{ groupId: number, timezone: string, formed: boolean, entries: number, joins: number }>> {
  const rows = await db.execute(sql`
    select cg.group_id, g.timezone, cg.formed_at is not null as formed,
      (select count(*) from lottery_entries e where e.campaign_id = cg.campaign_id and e.group_id = cg.group_id)::int as entries,
      (select count(*) from group_buy_joins j where j.campaign_id = cg.campaign_id and j.group_id = cg.group_id)::int as joins
    from campaign_groups cg join groups g on g.id = cg.group_id
    where cg.campaign_id = ${campaignId} order by cg.group_id`)
  return rows.map((r) => ({ groupId: Number(r.group_id), timezone: String(r.timezone), formed: r.formed === true, entries: Number(r.entries), joins: Number(r.joins) }))
}

/** Sets the outcome and the time the result may be posted, for groups that have something to announce. */
export async function setOutcomes (db: DbOrTx, campaignId: number, rows: ReadonlyArray<{ groupId: number, outcome: 'failed' | 'drawn', announceAt: Date }>): Promise<void> {
  if (rows.length === 0) return
  // Timestamps travel as text: the driver serializes no timestamptz[] parameter.
  await db.execute(sql`
    update campaign_groups cg set outcome = q.outcome, announce_due_at = q.announce_at
    from unnest(${sql.param(rows.map((r) => r.groupId))}::bigint[], ${sql.param(rows.map((r) => r.outcome))}::text[], (${sql.param(rows.map((r) => r.announceAt.toISOString()))}::text[])::timestamptz[]) as q(group_id, outcome, announce_at)
    where cg.campaign_id = ${campaignId} and cg.group_id = q.group_id and cg.announce_due_at is null`)
}

/** Conditional update: a group's result is announced once. */
export async function claimAnnouncement (db: DbOrTx, campaignId: number, groupId: number, now: Date): Promise<CampaignGroup | null> {
  const [row] = await db.update(campaignGroups).set({ announcedAt: now })
    .where(and(eq(campaignGroups.campaignId, campaignId), eq(campaignGroups.groupId, groupId), isNull(campaignGroups.announcedAt), isNotNull(campaignGroups.announceDueAt)))
    .returning()
  return row ?? null
}

/** Moves a result not yet announced to a later time (it came due in quiet hours); false when already announced. */
export async function postponeAnnouncement (db: DbOrTx, campaignId: number, groupId: number, at: Date): Promise<boolean> {
  const rows = await db.update(campaignGroups).set({ announceDueAt: at })
    .where(and(eq(campaignGroups.campaignId, campaignId), eq(campaignGroups.groupId, groupId), isNull(campaignGroups.announcedAt)))
    .returning({ groupId: campaignGroups.groupId })
  return rows.length > 0
}

/** Announcements due, not yet made: for the fan-out after a campaign ends, and for the sweep of lost jobs. */
export async function pendingAnnouncements (db: DbOrTx, opts: { campaignId?: number, dueBefore?: Date }): Promise<Array<{ campaignId: number, groupId: number, dueAt: Date }>> {
  const rows = await db.select({ campaignId: campaignGroups.campaignId, groupId: campaignGroups.groupId, dueAt: campaignGroups.announceDueAt }).from(campaignGroups)
    .where(and(isNull(campaignGroups.announcedAt), isNotNull(campaignGroups.announceDueAt),
      opts.campaignId === undefined ? undefined : eq(campaignGroups.campaignId, opts.campaignId),
      opts.dueBefore === undefined ? undefined : lte(campaignGroups.announceDueAt, opts.dueBefore)))
    .orderBy(asc(campaignGroups.announceDueAt), asc(campaignGroups.groupId)).limit(10_000)
  return rows.map((r) => ({ campaignId: r.campaignId, groupId: r.groupId, dueAt: r.dueAt! }))
}

/** Live campaigns whose start (or end) passed before `before`, still not started (or ended): their job was lost. */
const startOverdue = (before: Date): SQL => sql`${campaigns.status} in ('approved', 'scheduled') and ${campaigns.startsAt} <= ${before.toISOString()}::timestamptz`
const endOverdue = (before: Date): SQL => sql`${campaigns.status} in ('approved', 'scheduled', 'running') and ${campaigns.endsAt} <= ${before.toISOString()}::timestamptz`

/** Live campaigns whose start or end has passed without their job (lost, or failed for good): for the sweep. */
export async function overdueCampaigns (db: DbOrTx, before: Date): Promise<{ starts: number[], ends: number[] }> {
  const starts = await db.select({ id: campaigns.id }).from(campaigns).where(startOverdue(before))
  const ends = await db.select({ id: campaigns.id }).from(campaigns).where(endOverdue(before))
  return { starts: starts.map((r) => r.id), ends: ends.map((r) => r.id) }
}

/** SQL: has the campaign part of the sweep anything to heal (overdueCampaigns, or pendingAnnouncements due)? */
export function campaignSweepNeeded (before: Date): SQL {
  return sql`(exists (select 1 from ${campaigns} where ${startOverdue(before)} or ${endOverdue(before)})
    or exists (select 1 from ${campaignGroups} where ${campaignGroups.announcedAt} is null and ${campaignGroups.announceDueAt} <= ${before.toISOString()}::timestamptz))`
}

/** Group ids by exact topic, for a campaign typed in chat with 群:宝妈群,美食群. */
export async function groupsByTopic (db: DbOrTx, topics: string[]): Promise<Map<string, number[]>> {
  const rows = await db.select({ id: groups.id, topic: groups.topic }).from(groups).where(and(inArray(groups.topic, topics), eq(groups.active, true)))
  const out = new Map<string, number[]>()
  for (const r of rows) out.set(r.topic, [...(out.get(r.topic) ?? []), r.id])
  return out
}

export async function existingGroupIds (db: DbOrTx, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return []
  const rows = await db.select({ id: groups.id }).from(groups).where(inArray(groups.id, ids))
  return rows.map((r) => r.id)
}
