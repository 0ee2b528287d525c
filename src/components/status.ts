import type { RecordStatus } from '../../functions/records/model'
import type { SyncState } from '../store/records'

export const STATUS_TEXT: Record<RecordStatus, string> = { pending: '待审核', verified: '已核验', rejected: '已驳回' }
export const STATUS_TAG: Record<RecordStatus, 'warning' | 'success' | 'danger'> = { pending: 'warning', verified: 'success', rejected: 'danger' }

/** Sync state as users see it; 'synced' shows nothing. */
export const SYNC_TEXT: Record<SyncState, string> = {
  synced: '',
  pending: '待同步',
  syncing: '同步中',
  error: '同步失败',
  conflict: '有冲突',
}
