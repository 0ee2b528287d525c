// Events the `records` function accepts (the wire contract of its inputs), checked with valibot
// before anything touches the database.
// Objects are strict (unknown fields are rejected), ids have a fixed alphabet (no "$" operators, no
// objects), license values are strings or numbers of bounded size.
import * as v from 'valibot'
import { daysBetween, isIsoDate } from '../domain/date'
import type { VehicleLicense } from '../domain/license'
import { EVIDENCE_SIDES, RECORD_STATUSES } from './records'

/** CloudBase returns at most 100 documents per query from a cloud function. */
export const MAX_PAGE_SIZE = 100

export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
export const DEFAULT_PAGE_SIZE = 20
export const MAX_OFFSET = 10_000
export const MAX_REASON_LENGTH = 200
/** Widest export range: a year keeps one export within the function's time and response limits. */
export const MAX_EXPORT_DAYS = 366

/** Strict object; its own issues are a missing required key or an unknown key (the path names it). */
const strict = <T extends v.ObjectEntries>(entries: T) =>
  v.strictObject(entries, (issue) => (issue.received === 'undefined' ? '缺少必填字段' : '不允许的字段'))

const Id = v.pipe(v.string('记录 ID 必须是字符串'), v.regex(ID_PATTERN, '记录 ID 格式无效'))
const Version = v.pipe(v.number('版本号必须是数字'), v.integer('版本号必须是整数'), v.minValue(1, '版本号无效'))

const text = (max: number) =>
  v.pipe(v.string('必须是字符串'), v.maxLength(max, `不能超过 ${max} 个字符`))

/** Passenger counts and masses: a number or empty; the bound only keeps junk out, validate() judges values. */
const quantity = v.nullable(
  v.pipe(v.number('必须是数字或空'), v.finite('必须是有限数字'), v.minValue(-1e7, '数值过小'), v.maxValue(1e7, '数值过大')),
)

export const LicenseSchema = strict({
  plateNum: text(20),
  vehicleType: text(40),
  owner: text(100),
  addr: text(200),
  useCharacter: text(40),
  model: text(100),
  vin: text(40),
  engineNum: text(40),
  registerDate: text(20),
  issueDate: text(20),
  record: text(40),
  passengersNum: quantity,
  totalQuality: quantity,
  prepareQuality: quantity,
  overallSize: text(60),
})

// Both directions: the schema accepts exactly the VehicleLicense shape.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
const licenseSchemaMatchesModel: Same<v.InferOutput<typeof LicenseSchema>, VehicleLicense> = true
void licenseSchemaMatchesModel

const Limit = v.optional(
  v.pipe(v.number('limit 必须是数字'), v.integer('limit 必须是整数'), v.minValue(1, 'limit 至少为 1'), v.maxValue(MAX_PAGE_SIZE, `limit 最多为 ${MAX_PAGE_SIZE}`)),
  DEFAULT_PAGE_SIZE,
)
const Offset = v.optional(
  v.pipe(v.number('offset 必须是数字'), v.integer('offset 必须是整数'), v.minValue(0, 'offset 不能为负'), v.maxValue(MAX_OFFSET, `offset 最多为 ${MAX_OFFSET}`)),
  0,
)
const Day = v.pipe(v.string('日期必须是字符串'), v.check(isIsoDate, '日期格式应为 yyyy-mm-dd'))
const Status = v.picklist(RECORD_STATUSES, '状态无效')

/** Photos to keep with the record: at most one per side. */
const Evidence = v.pipe(
  v.array(
    strict({
      fileID: v.pipe(v.string('fileID 必须是字符串'), v.minLength(1, 'fileID 不能为空'), v.maxLength(300, 'fileID 过长')),
      side: v.picklist(EVIDENCE_SIDES, '照片面只能是 front 或 back'),
    }),
    '证件照片必须是数组',
  ),
  v.maxLength(EVIDENCE_SIDES.length, `证件照片最多 ${EVIDENCE_SIDES.length} 张`),
  v.check((photos) => new Set(photos.map((photo) => photo.side)).size === photos.length, '每一面只能有一张证件照片'),
  v.check((photos) => new Set(photos.map((photo) => photo.fileID)).size === photos.length, '同一张照片不能用于两面'),
)

export const CreateEvent = strict({
  action: v.literal('create'),
  license: LicenseSchema,
  recognized: v.optional(v.nullable(LicenseSchema), null),
  /** Idempotency key: a create retried after a lost response returns the first one's record. */
  clientId: v.optional(v.pipe(v.string('clientId 必须是字符串'), v.regex(ID_PATTERN, 'clientId 格式无效'))),
  evidence: v.optional(Evidence),
})

