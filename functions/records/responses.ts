// The failures of the `records` function that carry more than an error (the existing record for a
// duplicate VIN, the current record after a conflict); their shapes are in src/contract/records.ts.
import { appError } from '../../src/domain/errors'
import { DUPLICATE_VIN_MESSAGE, type DuplicateVinFailure, type StaleFailure } from '../../src/contract/records-responses'
import { STATUS_LABELS } from '../../src/contract/records'
import type { StoredRecord } from './model'
import { recordView } from './views'

export function duplicateVin(existingId: string): DuplicateVinFailure {
  return { ok: false, error: { code: 'DUPLICATE_VIN', message: DUPLICATE_VIN_MESSAGE, existingId }, existingId }
}

export function versionConflict(stored: StoredRecord): StaleFailure {
  const current = recordView(stored)
  return { ok: false, error: { ...appError('VERSION_CONFLICT'), current }, current }
}

/** A staff transition the record's current status does not allow (e.g. verifying a rejected record). */
export function invalidState(stored: StoredRecord, actionLabel: string): StaleFailure {
  const current = recordView(stored)
  const message = `记录当前状态为「${STATUS_LABELS[current.status]}」，不能${actionLabel}`
  return { ok: false, error: { code: 'INVALID_STATE', message, current }, current }
}
