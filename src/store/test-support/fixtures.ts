// Shared test data: a license and a ticking clock (one second per reading).
import type { VehicleLicense } from '../../domain/license'

export function license(overrides: Partial<VehicleLicense> = {}): VehicleLicense {
  return {
    plateNum: '粤B12345',
    vehicleType: '小型普通客车',
    owner: '张三',
    addr: '广东省深圳市南山区科技园路1号',
    useCharacter: '非营运',
    model: '大众汽车牌SVW71612BM',
    vin: 'LSVAM4187C2184847',
    engineNum: '123456',
    registerDate: '2018-05-20',
    issueDate: '2018-05-20',
    record: '440300123456',
    passengersNum: 5,
    totalQuality: 1900,
    prepareQuality: 1450,
    overallSize: '4765×1820×1475mm',
    ...overrides,
  }
}

export function tickingClock(start = Date.UTC(2024, 5, 1, 8, 0, 0)): () => Date {
  let tick = 0
  return () => new Date(start + 1000 * tick++)
}
