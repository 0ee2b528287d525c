// The WeChat cloud environment as the functions see it, standing in for WeChat's servers in the
// test process: the document database (test/fakes/cloudbase-db.ts, with latency and transactions),
// cloud storage with the creator-only rule the project ships, and cloud.openapi's
// ocr.vehicleLicense (test/contract/fake-wx-cloud.ts: the documented sample payload, typos
// included, and its error codes). Function instances reach it through RPC (./standin/protocol.ts).
import { createFakeCloudDb, type FakeCloudDb, type FakeCloudDbOptions, type FakeTransaction } from '../fakes/cloudbase-db'
import { createFakeWxCloud, type FakeWxCloud } from '../contract/fake-wx-cloud'
import type { CloudCommand } from '../../functions/shared/repo/cloud-db'
import { isWireBuffer, isWireCommand, isWireRegExp, type RpcMethod } from './standin/protocol'

export interface StoredFile {
  bytes: Buffer
  /** The openid that uploaded it (the storage rule's resource.openid); '' for function uploads. */
  creator: string
  uploadedAt: number
}

export interface StorageEvent {
  op: 'download' | 'delete' | 'upload' | 'tempUrl'
  fileID: string
  /** 'client:<openid>' for the mini program, 'function:<name>' for a cloud function. */
  by: string
  outcome: 'ok' | 'missing' | 'denied'
}

/** Error shapes of wx-server-sdk (errCode + errMsg; storage errors are plain objects). */
const sdkError = (errCode: number, errMsg: string) => Object.assign(new Error(errMsg), { errCode, errMsg })
const STORAGE_FILE_NONEXIST = -503003
const STORAGE_EXCEED_AUTHORITY = -503002

export interface CloudEnvironmentOptions extends FakeCloudDbOptions {
  envId?: string
}

export interface CallerInfo {
  name: string
  openapiPermissions: readonly string[]
}

export class CloudEnvironment {
  readonly envId: string
  readonly bucket: string
  readonly db: FakeCloudDb
  readonly wechat: FakeWxCloud
  readonly files = new Map<string, StoredFile>()
  readonly storageLog: StorageEvent[] = []
  private readonly transactions = new Map<string, FakeTransaction>()

