// A local stand-in for api.weixin.qq.com (unreachable from tests) that follows the documented
// protocol of GET /cgi-bin/token, POST /cgi-bin/stable_token and POST /cv/ocr/driving, with
// handles to expire or revoke tokens, count requests and script failures.
import { randomBytes } from 'node:crypto'
import fastify, { type FastifyInstance, type FastifyRequest } from 'fastify'
import multipart from '@fastify/multipart'
import { FakeWechatOcr, wechatError, type FakeOcrOptions, type WechatReply } from './fake-wechat-ocr'

export interface FakeWechatServerOptions extends FakeOcrOptions {
  appId: string
  appSecret: string
  /** expires_in of issued tokens; WeChat issues 7200 s. */
  tokenTtlSeconds?: number
  /** Clock deciding token expiry. */
  now?: () => number
}

/** What the server saw of one OCR request, for assertions on what the client sent. */
export interface ReceivedOcrRequest {
  type: string | undefined
  accessToken: string | undefined
  contentType: string | undefined
  img?: { filename: string; mimetype: string; bytes: number }
}

interface RawReply {
  status: number
  body: string
  contentType: string
}

type Scripted = { raw: RawReply } | { stall: true }
type TokenReply = WechatReply | { access_token: string; expires_in: number }

const RENEW_EARLY_MS = 5 * 60 * 1000

/** A JSON object body, or null for anything else (WeChat answers 47001). */
function jsonObjectOf(body: unknown): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : '')
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null
  } catch {
    return null
  }
}

export class FakeWechatServer {
  /** Requests to /cgi-bin/token and /cgi-bin/stable_token, valid or not. */
  tokenRequests = 0
  readonly ocrRequests: ReceivedOcrRequest[] = []
  readonly ocr: FakeWechatOcr
  url = ''
  private readonly app: FastifyInstance
  private readonly tokens = new Map<string, { expiresAt: number; revoked: boolean }>()
  /** The token stable_token hands out while it is valid (kept apart from /cgi-bin/token's, as on WeChat). */
  private stableToken: string | null = null
  /** The newest token of GET /cgi-bin/token. */
  private plainToken: string | null = null
  private readonly scripted: Scripted[] = []
  private readonly stalled: Array<() => void> = []
  private readonly now: () => number
  private closing: Promise<void> | undefined