/** With `evidence`, the photo of each side given is replaced (the other side is kept; removeEvidence drops them). */
export const UpdateEvent = strict({ action: v.literal('update'), id: Id, version: Version, license: LicenseSchema, evidence: v.optional(Evidence) })
export const EvidenceTargetEvent = strict({ action: v.literal('evidenceTarget') })
export const EvidenceUrlEvent = strict({ action: v.literal('evidenceUrl'), id: Id })
export const RemoveEvidenceEvent = strict({ action: v.literal('removeEvidence'), id: Id })
export const RemoveEvent = strict({ action: v.literal('remove'), id: Id, version: v.optional(Version) })
export const GetEvent = strict({ action: v.literal('get'), id: Id })
export const ListEvent = strict({ action: v.literal('list'), limit: Limit, offset: Offset })
/**
 * Control characters (NUL, newlines, DEL …) in a search are refused: SQLite's LIKE stops reading a
 * pattern at NUL, so "\u0000" would match every record, and no license field holds one.
 */
const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u

export const SearchEvent = strict({
  action: v.literal('search'),
  query: v.pipe(
    v.string('搜索内容必须是字符串'),
    v.trim(),
    v.minLength(1, '请输入搜索内容'),
    v.maxLength(50, '搜索内容不能超过 50 个字符'),
    v.regex(NO_CONTROL_CHARACTERS, '搜索内容不能包含控制字符'),
  ),
  limit: Limit,
})

export const StaffQueueEvent = strict({
  action: v.literal('staffQueue'),
  status: v.optional(Status),
  from: v.optional(Day),
  to: v.optional(Day),
  platePrefix: v.optional(
    v.pipe(v.string('号牌前缀必须是字符串'), v.trim(), v.regex(/^[\u4e00-\u9fa5A-Za-z0-9]{1,10}$/, '号牌前缀只能包含汉字、字母和数字')),
  ),
  limit: Limit,
  offset: Offset,
})
export const StaffGetEvent = strict({ action: v.literal('staffGet'), id: Id })
export const VerifyEvent = strict({ action: v.literal('verify'), id: Id, version: Version })
export const RejectEvent = strict({
  action: v.literal('reject'),
  id: Id,
  version: Version,
  reason: v.pipe(
    v.string('驳回原因必须是字符串'),
    v.trim(),
    v.minLength(1, '请填写驳回原因'),
    v.maxLength(MAX_REASON_LENGTH, `驳回原因不能超过 ${MAX_REASON_LENGTH} 个字符`),
  ),
})
export const ReopenEvent = strict({ action: v.literal('reopen'), id: Id })
export const ExportCsvEvent = strict({ action: v.literal('exportCsv'), from: Day, to: Day })

const AnyEvent = v.variant(
  'action',
  [
    CreateEvent,
    UpdateEvent,
    RemoveEvent,
    GetEvent,
    ListEvent,
    SearchEvent,
    StaffQueueEvent,
    StaffGetEvent,
    VerifyEvent,
    RejectEvent,
    ReopenEvent,
    ExportCsvEvent,
    EvidenceTargetEvent,
    EvidenceUrlEvent,
    RemoveEvidenceEvent,
  ],
  (issue) => `未知的操作 ${issue.received}`,
)
type AnyEvent = v.InferOutput<typeof AnyEvent>

/** Date ranges (staffQueue, exportCsv) must not run backwards. */
const rangeInOrder = (event: AnyEvent) =>
  !('from' in event) || event.from === undefined || event.to === undefined || event.from <= event.to

const exportWithinLimit = (event: AnyEvent) =>
  event.action !== 'exportCsv' || daysBetween(event.from, event.to) < MAX_EXPORT_DAYS

// Cross-field checks run on the whole event: valibot variants take plain object schemas only.
export const RecordsEvent = v.pipe(
  AnyEvent,
  v.check(rangeInOrder, '开始日期不能晚于结束日期'),
  v.check(exportWithinLimit, `导出范围不能超过 ${MAX_EXPORT_DAYS} 天`),
)

export type RecordsEvent = v.InferOutput<typeof RecordsEvent>
export type RecordsAction = RecordsEvent['action']
export type RecordsEventOf<A extends RecordsAction> = Extract<RecordsEvent, { action: A }>
/** What a client sends (optional members may be left out). */
export type RecordsInputOf<A extends RecordsAction> = Extract<v.InferInput<typeof RecordsEvent>, { action: A }>

export const STAFF_ACTIONS: ReadonlySet<string> = new Set<RecordsAction>([
  'staffQueue',
  'staffGet',
  'verify',
  'reject',
  'reopen',
  'exportCsv',
])

/** A valibot issue as one Chinese line: where, then what. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
  const path = (issue.path ?? [])
    .map((item) => String(item.key))
    .join('.')
  return path ? `${path}：${issue.message}` : issue.message
}