  constructor(options: CloudEnvironmentOptions = {}) {
    this.envId = options.envId ?? 'prod-7g3k2m9x1c'
    this.bucket = `7072-${this.envId}-1314159265`
    this.db = createFakeCloudDb(options)
    this.wechat = createFakeWxCloud()
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.envId}.${this.bucket}/${cloudPath}`
  }

  /**
   * What the mini program's wx.cloud.uploadFile does under the shipped storage rule
   * (functions/storage-rules.json: creator-only): a path someone else created is refused.
   */
  clientUpload(openid: string, cloudPath: string, bytes: Buffer): string {
    const fileID = this.fileIdOf(cloudPath)
    const existing = this.files.get(fileID)
    if (existing && existing.creator !== openid) {
      this.storageLog.push({ op: 'upload', fileID, by: `client:${openid}`, outcome: 'denied' })
      throw sdkError(STORAGE_EXCEED_AUTHORITY, 'cloud.uploadFile:fail storage permission denied')
    }
    this.files.set(fileID, { bytes, creator: openid, uploadedAt: Date.now() })
    this.storageLog.push({ op: 'upload', fileID, by: `client:${openid}`, outcome: 'ok' })
    return fileID
  }

  /** wx.cloud.deleteFile from the mini program: only the creator's own files. */
  clientDelete(openid: string, fileID: string): number {
    const file = this.files.get(fileID)
    if (!file) return STORAGE_FILE_NONEXIST
    if (file.creator !== openid) return STORAGE_EXCEED_AUTHORITY
    this.files.delete(fileID)
    this.storageLog.push({ op: 'delete', fileID, by: `client:${openid}`, outcome: 'ok' })
    return 0
  }

  /** Storage operations functions performed (downloads and deletes), for the attack tests. */
  functionStorageOps(): StorageEvent[] {
    return this.storageLog.filter((event) => event.by.startsWith('function:') && event.op !== 'upload')
  }

  async handle(method: RpcMethod, params: Record<string, unknown>, caller: CallerInfo): Promise<unknown> {
    switch (method) {
      case 'db.query':
        return this.query(params)
      case 'db.add':
        return this.db.collection(String(params.coll)).add({ data: this.decode(params.data) as Record<string, unknown> })
      case 'db.doc':
        return this.docOp(params)
      case 'db.createCollection':
        return this.db.createCollection(String(params.name))
      case 'db.tx.begin': {
        const tx = await this.db.beginTransaction()
        this.transactions.set(tx.id, tx)
        return { id: tx.id }
      }
      case 'db.tx.op':
        return this.transactionOp(params)
      case 'db.tx.commit':
        return this.transaction(params).commit()
      case 'db.tx.rollback':
        return this.transaction(params).rollback()
      case 'storage.downloadFile':
        return this.download(String(params.fileID), caller)
      case 'storage.deleteFile':
        return this.delete(params.fileList as unknown[], caller)
      case 'storage.uploadFile': {
        const fileID = this.fileIdOf(String(params.cloudPath))
        this.files.set(fileID, { bytes: this.decode(params.fileContent) as Buffer, creator: '', uploadedAt: Date.now() })
        this.storageLog.push({ op: 'upload', fileID, by: `function:${caller.name}`, outcome: 'ok' })
        return { fileID, statusCode: 200, errMsg: 'uploadFile:ok' }
      }
      case 'storage.getTempFileURL':
        return this.tempUrls(params.fileList as unknown[], caller)
      case 'openapi':
        return this.openapi(String(params.api), this.decode(params.params), caller)
    }
  }

  private decode(value: unknown): unknown {
    const _ = this.db.command as CloudCommand & Record<string, (...args: unknown[]) => unknown>
    if (isWireBuffer(value)) return Buffer.from(value.$base64, 'base64')
    if (isWireRegExp(value)) return this.db.RegExp({ regexp: value.$regexp, options: value.$options })
    if (isWireCommand(value)) {
      const build = _[value.$cmd]
      if (typeof build !== 'function') throw new Error(`db.command.${value.$cmd} is not supported by the stand-in`)
      return build(...value.args.map((arg) => this.decode(arg)))
    }
    if (Array.isArray(value)) return value.map((item) => this.decode(item))
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, this.decode(inner)]))
    }
    return value
  }

  private async query(params: Record<string, unknown>) {
    const state = params.state as { where?: unknown; orderBy: Array<[string, 'asc' | 'desc']>; skip?: number; limit?: number }
    let query = this.db.collection(String(params.coll)) as ReturnType<FakeCloudDb['collection']> | ReturnType<ReturnType<FakeCloudDb['collection']>['where']>
    if (state.where !== undefined) query = query.where(this.decode(state.where) as object)
    for (const [field, direction] of state.orderBy) query = query.orderBy(field, direction)
    if (state.skip !== undefined) query = query.skip(state.skip)
    if (state.limit !== undefined) query = query.limit(state.limit)
    switch (params.op) {
      case 'get':
        return query.get()
      case 'count':
        return query.count()
      case 'update':
        return query.update({ data: this.decode(params.data) as Record<string, unknown> })
      case 'remove':
        return query.remove()
      default:
        throw new Error(`unknown query op ${String(params.op)}`)
    }
  }

  private docOp(params: Record<string, unknown>) {
    const doc = this.db.collection(String(params.coll)).doc(String(params.id)) as ReturnType<ReturnType<FakeCloudDb['collection']>['doc']> & {
      set?(options: { data: Record<string, unknown> }): Promise<unknown>
    }
    const data = this.decode(params.data) as Record<string, unknown>
    switch (params.op) {
      case 'get':
        return doc.get()
      case 'update':
        return doc.update({ data })
      case 'set':
        if (!doc.set) throw new Error('doc().set() is not supported by the fake database')
        return doc.set({ data })
      case 'remove':
        return doc.remove()
      default:
        throw new Error(`unknown doc op ${String(params.op)}`)
    }
  }

  private transaction(params: Record<string, unknown>): FakeTransaction {
    const tx = this.transactions.get(String(params.tx))
    if (!tx) throw Object.assign(new Error('transaction not found'), { code: 'INVALID_PARAM' })
    return tx
  }

  private transactionOp(params: Record<string, unknown>) {
    const collection = this.transaction(params).collection(String(params.coll))
    const data = this.decode(params.data) as Record<string, unknown>
    if (params.op === 'add') return collection.add({ data })
    const doc = collection.doc(String(params.id))
    switch (params.op) {
      case 'get':
        return doc.get()
      case 'set':
        return doc.set({ data })
      case 'update':
        return doc.update({ data })
      case 'remove':
        return doc.remove()
      default:
        throw new Error(`unknown transaction op ${String(params.op)}`)
    }
  }

  private download(fileID: string, caller: CallerInfo) {
    const file = this.files.get(fileID)
    this.storageLog.push({ op: 'download', fileID, by: `function:${caller.name}`, outcome: file ? 'ok' : 'missing' })
    // wx-server-sdk throws a plain { errCode, errMsg } object here.
    if (!file) throw { errCode: STORAGE_FILE_NONEXIST, errMsg: 'storage file not exists' }
    return { statusCode: 200, fileContent: { $base64: file.bytes.toString('base64') } }
  }

  private delete(fileList: unknown[], caller: CallerInfo) {
    if (!Array.isArray(fileList) || fileList.length === 0 || fileList.length > 50) {
      throw sdkError(-501007, 'deleteFile:fail fileList必须是非空的数组，且最多 50 个')
    }
    return {
      fileList: fileList.map((fileID) => {
        const id = String(fileID)
        const exists = this.files.delete(id)
        this.storageLog.push({ op: 'delete', fileID: id, by: `function:${caller.name}`, outcome: exists ? 'ok' : 'missing' })
        return exists ? { fileID: id, status: 0, errMsg: 'ok' } : { fileID: id, status: STORAGE_FILE_NONEXIST, errMsg: 'storage file not exists' }
      }),
    }
  }

  private tempUrls(fileList: unknown[], caller: CallerInfo) {
    return {
      fileList: fileList.map((entry) => {
        const fileID = typeof entry === 'string' ? entry : String((entry as { fileID?: unknown }).fileID)
        // maxAge (seconds) is carried in the link, so tests can see what lifetime was asked for.
        const maxAge = typeof entry === 'object' && entry !== null ? (entry as { maxAge?: unknown }).maxAge : undefined
        const exists = this.files.has(fileID)
        this.storageLog.push({ op: 'tempUrl', fileID, by: `function:${caller.name}`, outcome: exists ? 'ok' : 'missing' })
        const lifetime = typeof maxAge === 'number' ? `&t=${maxAge}` : ''
        return exists
          ? { fileID, tempFileURL: `https://${this.bucket}.tcb.qcloud.la/${encodeURIComponent(fileID)}?sign=stand-in${lifetime}`, status: 0, errMsg: 'ok' }
          : { fileID, tempFileURL: '', status: STORAGE_FILE_NONEXIST, errMsg: 'storage file not exists' }
      }),
    }
  }

  private async openapi(api: string, params: unknown, caller: CallerInfo) {
    // WeChat checks config.json's permissions.openapi of the deployed function.
    if (!caller.openapiPermissions.includes(api)) {
      throw sdkError(-604101, `openapi.${api}:fail system error: error code: -604101`)
    }
    if (api !== 'ocr.vehicleLicense') throw new Error(`openapi.${api} is not stood in`)
    return this.wechat.openapi.ocr.vehicleLicense(params as Parameters<FakeWxCloud['openapi']['ocr']['vehicleLicense']>[0])
  }
}
