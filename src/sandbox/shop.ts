/**
 * The simulated shop: an `order` step is posted to the real orders API (POST /api/orders, in process through
 * fastify's inject, with a token of the run's own), so it takes exactly the path a shop's webhook takes; a `refund`
 * step likewise (POST /api/orders/refund).
 */
import { randomBytes } from 'node:crypto'
import { desc, eq } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { contactIdFor } from '../db/queries/links.ts'
import { coupons } from '../db/schema/index.ts'
import { apiRoutes } from '../http/routes/index.ts'
import { buildHttpServer } from '../http/server.ts'
import type { Logger } from '../logger.ts'
import type { App } from '../main.ts'
import type { StepAction } from './scenario.ts'

type OrderAction = Extract<StepAction, { kind: 'order' }>
type RefundAction = Extract<StepAction, { kind: 'refund' }>

export interface ShopResponse { status: number, body: Record<string, unknown> }

export class SandboxShop {
  private constructor (private readonly api: FastifyInstance, private readonly secret: string, private readonly app: App) {}

  static async open (app: App, logger: Logger): Promise<SandboxShop> {
    const secret = randomBytes(24).toString('hex')
    const api = await buildHttpServer({
      tokens: [{ name: 'sandbox-shop', secret, scopes: ['orders'] }],
      // fastify's lines per request would only repeat the transcript's order lines: warnings and errors only.
      logger: logger.child({}, { level: 'warn' }),
      queues: [],
      health: async () => ({ ok: true, checks: {} }),
      routes: apiRoutes(app.ctx),
    })
    await api.ready()
    return new SandboxShop(api, secret, app)
  }

  /** Posts the step's order as the shop would: source `sandbox`, the customer by platform id, paid now. */
  async order (action: OrderAction, paidAt: string): Promise<ShopResponse> {
    const response = await this.api.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { authorization: `Bearer ${this.secret}` },
      payload: {
        source: 'sandbox',
        external_id: action.id,
        customer: { platform_id: action.customer },
        items: action.items,
        ...(action.coupon !== undefined ? { coupon: typeof action.coupon === 'string' ? await this.couponCode(action.customer, action.coupon) : await Promise.all(action.coupon.map((c) => this.couponCode(action.customer, c))) } : {}),
        paid_at: paidAt,
      },
    })
    return { status: response.statusCode, body: response.json() }
  }

  /** Posts the step's refund or cancellation of an earlier order step's order, at the step's time. */
  async refund (action: RefundAction, at: string): Promise<ShopResponse> {
    const response = await this.api.inject({
      method: 'POST',
      url: '/api/orders/refund',
      headers: { authorization: `Bearer ${this.secret}` },
      payload: { source: 'sandbox', external_id: action.order, kind: action.cancel === true ? 'cancel' : 'refund', at, ...(action.partial !== undefined ? { partial: action.partial } : {}) },
    })
    return { status: response.statusCode, body: response.json() }
  }

  async close (): Promise<void> {
    await this.api.close()
  }

  /** `coupon: latest` is the most recent coupon the bot issued to the customer; any other value is a typed code. */
  private async couponCode (customer: string, coupon: string): Promise<string> {
    if (coupon !== 'latest') return coupon
    const { db, account } = this.app.ctx
    const contactId = await contactIdFor(db, account.id, customer)
    const [latest] = contactId === null
      ? []
      : await db.select({ code: coupons.code }).from(coupons).where(eq(coupons.contactId, contactId)).orderBy(desc(coupons.issuedAt), desc(coupons.id)).limit(1)
    // No coupon to use: the literal word goes to the shop, which refuses it as an unknown code.
    return latest?.code ?? 'latest'
  }
}
