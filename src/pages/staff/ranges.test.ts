import { actorText, chinaTime, shiftDay, statusChangeText } from './format'
import { exportRange, withDay } from './ranges'
import { createdEntry } from '../../../test/fixtures/staff'

test('times are shown in China time, days shift across month ends', () => {
  expect(chinaTime('2024-05-01T17:30:00.000Z')).toBe('2024-05-02 01:30')
  expect(shiftDay('2024-03-01', -1)).toBe('2024-02-29')
})

test('the export range fills open ends: up to today, 30 days back from the end', () => {
  const now = new Date('2024-05-31T20:00:00.000Z') // 2024-06-01 in China
  expect(exportRange('', '', now)).toEqual({ from: '2024-05-03', to: '2024-06-01' })
  expect(exportRange('', '2024-02-10', now)).toEqual({ from: '2024-01-12', to: '2024-02-10' })
  expect(exportRange('2024-04-01', '', now)).toEqual({ from: '2024-04-01', to: '2024-06-01' })
})

test('a picked day never leaves the range running backwards', () => {
  const range = { platePrefix: '', from: '2024-05-01', to: '2024-05-10' }
  expect(withDay(range, 'from', '2024-05-20')).toMatchObject({ from: '2024-05-20', to: '2024-05-20' })
  expect(withDay(range, 'to', '2024-04-01')).toMatchObject({ from: '2024-04-01', to: '2024-04-01' })
})

test('audit entries read as who did what', () => {
  expect(statusChangeText(createdEntry)).toBe('待审核')
  expect(statusChangeText({ ...createdEntry, action: 'verify', previousStatus: 'pending', nextStatus: 'verified' })).toBe('待审核 → 已核验')
  expect(statusChangeText({ ...createdEntry, action: 'update', previousStatus: 'pending', nextStatus: 'pending' })).toBe('')
  expect(actorText(createdEntry, 'dev-user')).toBe('车主')
  expect(actorText({ ...createdEntry, actor: 'dev-staff' }, 'dev-user')).toBe('核验员 dev-staff')
})
