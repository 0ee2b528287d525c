import { isIsoDate, toIsoDate, todayInChina } from './date'

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

  it('todayInChina uses UTC+8 whatever the host clock zone', () => {
    expect(todayInChina(new Date('2024-05-20T15:59:59Z'))).toBe('2024-05-20')
    expect(todayInChina(new Date('2024-05-20T16:00:00Z'))).toBe('2024-05-21')
  })
})
