// The local backend: hosts the cloud-function handlers over HTTP, stands in for cloud storage,
// and serves the H5 build. Identity comes from a dev switcher (x-dev-openid), local use only.
// Every request must name this server in its Host header (DNS rebinding), and every /api route
// needs a known dev identity: there is no anonymous default.
import fastifyMultipart from '@fastify/multipart'
import fastifyStatic from '@fastify/static'
import Fastify, { type FastifyInstance } from 'fastify'
import fs from 'node:fs'
import { appError } from '../src/domain/errors'
import { sniffImageKind } from '../src/domain/image'
import type { CallContext } from '../functions/shared/ports'
import { DEV_IDENTITIES } from './config'
import type { LocalEvidenceStore } from './evidence-files'
import type { LocalFileStore } from './files'
import { EXTENSIONS, isLocalImageKind, unsupportedImage } from './image-formats'

export type FunctionHandler = (event: unknown, ctx: CallContext) => Promise<unknown>

export interface AppDeps {
  functions: Record<string, FunctionHandler>
  files: LocalFileStore
  /** Serves evidence photo links (/api/evidence/<token>); absent: that route answers 404. */
  evidence?: Pick<LocalEvidenceStore, 'open'>
  staticDir: string | null
  /** Whether a Host header names this server (see host-check.ts). */
  isAllowedHost: (host: string | undefined) => boolean
  /** Openids the dev switcher may act as */
  identities?: readonly string[]
  describe?: () => Record<string, unknown>
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The dev identity of an /api request, checked before its handler runs. */
    openid: string
  }
}

const MAX_UPLOAD_BYTES = 20 * 1024 * 1024
/** The one /api route without an identity: its signed, short-lived token is the credential (an <img> sends no headers). */
const EVIDENCE_ROUTE = '/api/evidence/:token'

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // maxParamLength: evidence link tokens are ~150 characters (the default 100 answers 414).
  const app = Fastify({ logger: false, bodyLimit: 1024 * 1024, maxParamLength: 256 })
  const identities = new Set(deps.identities ?? DEV_IDENTITIES.map((i) => i.openid))
  app.decorateRequest('openid', '')

  app.addHook('onRequest', async (request, reply) => {
    if (!deps.isAllowedHost(request.headers.host)) {
      return reply.code(421).send({ ok: false, error: appError('FORBIDDEN', '请求的主机名不是本机服务（可用 ALLOWED_HOSTS 放行）') })
    }
    // By the matched route, not the raw URL: encoded or doubled slashes cannot slip past.
    const route = request.routeOptions.url ?? ''
    if (!route.startsWith('/api/') || route === EVIDENCE_ROUTE) return
    const header = request.headers['x-dev-openid']
    if (typeof header !== 'string' || !identities.has(header)) {
      return reply.code(401).send({ ok: false, error: appError('UNAUTHORIZED', '缺少或未知的开发身份（x-dev-openid）') })
    }
    request.openid = header
  })

  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 2 } })

  app.get('/api/health', async () => ({ ok: true, ...deps.describe?.() }))
  app.get('/api/dev/identities', async () => ({ ok: true, identities: DEV_IDENTITIES }))

  app.post('/api/upload', async (request, reply) => {
    let data: Buffer
    try {
      const file = await request.file()
      if (!file) return reply.code(400).send({ ok: false, error: appError('INVALID_INPUT', '缺少文件') })
      data = await file.toBuffer()
    } catch {
      return reply.code(413).send({ ok: false, error: appError('IMAGE_TOO_LARGE', '上传文件超过 20 MB') })
    }
    // The same formats the sharp preparer decodes (image-formats.ts), refused with the same message.
    const kind = sniffImageKind(data)
    if (!isLocalImageKind(kind)) return reply.code(400).send({ ok: false, error: unsupportedImage() })
    const fileID = await deps.files.save(data, EXTENSIONS[kind], request.openid)
    return { ok: true, fileID }
  })

  app.get<{ Params: { token: string } }>(EVIDENCE_ROUTE, async (request, reply) => {
    const photo = await deps.evidence?.open(request.params.token)
    // Never cached or passed on: the link is personal data for 10 minutes only.
    reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer').header('x-content-type-options', 'nosniff')
    if (!photo) return reply.code(404).send({ ok: false, error: appError('NOT_FOUND', '照片不存在或链接已过期') })
    return reply.type(photo.contentType).send(photo.bytes)
  })

  app.post<{ Params: { name: string } }>('/api/fn/:name', async (request, reply) => {
    const handler = Object.prototype.hasOwnProperty.call(deps.functions, request.params.name) ? deps.functions[request.params.name] : undefined
    if (!handler) return reply.code(404).send({ ok: false, error: appError('NOT_FOUND', `云函数 ${request.params.name} 不存在`) })
    return handler(request.body ?? {}, { openid: request.openid })
  })

  if (deps.staticDir && fs.existsSync(deps.staticDir)) {
    await app.register(fastifyStatic, { root: deps.staticDir, prefix: '/' })
  } else {
    app.get('/', async (_request, reply) =>
      reply.type('text/html; charset=utf-8').send('<p>H5 未构建：请先运行 <code>npm run build:h5</code>（npm start 会自动构建）。</p>'),
    )
  }
  return app
}
