// In-memory RecordsApi following the port's contract (versions, clientId idempotency, duplicate
// VIN, conflicts), with switches tests use to go offline, hold calls in flight, refuse a call,
// and play "another device" editing the server's copy.
import { fail, ok, type FnResult } from '../../../functions/shared/result'
import { appError, type AppError } from '../../domain/errors'
import type { VehicleLicense } from '../../domain/license'
import type {
  CreateRecordInput,
  ListRecordsInput,
  RecordsApi,
  RemoveRecordInput,
  ReviewStatus,
  ServerRecord,
  UpdateRecordInput,
} from '../records-api'

export type ApiMethod = keyof RecordsApi

export interface ApiCall {
  method: ApiMethod
  input: CreateRecordInput | UpdateRecordInput | RemoveRecordInput | ListRecordsInput
}

export class FakeRecordsApi implements RecordsApi {
  readonly records = new Map<string, ServerRecord>()
  readonly calls: ApiCall[] = []
  private readonly byClientId = new Map<string, string>()
  private readonly offline = new Set<ApiMethod>()
  private readonly refusals: { method: ApiMethod; error: AppError }[] = []
  private readonly lostAnswers = new Set<ApiMethod>()
  private held: { promise: Promise<void>; release: () => void } | null = null
  private nextId = 1

  /** `clock` is shared with the store under test so server and local timestamps interleave. */
  constructor(private readonly clock: () => Date) {}

  /** Every method (or just the named ones) answers NETWORK until up(). */
  down(...methods: ApiMethod[]): void {
    for (const method of methods.length ? methods : (['create', 'update', 'remove', 'list'] as const)) this.offline.add(method)
  }

  up(): void {
    this.offline.clear()
  }

  /** The next call of `method` is refused with `error`. */
  refuseNext(method: ApiMethod, error: AppError): void {
    this.refusals.push({ method, error })
  }

  /** The next call of `method` is carried out, but the client gets NETWORK (a lost response). */
  loseNextAnswer(method: ApiMethod): void {
    this.lostAnswers.add(method)
  }

  /** Calls wait (in flight) until the returned release() is called. */
  hold(): () => void {
    let release = () => undefined as void
    const promise = new Promise<void>((resolve) => (release = resolve))
    this.held = { promise, release }
    return () => {
      this.held = null
      release()
    }
  }

  /** Another device or staff changes the server copy. */
  serverEdit(id: string, changes: Partial<VehicleLicense>, status?: ReviewStatus): ServerRecord {
    const current = this.records.get(id)
    if (!current) throw new Error(`no record ${id}`)
    const next = { ...current, license: { ...current.license, ...changes }, version: current.version + 1, updatedAt: this.now() }
    if (status) next.status = status
    this.records.set(id, next)
    return next
  }

  serverDelete(id: string): void {
    this.records.delete(id)
  }

  serverCreate(license: VehicleLicense): ServerRecord {
    return this.insert(license, null)
  }

  async create(input: CreateRecordInput): Promise<FnResult<{ record: ServerRecord }>> {
    return this.call('create', input, () => {
      const existingForClient = this.byClientId.get(input.clientId)
      if (existingForClient) return ok({ record: this.records.get(existingForClient)! })
      const duplicate = [...this.records.values()].find((r) => input.license.vin && r.license.vin === input.license.vin)
      if (duplicate) {
        return fail({ code: 'DUPLICATE_VIN', message: '该车辆识别代号已登记', existingId: duplicate.id } as AppError)
      }
      const record = this.insert(input.license, input.recognized)
      this.byClientId.set(input.clientId, record.id)
      return ok({ record })
    })
  }

  async update(input: UpdateRecordInput): Promise<FnResult<{ record: ServerRecord }>> {
    return this.call('update', input, () => {
      const current = this.records.get(input.id)
      if (!current) return fail(appError('NOT_FOUND'))
      if (current.version !== input.version) return fail({ ...appError('VERSION_CONFLICT'), current } as AppError)
      const record = { ...current, license: { ...input.license }, version: current.version + 1, updatedAt: this.now() }
      this.records.set(input.id, record)
      return ok({ record })
    })
  }

  async remove(input: RemoveRecordInput): Promise<FnResult<object>> {
    return this.call('remove', input, () => {
      const current = this.records.get(input.id)
      if (!current) return fail(appError('NOT_FOUND'))
      if (current.version !== input.version) return fail({ ...appError('VERSION_CONFLICT'), current } as AppError)
      this.records.delete(input.id)
      return ok({})
    })
  }

  async list(input: ListRecordsInput): Promise<FnResult<{ records: ServerRecord[]; total: number }>> {
    return this.call('list', input, () => {
      const all = [...this.records.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))
      const offset = input.offset ?? 0
      return ok({ records: all.slice(offset, offset + (input.limit ?? 20)), total: all.length })
    })
  }

  private async call<T extends object>(method: ApiMethod, input: ApiCall['input'], run: () => FnResult<T>): Promise<FnResult<T>> {
    this.calls.push({ method, input: structuredClone(input) })
    if (this.held) await this.held.promise
    if (this.offline.has(method)) return fail(appError('NETWORK'))
    const refusal = this.refusals.findIndex((r) => r.method === method)
    if (refusal >= 0) return fail(this.refusals.splice(refusal, 1)[0].error)
    const result = structuredClone(run())
    if (this.lostAnswers.delete(method)) return fail(appError('NETWORK'))
    return result
  }

  private insert(license: VehicleLicense, recognized: VehicleLicense | null): ServerRecord {
    const at = this.now()
    const record: ServerRecord = {
      id: `srv-${this.nextId++}`,
      license: { ...license },
      recognized: recognized ? { ...recognized } : null,
      status: 'pending',
      version: 1,
      createdAt: at,
      updatedAt: at,
    }
    this.records.set(record.id, record)
    return record
  }

  private now(): string {
    return this.clock().toISOString()
  }

  /** Server-side calls of one method, in order. */
  callsOf(method: ApiMethod): ApiCall['input'][] {
    return this.calls.filter((c) => c.method === method).map((c) => c.input)
  }
}
