// Store test data: the shared sample license and a ticking clock (one second per reading).
export { license } from '../fixtures/license'

export function tickingClock(start = Date.UTC(2024, 5, 1, 8, 0, 0)): () => Date {
  let tick = 0
  return () => new Date(start + 1000 * tick++)
}
