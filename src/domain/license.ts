// Canonical vehicle-license model (camelCase, as the WeChat cloud API). See shared/DESIGN.md.

export interface VehicleLicense {
  plateNum: string
  vehicleType: string
  owner: string
  addr: string
  useCharacter: string
  model: string
  vin: string
  engineNum: string
  /** ISO yyyy-mm-dd when parseable, otherwise the raw text (validate() flags it) */
  registerDate: string
  issueDate: string
  /** 档案编号 */
  record: string
  passengersNum: number | null
  /** kg */
  totalQuality: number | null
  /** kg */
  prepareQuality: number | null
  /** e.g. "4765×1820×1475mm"; optional */
  overallSize: string
}

export type FieldKey = keyof VehicleLicense

export const FIELD_KEYS: readonly FieldKey[] = [
  'plateNum',
  'vehicleType',
  'owner',
  'addr',
  'useCharacter',
  'model',
  'vin',
  'engineNum',
  'registerDate',
  'issueDate',
  'record',
  'passengersNum',
  'totalQuality',
  'prepareQuality',
  'overallSize',
]

export const NUMERIC_FIELDS: readonly FieldKey[] = ['passengersNum', 'totalQuality', 'prepareQuality']

export const FIELD_LABELS: Record<FieldKey, string> = {
  plateNum: '号牌号码',
  vehicleType: '车辆类型',
  owner: '所有人',
  addr: '住址',
  useCharacter: '使用性质',
  model: '品牌型号',
  vin: '车辆识别代号',
  engineNum: '发动机号码',
  registerDate: '注册日期',
  issueDate: '发证日期',
  record: '档案编号',
  passengersNum: '核定载人数',
  totalQuality: '总质量(kg)',
  prepareQuality: '整备质量(kg)',
  overallSize: '外廓尺寸',
}

/** Per-field recognition confidence in [0, 1]; absent = unknown (the WeChat API gives none). */
export type FieldConfidence = Partial<Record<FieldKey, number>>

/**
 * Below this a recognized value is flagged for the user to check (请核对). Shared by the review
 * form and the embedded OCR, whose per-field confidence is calibrated against it (server/ocr).
 */
export const LOW_CONFIDENCE = 0.85

export function emptyLicense(): VehicleLicense {
  return {
    plateNum: '',
    vehicleType: '',
    owner: '',
    addr: '',
    useCharacter: '',
    model: '',
    vin: '',
    engineNum: '',
    registerDate: '',
    issueDate: '',
    record: '',
    passengersNum: null,
    totalQuality: null,
    prepareQuality: null,
    overallSize: '',
  }
}
