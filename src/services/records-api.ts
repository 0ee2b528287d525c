// The records store's port over the `records` cloud function (weapp: WeChat cloud; H5: local backend).
import type { LicenseRecord } from '../contract/records'
import type { RecordsPayloads } from '../contract/records-responses'
import type { RecordsApi, RecordsResult, ServerRecord } from '../store/records-api'
import { gateway } from './gateway'

/** The client never sees whose openid owns a record; it is always the caller. */
function toClient({ ownerOpenid: _owner, ...record }: LicenseRecord): ServerRecord {
  return record
}

function call<T extends object>(data: object) {
  return gateway.call<T>('records', data) as Promise<RecordsResult<T>>
}

export const recordsApi: RecordsApi = {
  async create(input) {
    const result = await call<{ record: LicenseRecord }>({ action: 'create', ...input })
    return result.ok ? { ok: true, record: toClient(result.record) } : result
  },
  async update(input) {
    const result = await call<{ record: LicenseRecord }>({ action: 'update', ...input })
    return result.ok ? { ok: true, record: toClient(result.record) } : result
  },
  async remove(input) {
    const result = await call<{ id: string }>({ action: 'remove', ...input })
    return result.ok ? { ok: true } : result
  },
  async list({ limit, offset }) {
    const result = await call<RecordsPayloads['list']>({ action: 'list', limit, offset })
    if (!result.ok) return result
    const { ok: _ok, records, ...rest } = result
    return { ok: true, ...rest, records: records.map(toClient) }
  },
}
