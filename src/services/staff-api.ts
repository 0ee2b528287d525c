// Staff review over the `records` cloud function (weapp: WeChat cloud; H5: local backend). The role
// is checked on the server; the client only uses it to decide what to show.
import type { LicenseRecord } from '../contract/records'
import type { RecordsPayloads } from '../contract/records-responses'
import type { RecordsInputOf } from '../contract/records-events'
import type { AppError } from '../domain/errors'
import { gateway } from './gateway'

/** VERSION_CONFLICT and INVALID_STATE carry the record as it is now. */
export type StaffError = AppError & { current?: unknown }

export type StaffResult<T extends object> = ({ ok: true } & T) | { ok: false; error: StaffError }

export type StaffQueueQuery = Omit<RecordsInputOf<'staffQueue'>, 'action'>
export type StaffQueuePage = RecordsPayloads['staffQueue']
export type StaffRecordDetail = RecordsPayloads['staffGet']
export type StaffExport = RecordsPayloads['exportCsv']

export const STAFF_ERROR = {
  FORBIDDEN: 'FORBIDDEN',
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  INVALID_STATE: 'INVALID_STATE',
} as const

function call<T extends object>(data: RecordsInputOf<'staffQueue' | 'staffGet' | 'verify' | 'reject' | 'reopen' | 'exportCsv'>) {
  return gateway.call<T>('records', data) as Promise<StaffResult<T>>
}

export const staffApi = {
  queue(query: StaffQueueQuery = {}) {
    return call<StaffQueuePage>({ action: 'staffQueue', ...query })
  },
  get(id: string) {
    return call<StaffRecordDetail>({ action: 'staffGet', id })
  },
  verify(id: string, version: number) {
    return call<{ record: LicenseRecord }>({ action: 'verify', id, version })
  },
  /** `reason`: 1..200 characters after trimming (the server checks it too). */
  reject(id: string, version: number, reason: string) {
    return call<{ record: LicenseRecord }>({ action: 'reject', id, version, reason })
  },
  reopen(id: string) {
    return call<{ record: LicenseRecord }>({ action: 'reopen', id })
  },
  /** Verified records updated in [from, to] (China calendar days, yyyy-mm-dd). */
  exportCsv(from: string, to: string) {
    return call<StaffExport>({ action: 'exportCsv', from, to })
  },
}

/** A failure that means "someone else changed this record first": reload and show the current state. */
export function isStaleError(error: StaffError): boolean {
  return error.code === STAFF_ERROR.VERSION_CONFLICT || error.code === STAFF_ERROR.INVALID_STATE
}