  constructor(private readonly options: FakeWechatServerOptions) {
    this.now = options.now ?? Date.now
    this.ocr = new FakeWechatOcr(options)
    // forceCloseConnections: close() must not wait for fetch's keep-alive sockets.
    this.app = fastify({ logger: false, forceCloseConnections: true })
    this.app.register(multipart, { limits: { fileSize: 8 * 1024 * 1024, files: 1 } })
    // Anything that is not multipart is accepted and simply lacks the image (41005), as on WeChat.
    // JSON too: a malformed body gets WeChat's errcode, not fastify's 400.
    this.app.removeContentTypeParser('application/json')
    this.app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))
    this.app.get('/cgi-bin/token', async (req) => this.issueToken(req.query as Record<string, string | undefined>))
    this.app.post('/cgi-bin/stable_token', async (req) => this.issueStableToken(req.body))
    this.app.post('/cv/ocr/driving', async (req, reply) => {
      const { query, image } = await this.receive(req)
      const scripted = this.scripted.shift()
      if (scripted === undefined) return this.answer(query, image)
      if ('stall' in scripted) return new Promise<WechatReply>((resolve) => this.stalled.push(() => resolve(wechatError(-1))))
      return reply.code(scripted.raw.status).type(scripted.raw.contentType).send(scripted.raw.body)
    })
  }

  async start(): Promise<this> {
    this.url = await this.app.listen({ host: '127.0.0.1', port: 0 })
    return this
  }

  /** Idempotent, so a test can close early to simulate an unreachable server. */
  async close(): Promise<void> {
    this.stalled.splice(0).forEach((release) => release())
    this.closing ??= this.app.close()
    await this.closing
  }

  /** Every issued token reaches its expiry: next OCR call gets 42001. */
  expireTokens(): void {
    for (const token of this.tokens.values()) token.expiresAt = Math.min(token.expiresAt, this.now())
  }

  /** Every issued token becomes invalid (e.g. superseded elsewhere): next OCR call gets 40001. */
  revokeTokens(): void {
    for (const token of this.tokens.values()) token.revoked = true
  }

  /** The next OCR calls answer these errcodes (see FakeWechatOcr.failNext). */
  failNext(...errcodes: number[]): void {
    this.ocr.failNext(...errcodes)
  }

  /** The next OCR call gets this HTTP response instead (gateway errors, HTML pages). */
  replyNextRaw(raw: RawReply): void {
    this.scripted.push({ raw })
  }

  /** The next OCR call never answers (until close()): for client timeouts. */
  stallNext(): void {
    this.scripted.push({ stall: true })
  }

  issuedTokens(): string[] {
    return [...this.tokens.keys()]
  }

  /** GET /cgi-bin/token: each new token cuts the previous one's life to 5 more minutes. */
  private issueToken(query: Record<string, unknown>): TokenReply {
    this.tokenRequests += 1
    const refused = this.checkCredentials(query)
    if (refused) return refused
    const previous = this.plainToken === null ? undefined : this.tokens.get(this.plainToken)
    if (previous) previous.expiresAt = Math.min(previous.expiresAt, this.now() + RENEW_EARLY_MS)
    const issued = this.mint()
    this.plainToken = issued.access_token
    return issued
  }

  private mint(): { access_token: string; expires_in: number } {
    const ttl = this.options.tokenTtlSeconds ?? 7200
    const token = `${this.tokenRequests}_${randomBytes(48).toString('base64url')}`
    this.tokens.set(token, { expiresAt: this.now() + ttl * 1000, revoked: false })
    return { access_token: token, expires_in: ttl }
  }

  /**
   * Normal mode returns the current token while more than 5 minutes of it are left (WeChat
   * renews 5 minutes early), else a new one; force_refresh revokes the current one first.
   */
  private issueStableToken(body: unknown): TokenReply {
    this.tokenRequests += 1
    const request = jsonObjectOf(body)
    if (request === null) return wechatError(47001, 'data format error')
    const refused = this.checkCredentials(request)
    if (refused) return refused
    const current = this.stableToken === null ? undefined : this.tokens.get(this.stableToken)
    if (current && request.force_refresh === true) current.revoked = true
    if (current && !current.revoked && current.expiresAt - this.now() > RENEW_EARLY_MS) {
      return { access_token: this.stableToken!, expires_in: Math.floor((current.expiresAt - this.now()) / 1000) }
    }
    const issued = this.mint()
    this.stableToken = issued.access_token
    return issued
  }

  private checkCredentials(request: Record<string, unknown>): WechatReply | null {
    const { grant_type: grantType, appid, secret } = request
    if (grantType !== 'client_credential') return wechatError(40002, 'invalid grant_type')
    if (!appid) return wechatError(41002)
    if (appid !== this.options.appId) return wechatError(40013)
    if (!secret) return wechatError(41004)
    if (secret !== this.options.appSecret) return wechatError(40125)
    return null
  }

  private async receive(req: FastifyRequest): Promise<{ query: Record<string, string | undefined>; image?: Buffer }> {
    const query = req.query as Record<string, string | undefined>
    const received: ReceivedOcrRequest = {
      type: query.type,
      accessToken: query.access_token,
      contentType: req.headers['content-type'],
    }
    this.ocrRequests.push(received)
    return { query, image: await this.readImage(req, received) }
  }

  private answer(query: Record<string, string | undefined>, image: Buffer | undefined): WechatReply {
    const scripted = this.ocr.takeScripted()
    if (scripted !== undefined) return scripted
    if (!query.access_token) return wechatError(41001)
    const token = this.tokens.get(query.access_token)
    if (token === undefined || token.revoked) return wechatError(40001)
    if (this.now() >= token.expiresAt) return wechatError(42001)
    return this.ocr.recognize(query.type, image)
  }

  /** The multipart file field `img`; other fields and bodies are drained and ignored. */
  private async readImage(req: FastifyRequest, received: ReceivedOcrRequest): Promise<Buffer | undefined> {
    if (!req.isMultipart()) return undefined
    let image: Buffer | undefined
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue
      const bytes = await part.toBuffer()
      if (part.fieldname !== 'img') continue
      image = bytes
      received.img = { filename: part.filename, mimetype: part.mimetype, bytes: bytes.length }
    }
    return image
  }
}

export async function startFakeWechatServer(options: FakeWechatServerOptions): Promise<FakeWechatServer> {
  return new FakeWechatServer(options).start()
}
