// DNS rebinding guard: a web page on attacker.example can make its own name resolve to 127.0.0.1
// and then read this backend's answers as same-origin. Its requests still carry
// `Host: attacker.example`, so only Host values naming this server are served: the configured
// host, the loopback names on the listening port, and the ALLOWED_HOSTS setting.

/** Host names meaning this machine, for which any listening address answers. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]']
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', ''])

export interface HostRules {
  /** The address the server listens on (HOST). */
  host: string
  /** ALLOWED_HOSTS entries: `name` (any port of this server, or none, as behind a proxy) or `name:port`. */
  allowed: readonly string[]
}

/** `host` as it appears in a Host header (IPv6 literals in brackets). */
const hostHeaderName = (host: string) => (host.includes(':') && !host.startsWith('[') ? `[${host}]` : host).toLowerCase()

/**
 * Whether a request's Host header names this server. `port` is read on every call: the server may
 * listen on port 0 and learn its real port only once it is up.
 */
export function createHostCheck(rules: HostRules, port: () => number): (hostHeader: string | undefined) => boolean {
  const names = [...LOOPBACK_NAMES]
  if (!WILDCARD_HOSTS.has(rules.host)) names.push(hostHeaderName(rules.host))
  const extra = rules.allowed.map((entry) => entry.trim().toLowerCase()).filter(Boolean)
  return (hostHeader) => {
    if (!hostHeader) return false
    const value = hostHeader.toLowerCase()
    const withPort = (name: string) => `${name}:${port()}`
    return names.some((name) => value === withPort(name)) || extra.some((entry) => value === entry || value === withPort(entry))
  }
}
