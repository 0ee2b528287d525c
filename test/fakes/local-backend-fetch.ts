// The local backend (server/) as the H5 gateway sees it through fetch: POST /api/upload answers
// { ok, fileID }, POST /api/fn/<name> the function's FnResult; the picked photo's object URL answers a
// blob. Like a browser's fetch, a request whose AbortSignal fires rejects with an AbortError at once,
// also while the backend is still working on it; handlers can hold a request (hold()) to cancel "during" it.
export interface BackendRequest {
  method: string
  path: string
  body: unknown
  headers: Record<string, string>
  /** Whether the client aborted this request. */
  aborted: boolean
}

type Route = (request: BackendRequest) => unknown | Promise<unknown>

function abortError(): Error {
  const error = new Error('The operation was aborted.')
  error.name = 'AbortError'
  return error
}

export function createLocalBackend() {
  const requests: BackendRequest[] = []
  const routes = new Map<string, Route>()
  const holds = new Map<string, Promise<void>>()
  let down = false

  const backend = {
    requests,
    /** Answer `path` (e.g. '/api/upload', '/api/fn/recognizeVehicleLicense') with `route`. */
    on(path: string, route: Route) {
      routes.set(path, route)
    },
    /** Requests to `path` wait until the returned release() (the test cancels meanwhile). */
    hold(path: string): () => void {
      let release!: () => void
      holds.set(path, new Promise<void>((resolve) => (release = resolve)))
      return () => {
        holds.delete(path)
        release()
      }
    },
    /** Every request fails as a browser's fetch does when the server is unreachable. */
    goDown() {
      down = true
    },
    paths: () => requests.map((r) => `${r.method} ${r.path}${r.aborted ? ' (aborted)' : ''}`),

    fetch: async (input: string, init: RequestInit = {}): Promise<Response> => {
      const signal = init.signal ?? undefined
      if (signal?.aborted) throw abortError()
      const url = new URL(input, 'http://localhost')
      // An object URL is local: it reads even with the backend down.
      if (url.protocol === 'blob:') return { ok: true, status: 200, blob: async () => new Blob([new Uint8Array(1024)], { type: 'image/jpeg' }) } as unknown as Response
      if (down) throw new TypeError('Failed to fetch')
      const body = init.body instanceof FormData ? { file: init.body.get('file') === null ? 'missing' : 'attached' } : init.body ? JSON.parse(String(init.body)) : undefined
      const request: BackendRequest = { method: init.method ?? 'GET', path: url.pathname, body, headers: { ...(init.headers as Record<string, string>) }, aborted: false }
      requests.push(request)
      let settled = false
      const answer = (async () => {
        await holds.get(url.pathname)
        const route = routes.get(url.pathname)
        const result = route ? { status: 200, json: await route(request) } : { status: 404, json: { error: 'Not Found' } }
        settled = true
        return result
      })()
      const aborted = new Promise<never>((_, reject) => {
        signal?.addEventListener('abort', () => {
          if (settled) return
          request.aborted = true
          reject(abortError())
        })
      })
      const { status, json } = await Promise.race([answer, aborted])
      return { ok: status < 400, status, json: async () => json } as unknown as Response
    },
  }
  return backend
}

export type LocalBackend = ReturnType<typeof createLocalBackend>
