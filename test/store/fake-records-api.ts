// In-memory RecordsApi that answers what the real `records` function answers through the client
// adapter (src/services/records-api.ts): the same versions (an update that changes nothing is not a
// write), statuses (any edit goes back to review), errors (DUPLICATE_VIN and VERSION_CONFLICT built by
// the function's own responses.ts), list pages with nextOffset, the first one with the viewer. test/store/records-api.contract.test.ts
// runs the same scenarios against this fake and the real handler, so the two cannot drift apart.
// Switches let tests go offline, hold calls in flight, refuse a call, and play "another device".
import { duplicateVin } from '../../functions/records/responses'
import { fail, ok } from '../../src/contract/result'
import { appError, type AppError } from '../../src/domain/errors'
import { FIELD_KEYS, type VehicleLicense } from '../../src/domain/license'
import type { RecordStatus } from '../../src/contract/records'
import type {
  CreateRecordInput,
  ListRecordsInput,
  RecordsApi,
  RecordsListPage,
  RecordsResult,
  RemoveRecordInput,
  ServerRecord,
  UpdateRecordInput,
} from '../../src/store/records-api'

export type ApiMethod = keyof RecordsApi

/** Answers travel as JSON, as they do over the wire (and jsdom hides Node's structuredClone). */
const copy = <T,>(value: T): T => (value === undefined ? value : JSON.parse(JSON.stringify(value)))

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

  /** Whether the caller has the staff role (the first list page tells). */
  staff = false

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
  serverEdit(id: string, changes: Partial<VehicleLicense>, status?: RecordStatus): ServerRecord {
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

  async create(input: CreateRecordInput): Promise<RecordsResult<{ record: ServerRecord }>> {
    return this.call('create', input, () => {
      const existingForClient = input.clientId === undefined ? undefined : this.byClientId.get(input.clientId)
      if (existingForClient) return ok({ record: this.records.get(existingForClient)! })
      const duplicate = this.holderOfVin(input.license.vin)
      if (duplicate) return duplicateVin(duplicate.id)
      const record = this.insert(input.license, input.recognized ?? null)
      if (input.clientId !== undefined) this.byClientId.set(input.clientId, record.id)
      return ok({ record })
    })
  }

  async update(input: UpdateRecordInput): Promise<RecordsResult<{ record: ServerRecord }>> {
    return this.call('update', input, () => {
      const current = this.records.get(input.id)
      if (!current) return fail(appError('NOT_FOUND'))
      if (current.version !== input.version) return versionConflict(current)
      const changed = FIELD_KEYS.some((key) => current.license[key] !== input.license[key])
      // Saving unchanged values is not an edit: same version, same status.
      if (!changed && input.evidence === undefined) return ok({ record: current })
      const duplicate = this.holderOfVin(input.license.vin, input.id)
      if (duplicate) return duplicateVin(duplicate.id)
      // Any edit goes back to review; a previous decision's reason is dropped.
      const { rejectReason: _reason, ...rest } = current
      const record: ServerRecord = { ...rest, license: { ...input.license }, status: 'pending', version: current.version + 1, updatedAt: this.now() }
      this.records.set(input.id, record)
      return ok({ record })
    })
  }

  async remove(input: RemoveRecordInput): Promise<RecordsResult<object>> {
    return this.call<object>('remove', input, () => {
      const current = this.records.get(input.id)
      if (!current) return fail(appError('NOT_FOUND'))
      if (input.version !== undefined && current.version !== input.version) return versionConflict(current)
      this.records.delete(input.id)
      return ok({})
    })
  }

  /**
   * Last written first (updatedAt descending, ties by id descending), as the repositories list an
   * owner's records; rows say whether photos are attached; nextOffset null on the last page; the
   * first page says who the caller is (`staff`; the pending count is this fake's own records').
   */
  async list(input: ListRecordsInput): Promise<RecordsResult<RecordsListPage>> {
    return this.call('list', input, () => {
      const all = [...this.records.values()].sort((a, b) => (a.updatedAt !== b.updatedAt ? (a.updatedAt < b.updatedAt ? 1 : -1) : a.id < b.id ? 1 : -1))
      const offset = input.offset ?? 0
      const end = offset + (input.limit ?? 20)
      const page = { records: all.slice(offset, end).map((record) => ({ ...record, hasEvidence: false })), nextOffset: end < all.length ? end : null }
      if (offset !== 0) return ok(page)
      const pending = all.filter((record) => record.status === 'pending').length
      return ok({ ...page, viewer: this.staff ? { staff: true as const, pending } : { staff: false as const } })
    })
  }

  private holderOfVin(vin: string, except?: string): ServerRecord | undefined {
    // One record per owner and VIN; an empty VIN is never taken.
    return vin ? [...this.records.values()].find((r) => r.id !== except && r.license.vin === vin) : undefined
  }

  private async call<T extends object>(method: ApiMethod, input: ApiCall['input'], run: () => RecordsResult<T>): Promise<RecordsResult<T>> {
    this.calls.push({ method, input: copy(input) })
    if (this.held) await this.held.promise
    if (this.offline.has(method)) return fail(appError('NETWORK'))
    const refusal = this.refusals.findIndex((r) => r.method === method)
    if (refusal >= 0) return fail(this.refusals.splice(refusal, 1)[0].error)
    const result = copy(run())
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

/** VERSION_CONFLICT as the function answers it: the current record in the error and beside it. */
function versionConflict(current: ServerRecord): RecordsResult<never> {
  return { ok: false, error: { ...appError('VERSION_CONFLICT'), current }, current } as RecordsResult<never>
}
