// What the pages say about evidence photos (issue 12). The retention is the backend's
// EVIDENCE_RETENTION_DAYS default (functions/records/EVIDENCE.md): a deployment that changes it
// changes this line too.
export const EVIDENCE_RETENTION_DAYS = 30

export const EVIDENCE_NOTICE = `照片仅供核验使用，核验完成 ${EVIDENCE_RETENTION_DAYS} 天后自动删除`
export const EVIDENCE_SWITCH_LABEL = '附上行驶证照片供核验'
export const EVIDENCE_OFF_TEXT = '不附照片，核验人员将看到“无证件照片”'
export const NO_EVIDENCE_TEXT = '无证件照片'
export const EVIDENCE_DELETED_TEXT = '照片已按规定删除'
export const EVIDENCE_LOADING_TEXT = '正在加载证件照片…'
export const SIDE_TEXT = { front: '主页', back: '副页' } as const
export const EVIDENCE_FAILED_TEXT = '证件照片加载失败，点击重试'
