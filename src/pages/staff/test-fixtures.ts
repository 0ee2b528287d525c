// Records and answers as the records function returns them, for the staff page tests.
import type { AuditEntry, LicenseRecord, StatusCounts } from '../../../functions/records/model'
import { emptyLicense, type VehicleLicense } from '../../domain/license'
import type { FieldIssue } from '../../domain/validate'

export const recognizedLicense: VehicleLicense = {
  ...emptyLicense(),
  plateNum: '粤B12345',
  vehicleType: '小型普通客车',
  owner: '张三',
  addr: '广东省深圳市南山区科技园路1号',
  useCharacter: '非营运',
  model: '大众汽车牌SVW71810KJ',
  vin: 'LSVNV2183E2100108',
  engineNum: 'E12345',
  registerDate: '2018-07-06',
  issueDate: '2018-07-06',
}

export function makeRecord(overrides: Partial<LicenseRecord> = {}): LicenseRecord {
  return {
    id: 'rec1',
    ownerOpenid: 'dev-user',
    // The owner corrected the name the OCR misread.
    license: { ...recognizedLicense, owner: '张三丰' },
    recognized: recognizedLicense,
    status: 'pending',
    version: 1,
    createdAt: '2024-05-01T02:00:00.000Z',
    updatedAt: '2024-05-01T02:00:00.000Z',
    ...overrides,
  }
}

export const counts = (pending: number, verified: number, rejected: number): StatusCounts => ({ pending, verified, rejected })

export const createdEntry: AuditEntry = {
  id: 'a1',
  recordId: 'rec1',
  actor: 'dev-user',
  action: 'create',
  at: '2024-05-01T02:00:00.000Z',
  previousStatus: null,
  nextStatus: 'pending',
}

export const vinIssue: FieldIssue = {
  field: 'vin',
  code: 'VIN_CHECK_DIGIT',
  level: 'error',
  message: '车辆识别代号校验位不符（第9位应为 3），可能识别有误',
}
