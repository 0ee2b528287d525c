import type { RecordStatus } from '../contract/records'
import type { SyncState } from '../store/records'

// The labels are the contract's (STATUS_LABELS), as the server writes them in its messages and CSV.
export { STATUS_LABELS } from '../contract/records'
export const STATUS_TAG: Record<RecordStatus, 'warning' | 'success' | 'danger'> = { pending: 'warning', verified: 'success', rejected: 'danger' }

/** Sync state as users see it; 'synced' shows nothing. */
export const SYNC_TEXT: Record<SyncState, string> = {
  synced: '',
  pending: '待同步',
  syncing: '同步中',
  error: '同步失败',
  conflict: '有冲突',
}
