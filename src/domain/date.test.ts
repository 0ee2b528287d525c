import { daysBetween, isIsoDate, toIsoDate, todayInChina } from './date'

describe('date helpers', () => {
  it.each([
    ['2018-07-06', true],
    ['2020-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2019-02-29', false],
    ['2018-04-31', false],
    ['2018-00-10', false],
    ['2018-7-6', false],
    ['20180706', false],
    ['', false],
    ['0001-01-01', true],
    ['0000-01-01', false],
    ['2018-07-00', false],
    ['2018-07-32', false],
    [' 2018-07-06', false],
    ['x2018-07-06', false],
    ['2018-07-06x', false],
    ['2018-07-06 ', false],
  ])('isIsoDate(%p) = %p', (text, expected) => {
    expect(isIsoDate(text)).toBe(expected)
  })

  it.each([
    ['2018/7/6', '2018-07-06'],
    ['2018.07.06', '2018-07-06'],
    ['2018年7月6日', '2018-07-06'],
    ['20181231', '2018-12-31'],
    ['20181331', null],
    ['18-07-06', null],
    ['2018-07', null],
  ])('toIsoDate(%p) = %p', (text, expected) => {
    expect(toIsoDate(text)).toBe(expected)
  })

  it('daysBetween counts whole calendar days, negative backwards', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2)
    expect(daysBetween('2023-02-28', '2023-03-01')).toBe(1)
    expect(daysBetween('2024-05-20', '2024-05-20')).toBe(0)
    expect(daysBetween('2024-05-20', '2024-05-10')).toBe(-10)
    expect(daysBetween('2023-12-31', '2025-01-01')).toBe(367)
  })

  it('todayInChina uses UTC+8 whatever the host clock zone', () => {
    expect(todayInChina(new Date('2024-05-20T15:59:59Z'))).toBe('2024-05-20')
    expect(todayInChina(new Date('2024-05-20T16:00:00Z'))).toBe('2024-05-21')
  })
})
