/** CSV import on the real Postgres: all rows or none, line numbers, idempotent re-import, dry run, late linking, the CLI. */
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { systemClock } from '../../src/clock.ts'
import { contactIdFor } from '../../src/db/queries/links.ts'
import { contacts, orderItems, orders, pointsLedger } from '../../src/db/schema/index.ts'
import type { RunningScenario } from '../../src/sandbox/runner.ts'
import { importCsv, type ImportKind } from '../../src/services/csv-import.ts'
import { runCli } from '../helpers/cli.ts'
import { runSandbox } from '../helpers/sandbox.ts'

const scenario = {
  start: '2026-12-01T10:00:00+08:00',
  customers: [{ id: 'c1', name: '张三', friend: true, consent: true }],
  products: [{ sku: 'milk-1', name: '婴儿奶粉', price: 199, cycle_days: 30 }, { sku: 'wipes', name: '湿巾', price: 19.9 }],
  steps: [{ at: '+1m' }],
}

async function csv (name: string, text: string | Uint8Array): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'qunbot-import-')), name)
  await writeFile(file, text)
  return file
}

const run = (r: RunningScenario, kind: ImportKind, file: string, dryRun = false) =>
  importCsv({ kind, file, dryRun, source: 'csv', config: r.app.ctx.config, clock: systemClock })

const ORDERS = [
  'order_id,paid_at,sku,qty,price,phone,platform_id,channel',
  'A1,2026-11-01 10:00,milk-1,1,,,c1,tmall',
  'A1,2026-11-01 10:00,wipes,2,15.5,,c1,tmall',
  'A2,2026-11-02T10:00:00+08:00,milk-1,1,,+86 139-0000-0000,,',
].join('\n')

