/**
 * The text encoding of an imported file (docs/ORDERS.md): UTF-8 (with or without a BOM) when every byte of it is
 * valid UTF-8, else GB18030, the superset of GBK that Excel on Chinese Windows writes. Decided by one streaming pass
 * over the file (constant memory), then decoded as a stream by Node's own TextDecoder.
 */
import { createReadStream } from 'node:fs'
import { Transform } from 'node:stream'

export type FileEncoding = 'utf-8' | 'gb18030'

export async function detectEncoding (file: string): Promise<FileEncoding> {
  const utf8 = new TextDecoder('utf-8', { fatal: true })
  try {
    for await (const chunk of createReadStream(file)) utf8.decode(chunk as Buffer, { stream: true })
    utf8.decode() // a sequence cut off at the end is not UTF-8 either
    return 'utf-8'
  } catch (err) {
    if (err instanceof TypeError) return 'gb18030' // what a fatal TextDecoder throws on a bad byte
    throw err
  }
}

/** Bytes in, text out; `onBytes` is told the bytes read so far (for a progress bar). A UTF-8 BOM is dropped. */
export function decodeStream (encoding: FileEncoding, onBytes: (bytes: number) => void = () => {}): Transform {
  const decoder = new TextDecoder(encoding)
  let bytes = 0
  return new Transform({
    readableObjectMode: false,
    decodeStrings: true,
    transform (chunk: Buffer, _enc, callback) {
      bytes += chunk.length
      onBytes(bytes)
      callback(null, decoder.decode(chunk, { stream: true }))
    },
    flush (callback) {
      callback(null, decoder.decode())
    },
  })
}
