/**
 * The API routes of every capability, under /api. Each capability has one file here that exports a function
 * taking the AppContext and registering its routes; each route states its scope with requireScope.
 */
import type { AppContext } from '../../services/context.ts'
import type { RegisterRoutes } from '../server.ts'
import { orderRoutes } from './orders.ts'
import { customerRoutes } from './customers.ts'
import { couponRoutes } from './coupons.ts'
import { campaignRoutes } from './campaigns.ts'
import { contentRoutes } from './content.ts'

type CapabilityRoutes = (ctx: AppContext) => RegisterRoutes

const CAPABILITIES: readonly CapabilityRoutes[] = [
  orderRoutes,
  customerRoutes,
  couponRoutes,
  contentRoutes,
  campaignRoutes,
]

export function apiRoutes (ctx: AppContext): RegisterRoutes {
  return async (app) => {
    for (const routes of CAPABILITIES) await app.register(async (scope) => routes(ctx)(scope), { prefix: '/api' })
  }
}
