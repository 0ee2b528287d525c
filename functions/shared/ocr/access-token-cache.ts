// In-memory access_token cache: one token per provider instance, reused until shortly before it
// expires, and at most one token request in flight (WeChat limits token requests per day, and each
// new token starts retiring the previous one).

export interface IssuedToken {
  value: string
  expiresInSeconds: number
}

export interface AccessTokenCache {
  /** The cached token, or a fresh one; concurrent callers share one request. */
  get(): Promise<string>
  /** Forgets `stale` after WeChat rejected it; a newer token fetched meanwhile is kept. */
  invalidate(stale: string): void
}

/** Refresh this long before expiry so a token never dies between get() and the OCR call. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000

export function createAccessTokenCache(
  issue: () => Promise<IssuedToken>,
  now: () => number = Date.now,
): AccessTokenCache {
  let cached: { value: string; refreshAt: number } | undefined
  let inFlight: Promise<string> | undefined

  async function fetchToken(): Promise<string> {
    const requestedAt = now()
    const token = await issue()
    const lifetimeMs = token.expiresInSeconds * 1000
    // Short-lived tokens (tests, odd responses) still get half their life.
    const margin = Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2)
    cached = { value: token.value, refreshAt: requestedAt + lifetimeMs - margin }
    return token.value
  }

  return {
    get() {
      if (cached !== undefined && now() < cached.refreshAt) return Promise.resolve(cached.value)
      inFlight ??= fetchToken().finally(() => {
        inFlight = undefined
      })
      return inFlight
    },
    invalidate(stale) {
      if (cached?.value === stale) cached = undefined
    },
  }
}
