/** A transcript a person reads: what happened, what the bot did, then the summary. */
import type { OutputSink, Target } from './output.ts'

const time = (iso: string): string => `${iso.slice(5, 10)} ${iso.slice(11, 19)}`

export function transcriptSink (write: (line: string) => void, names: { group: (id: string) => string, contact: (id: string) => string }): OutputSink {
  const target = (t: Target | null): string => t === null ? '?' : 'group' in t ? `[${names.group(t.group)}]` : names.contact(t.contact)
  return {
    input: (r) => write(`${time(r.at)}  · ${r.text}`),
    action: (r) => {
      switch (r.type) {
        case 'send': {
          const mentions = r.mentions ? r.mentions.map((m) => `@${names.contact(m)} `).join('') : ''
          write(`${time(r.at)}  ➜ bot → ${target(r.to)} ${mentions}${r.text.replace(/\n/g, '\n                    ')}${r.delivered === false ? '  (not delivered: not a friend any more)' : ''}`)
          return
        }
        case 'accept-friend': write(`${time(r.at)}  ✓ bot accepts ${names.contact(r.contact)} as a friend`); return
        case 'kick': write(`${time(r.at)}  ✗ bot removes ${names.contact(r.contact)} from [${names.group(r.group)}]`); return
        case 'send-refused': write(`${time(r.at)}  ! platform refused a send to ${target(r.to)} (rate limited)`); return
        case 'redeem': {
          const whose = r.customer === null ? '' : ` for ${names.contact(r.customer)}`
          const where = [r.order ? `order ${r.order}` : '', r.by ? `by ${names.contact(r.by)}` : ''].filter(Boolean).join(', ')
          write(`${time(r.at)}  ${r.ok ? '¥' : '✗'} coupon ${r.code}${r.ok ? ' redeemed' : r.check ? ' refused at the check' : ' refused'}${whose}${where ? ` (${where})` : ''}${r.ok ? '' : `: ${r.reason}`}`)
        }
      }
    },
    summary: (s) => {
      write('')
      write('── summary ──────────────────────────────────────────')
      for (const [key, value] of Object.entries(s)) write(`${key.padEnd(18)} ${JSON.stringify(value)}`)
    },
  }
}
