// Messages between a function instance (child process on a CloudBase Node runtime) and the cloud
// environment stand-in (the Jest process). Everything is JSON: Buffers travel as base64, database
// commands and RegExps as tagged objects.

export type RpcMethod =
  | 'db.query' // collection/where/orderBy/skip/limit + get|count|update|remove
  | 'db.add'
  | 'db.doc' // doc(id).get|update|set|remove
  | 'db.createCollection'
  | 'db.tx.begin'
  | 'db.tx.op'
  | 'db.tx.commit'
  | 'db.tx.rollback'
  | 'storage.downloadFile'
  | 'storage.deleteFile'
  | 'storage.uploadFile'
  | 'storage.getTempFileURL'
  | 'openapi'

export interface RpcRequest {
  kind: 'rpc'
  id: number
  method: RpcMethod
  params: Record<string, unknown>
}

export interface WireError {
  message: string
  errCode?: number | string
  errMsg?: string
  code?: string
  /** wx-server-sdk throws some errors as plain objects, not Error instances. */
  plain?: boolean
}

export type RpcReply = { kind: 'rpc-result'; id: number; value: unknown } | { kind: 'rpc-error'; id: number; error: WireError }

export interface InvokeRequest {
  kind: 'invoke'
  id: number
  event: unknown
  /** Environment variables SCF sets for this invocation (WX_CONTEXT_KEYS, WX_OPENID, TCB_ENV, …). */
  env: Record<string, string>
  context: { request_id: string; function_name: string }
}

export type InvokeReply =
  | { kind: 'invoke-result'; id: number; value: unknown }
  | { kind: 'invoke-error'; id: number; error: WireError }

export type HostReady = { kind: 'ready'; node: string } | { kind: 'load-error'; error: WireError }

/** Tagged forms of db.command.* and db.RegExp on the wire. */
export interface WireCommand {
  $cmd: string
  args: unknown[]
}
export interface WireRegExp {
  $regexp: string
  $options: string
}
export interface WireBuffer {
  $base64: string
}

export function isWireCommand(value: unknown): value is WireCommand {
  return typeof value === 'object' && value !== null && typeof (value as WireCommand).$cmd === 'string'
}
export function isWireRegExp(value: unknown): value is WireRegExp {
  return typeof value === 'object' && value !== null && typeof (value as WireRegExp).$regexp === 'string'
}
export function isWireBuffer(value: unknown): value is WireBuffer {
  return typeof value === 'object' && value !== null && typeof (value as WireBuffer).$base64 === 'string'
}

export function toWireError(error: unknown): WireError {
  if (typeof error !== 'object' || error === null) return { message: String(error), plain: typeof error !== 'object' }
  const e = error as Record<string, unknown>
  return {
    message: typeof e.message === 'string' ? e.message : String(e.errMsg ?? error),
    ...(e.errCode !== undefined ? { errCode: e.errCode as number | string } : {}),
    ...(typeof e.errMsg === 'string' ? { errMsg: e.errMsg } : {}),
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    ...(error instanceof Error ? {} : { plain: true }),
  }
}

export function fromWireError(wire: WireError): unknown {
  const { plain, ...fields } = wire
  if (plain) {
    const { message: _message, ...rest } = fields
    return Object.keys(rest).length ? rest : wire.message
  }
  return Object.assign(new Error(wire.message), fields)
}
