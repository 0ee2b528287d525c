// Local backend settings: embedded defaults, every one overridable by an environment variable.
import path from 'node:path'
import { DEV_IDENTITIES } from '../src/contract/dev-identities'

export { DEV_IDENTITIES }

export interface ServerConfig {
  port: number
  host: string
  dataDir: string
  /** Built H5 app to serve; absent = API only */
  staticDir: string | null
  staffOpenids: Set<string>
  /** Host header values served besides this server's own names (ALLOWED_HOSTS, comma-separated). */
  allowedHosts: string[]
  env: NodeJS.ProcessEnv
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const root = path.resolve(__dirname, '..')
  const extraStaff = (env.STAFF_OPENIDS ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  return {
    port: env.PORT === undefined || env.PORT === '' ? 8787 : Number(env.PORT),
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? path.join(root, '.data')),
    staticDir: env.STATIC_DIR === '' ? null : path.resolve(env.STATIC_DIR ?? path.join(root, 'dist-h5')),
    staffOpenids: new Set([...DEV_IDENTITIES.filter((i) => i.staff).map((i) => i.openid), ...extraStaff]),
    allowedHosts: (env.ALLOWED_HOSTS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    env,
  }
}
