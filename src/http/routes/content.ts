/**
 * The content library over HTTP (SPEC 3.2): bulk import from YAML or CSV, and a listing. Scope `content`.
 *   POST /api/content/import  body: the file (Content-Type text/csv or application/yaml), or JSON { format, data }
 *   GET  /api/content?kind=content|promo&limit=50&offset=0
 */
import { z } from 'zod'
import { listItems } from '../../db/queries/content.ts'
import type { ImportFormat } from '../../domain/content-import.ts'
import { audit } from '../../services/audit.ts'
import { importItems } from '../../services/content-library.ts'
import type { AppContext } from '../../services/context.ts'
import { auditVia, requireScope } from '../auth.ts'
import type { RegisterRoutes } from '../server.ts'

/** A spreadsheet of a few thousand posts fits; anything larger is a mistake. */
const MAX_IMPORT_BYTES = 2 * 1024 * 1024

const CSV_TYPES = ['text/csv']
const YAML_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml']

const jsonImport = z.strictObject({ format: z.enum(['csv', 'yaml']), data: z.string().min(1) })
const listQuery = z.strictObject({
  kind: z.enum(['content', 'promo']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})

export function contentRoutes (ctx: AppContext): RegisterRoutes {
  return async (app) => {
    app.addContentTypeParser([...CSV_TYPES, ...YAML_TYPES], { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => done(null, body))

    app.post('/content/import', { preHandler: requireScope('content'), bodyLimit: MAX_IMPORT_BYTES }, async (request, reply) => {
      const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase()
      let source: string
      let format: ImportFormat
      if (CSV_TYPES.includes(type) || YAML_TYPES.includes(type)) {
        source = String(request.body ?? '')
        format = CSV_TYPES.includes(type) ? 'csv' : 'yaml'
      } else {
        const body = jsonImport.safeParse(request.body)
        if (!body.success) return reply.code(400).send({ error: `send the file as text/csv or application/yaml, or JSON { format: "csv"|"yaml", data }: ${body.error.issues[0]?.message ?? ''}` })
        source = body.data.data
        format = body.data.format
      }
      const via = auditVia(request)
      const outcome = await importItems(ctx, source, format, { contactId: null, source: via })
      if (!outcome.ok) {
        return reply.code(400).send({ error: outcome.errors.map((e) => `line ${e.line}: ${e.message}`).join('; '), errors: outcome.errors })
      }
      const { added, existing, refilled } = outcome.result
      await audit(ctx, null, 'content.import', 'ok', { format, rows: outcome.lines, added: added.length, existing: existing.length }, via)
      return { rows: outcome.lines, added: added.map((i) => i.id), existing: existing.map((i) => i.id), refilled }
    })

    app.get('/content', { preHandler: requireScope('content') }, async (request, reply) => {
      const q = listQuery.safeParse(request.query)
      if (!q.success) return reply.code(400).send({ error: q.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') })
      const { total, items } = await listItems(ctx.db, q.data.kind ?? null, q.data.limit, q.data.offset)
      return {
        total,
        items: items.map((i) => ({
          id: i.id, kind: i.kind, text: i.text, region: i.region, interests: i.interests, image_url: i.imageUrl, link_url: i.linkUrl,
          valid_from: i.validFrom?.toISOString() ?? i.validFromDay ?? null, valid_until: i.validUntil?.toISOString() ?? i.validUntilDay ?? null, source: i.source,
        })),
      }
    })
  }
}
