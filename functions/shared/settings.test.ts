import { nonNegativeIntSetting } from './settings'

test.each([
  [undefined, 20],
  ['', 20],
  ['  ', 20],
  ['0', 0],
  ['3', 3],
  [' 250 ', 250],
])('OCR_DAILY_LIMIT_PER_USER=%j → %i', (raw, expected) => {
  expect(nonNegativeIntSetting('OCR_DAILY_LIMIT_PER_USER', raw, 20)).toBe(expected)
})

test.each(['-1', '2.5', 'ten', '1e3'])('refuses %j with the setting name', (raw) => {
  expect(() => nonNegativeIntSetting('OCR_DAILY_LIMIT_PER_USER', raw, 20)).toThrow(/OCR_DAILY_LIMIT_PER_USER/)
})
