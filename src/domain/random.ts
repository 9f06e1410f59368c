/**
 * Deterministic randomness from a seed. The sandbox passes its scenario seed, production a random one;
 * either way a value is a function of (seed, key), so the order in which workers ask does not matter.
 */

/** cyrb53: a fast 53-bit string hash with good spread. */
export function hash53 (text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed
  let h2 = 0x41c6ce57 ^ seed
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/** A number in [0, 1) determined by seed and key. */
export function unitFor (seed: string, key: string): number {
  return hash53(`${seed}\u0000${key}`) / 2 ** 53
}

/** mulberry32: a small seeded PRNG for sequences (scenario generation, draws). */
export function seededRandom (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