describe('CSV import', () => {
  it('imports the same orders file twice as one order each, matched or kept for later', async () => {
    await runSandbox(scenario, async (r) => {
      const file = await csv('orders.csv', ORDERS)
      const first = await run(r, 'orders', file)
      expect(first).toMatchObject({ refused: false, rows: 3, result: { orders: 2, alreadyImported: 0, unmatched: 1, items: 3 } })
      const second = await run(r, 'orders', file)
      expect(second).toMatchObject({ refused: false, result: { orders: 0, alreadyImported: 2, items: 0 } })
      const db = r.app.ctx.db
      const rows = await db.select().from(orders).orderBy(orders.externalId)
      expect(rows.map((o) => [o.externalId, o.total, o.contactId !== null, o.customerPhone, o.paidAt.toISOString()])).toEqual([
        ['A1', 230, true, null, '2026-11-01T02:00:00.000Z'], // local time read in the default zone
        ['A2', 199, false, '13900000000', '2026-11-02T02:00:00.000Z'],
      ])
      expect(await db.select().from(orderItems)).toHaveLength(3)
      expect((await db.select().from(pointsLedger)).map((p) => [p.delta, p.cause.startsWith('order-')])).toEqual([[230, true]])
    })
  })

  it('refuses a file with any bad row, imports nothing and names every rejected line', async () => {
    await runSandbox(scenario, async (r) => {
      const file = await csv('bad.csv', [
        'order_id,paid_at,sku,qty,phone',
        'B1,2026-11-01 10:00,milk-1,1,13800138000',
        'B1,2026-11-02 10:00,wipes,1,13800138000',
        'B2,yesterday,milk-1,1,13800138000',
        'B3,2026-11-01 10:00,nope,1,13800138000',
        'B4,2026-11-01 10:00,milk-1,0,13800138000',
        'B5,2026-11-01 10:00,milk-1,1',
        'B6,2026-11-01 10:00,milk-1,1,',
        'B7,2026-11-01 10:00,milk-1,1,call me',
        'B8,2026-11-01 10:00,milk-1,1,13800138000',
      ].join('\n'))
      const report = await run(r, 'orders', file)
      expect(report.refused).toBe(true)
      expect(report.rejected.map((x) => x.line)).toEqual([3, 4, 5, 6, 7, 8, 9])
      expect(report.rejected[0]!.problem).toBe('order "B1": paid_at differs from line 2')
      expect(report.rejected[2]!.problem).toBe('unknown sku "nope"')
      expect(await r.app.ctx.db.select().from(orders)).toHaveLength(0)
    })
  })

  it('writes nothing on a dry run, but reports what it would import', async () => {
    await runSandbox(scenario, async (r) => {
      const report = await run(r, 'orders', await csv('orders.csv', ORDERS), true)
      expect(report).toMatchObject({ dryRun: true, refused: false, result: { orders: 2 } })
      expect(await r.app.ctx.db.select().from(orders)).toHaveLength(0)
    })
  })

  it('imports customers and links the orders kept with their phone, once; the person\'s own answers win', async () => {
    await runSandbox(scenario, async (r) => {
      const db = r.app.ctx.db
      await run(r, 'orders', await csv('orders.csv', ORDERS))
      const people = await csv('customers.csv', 'phone,platform_id,name,city,interests,birthday\n13900000000,,李四,上海,美食|烘焙,1990-05-12\n,c1,张三改名,北京,,\n')
      const report = await run(r, 'customers', people)
      expect(report.result).toMatchObject({ created: 1, updated: 1, orders_linked: 1 })
      expect((await run(r, 'customers', people)).result).toMatchObject({ created: 0, orders_linked: 0 })
      const all = await db.select().from(contacts).orderBy(contacts.id)
      const c1 = all.find((c) => c.id === 1)!
      expect(c1).toMatchObject({ displayName: '张三', city: '北京' }) // the name was known; the city was not
      const lisi = all.find((c) => c.phone === '13900000000')!
      expect(lisi).toMatchObject({ displayName: '李四', city: '上海', interests: ['美食', '烘焙'], birthday: '1990-05-12' })
      const [a2] = (await db.select().from(orders)).filter((o) => o.externalId === 'A2')
      expect(a2!.contactId).toBe(lisi.id)
      expect((await db.select().from(pointsLedger)).filter((p) => p.contactId === lisi.id).map((p) => p.delta)).toEqual([199])
    })
  })

  it('links orders recorded for an unknown platform id when that person first shows up, once', async () => {
    await runSandbox(scenario, async (r) => {
      await r.shop.order({ kind: 'order', id: 'x1', customer: 'newbie', items: [{ sku: 'milk-1', qty: 1 }] }, '2026-11-30T10:00:00+08:00')
      const ctx = r.app.ctx
      expect((await ctx.db.select().from(orders))[0]!.contactId).toBeNull()
      await r.act(() => r.community.contact('newbie').say('你好').to(r.community.self))
      const id = await contactIdFor(ctx.db, ctx.account.id, 'newbie')
      expect((await ctx.db.select().from(orders))[0]!.contactId).toBe(id)
      expect(await ctx.db.select().from(pointsLedger)).toHaveLength(1)
    })
  })

  it('reads a file Excel saved in GBK (GB18030) as well as UTF-8 with or without a BOM', async () => {
    await runSandbox(scenario, async (r) => {
      const text = 'phone,name,city\n13900000001,李四,上海\n'
      // 李四 上海 in GBK, written by hand (Node can decode GB18030 but not encode it)
      const gbk = Buffer.concat([Buffer.from('phone,name,city\n13900000001,'), Buffer.from([0xc0, 0xee, 0xcb, 0xc4]), Buffer.from(','), Buffer.from([0xc9, 0xcf, 0xba, 0xa3]), Buffer.from('\n')])
      expect(await run(r, 'customers', await csv('gbk.csv', gbk))).toMatchObject({ refused: false, result: { created: 1 } })
      const lisi = (await r.app.ctx.db.select().from(contacts)).find((c) => c.phone === '13900000001')!
      expect(lisi).toMatchObject({ displayName: '李四', city: '上海' })
      const bom = await csv('bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace('13900000001', '13900000002'))]))
      expect(await run(r, 'customers', bom)).toMatchObject({ refused: false, result: { created: 1 } })
      expect((await r.app.ctx.db.select().from(contacts)).find((c) => c.phone === '13900000002')).toMatchObject({ displayName: '李四', city: '上海' })
    })
  })

  it('rejects rows with a NUL or other control character by line, without failing the import on Postgres', async () => {
    await runSandbox(scenario, async (r) => {
      const file = await csv('nul.csv', 'phone,name,city\n13900000001,李\u0000四,上海\n13900000002,王五,北\u0007京\n13900000003,赵六,成都\n')
      const report = await run(r, 'customers', file)
      expect(report.refused).toBe(true)
      expect(report.rejected).toEqual([
        { line: 2, problem: 'name has a control character (U+0000); remove it and import again' },
        { line: 3, problem: 'city has a control character (U+0007); remove it and import again' },
      ])
      expect((await r.app.ctx.db.select().from(contacts)).filter((c) => c.phone !== null)).toHaveLength(0)
      // the same rows, cleaned, import
      expect(await run(r, 'customers', await csv('ok.csv', 'phone,name,city\n13900000001,李四,上海\n'))).toMatchObject({ refused: false })
    })
  })

  it('reports a malformed CSV as one clear error and leaves nothing behind', async () => {
    await runSandbox(scenario, async (r) => {
      const file = await csv('broken.csv', 'sku,name,price\n"cream,润肤霜,89\n')
      await expect(run(r, 'products', file)).rejects.toThrow(/not a readable CSV file/)
      const headerless = await csv('header.csv', 'sku,colour\ncream,red\n')
      await expect(run(r, 'products', headerless)).rejects.toThrow(/line 1: unknown column/)
      // the store is still usable afterwards
      expect(await run(r, 'products', await csv('p.csv', 'sku,name,price\ncream,润肤霜,89\n'))).toMatchObject({ refused: false, result: { created: 1 } })
    })
  })

  it('answers on the command line: exit 1 with the rejected lines, 2 for a file it cannot read, 0 when imported', async () => {
    await runSandbox(scenario, async (r) => {
      const env = { DATABASE_URL: r.app.ctx.config.DATABASE_URL }
      const bad = await runCli(['import', 'orders', await csv('bad.csv', 'order_id,paid_at,sku,qty,phone\nB1,2026-11-01 10:00,nope,1,13800138000\n')], env)
      expect(bad.code).toBe(1)
      expect(bad.stdout).toContain('line 2: unknown sku "nope"')
      const missing = await runCli(['import', 'orders', '/nonexistent/orders.csv'], env)
      expect(missing.code).toBe(2)
      expect(missing.stderr).toContain('cannot read the file')
      const ok = await runCli(['import', 'products', await csv('p.csv', 'sku,name,price,cycle_days\ncream,润肤霜,89,45\n')], env)
      expect(ok.code).toBe(0)
      expect(ok.stdout).toContain('imported 1 rows of products: created 1')
    })
  })
})
