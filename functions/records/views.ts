// What answers carry of a stored record: never a photo's storage id or path, and no retention
// bookkeeping. Details name the kept sides; list rows only say whether photos are kept.
import type { LicenseRecord } from '../../src/contract/records'
import type { StoredRecord } from './model'

function base(stored: StoredRecord): LicenseRecord {
  const { evidence: _evidence, decidedAt: _decidedAt, ...rest } = stored
  return rest
}

/** get/create/update/staffGet/decisions: the kept sides, if any. */
export function recordView(stored: StoredRecord): LicenseRecord {
  const view = base(stored)
  if (stored.evidence?.length) view.evidence = stored.evidence.map(({ side, attachedAt }) => ({ side, attachedAt }))
  return view
}

/** list/search/staffQueue rows. */
export function rowView(stored: StoredRecord): LicenseRecord {
  return { ...base(stored), hasEvidence: (stored.evidence?.length ?? 0) > 0 }
}
