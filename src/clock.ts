/** Time is a port: production reads the system clock, the sandbox drives a virtual one. */
export interface Clock {
  now: () => Date
}

export const systemClock: Clock = { now: () => new Date() }
