import { createAccessTokenCache, REFRESH_MARGIN_MS, type IssuedToken } from './access-token-cache'

function setup(expiresInSeconds = 7200) {
  let clock = 1_000_000
  let issued = 0
  let pending: Array<{ resolve: (t: IssuedToken) => void; reject: (e: Error) => void }> = []
  const issue = jest.fn(
    () =>
      new Promise<IssuedToken>((resolve, reject) => {
        pending.push({ resolve, reject })
      }),
  )
  const cache = createAccessTokenCache(issue, () => clock)
  return {
    cache,
    issue,
    advance: (ms: number) => {
      clock += ms
    },
    /** Answers every waiting token request with the next token. */
    grant: async () => {
      const waiting = pending
      pending = []
      for (const p of waiting) p.resolve({ value: `token-${++issued}`, expiresInSeconds })
      await Promise.resolve()
    },
    fail: async (error: Error) => {
      const waiting = pending
      pending = []
      for (const p of waiting) p.reject(error)
      await Promise.resolve()
    },
  }
}

async function got(cacheGet: Promise<string>, grant: () => Promise<void>): Promise<string> {
  await grant()
  return cacheGet
}

describe('createAccessTokenCache', () => {
  it('reuses the token until REFRESH_MARGIN_MS before expiry, then fetches a new one', async () => {
    const t = setup(7200)
    expect(await got(t.cache.get(), t.grant)).toBe('token-1')
    t.advance(7200_000 - REFRESH_MARGIN_MS - 1)
    expect(await t.cache.get()).toBe('token-1')
    t.advance(1)
    expect(await got(t.cache.get(), t.grant)).toBe('token-2')
    expect(t.issue).toHaveBeenCalledTimes(2)
  })

  it('refreshes short-lived tokens at half their lifetime', async () => {
    const t = setup(60)
    expect(await got(t.cache.get(), t.grant)).toBe('token-1')
    t.advance(29_999)
    expect(await t.cache.get()).toBe('token-1')
    t.advance(1)
    expect(await got(t.cache.get(), t.grant)).toBe('token-2')
  })

  it('shares one request between concurrent callers', async () => {
    const t = setup()
    const calls = [t.cache.get(), t.cache.get(), t.cache.get()]
    await t.grant()
    expect(await Promise.all(calls)).toEqual(['token-1', 'token-1', 'token-1'])
    expect(t.issue).toHaveBeenCalledTimes(1)
  })

  it('does not cache a failure: the next get() asks again', async () => {
    const t = setup()
    const first = t.cache.get()
    await t.fail(new Error('invalid appsecret'))
    await expect(first).rejects.toThrow('invalid appsecret')
    expect(await got(t.cache.get(), t.grant)).toBe('token-1')
    expect(t.issue).toHaveBeenCalledTimes(2)
  })

  it('invalidate() drops only the stale token, never a newer one', async () => {
    const t = setup()
    expect(await got(t.cache.get(), t.grant)).toBe('token-1')
    t.cache.invalidate('token-1')
    expect(await got(t.cache.get(), t.grant)).toBe('token-2')
    // A late caller reporting the old token must not throw away token-2.
    t.cache.invalidate('token-1')
    expect(await t.cache.get()).toBe('token-2')
    expect(t.issue).toHaveBeenCalledTimes(2)
  })
})
