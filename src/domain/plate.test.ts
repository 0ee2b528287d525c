import fc from 'fast-check'
import { classifyPlate, cleanPlate, PROVINCES, type PlateKind } from './plate'

const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ'.split('')
const DIGITS = '0123456789'.split('')
const SERIAL = LETTERS.concat(DIGITS)

const province = fc.constantFrom(...PROVINCES.split(''))
const letter = fc.constantFrom(...LETTERS)
const chars = (pool: string[], n: number) =>
  fc.array(fc.constantFrom(...pool), { minLength: n, maxLength: n }).map((a) => a.join(''))

describe('classifyPlate', () => {
  it.each<[string, PlateKind]>([
    ['京A12345', 'ordinary'],
    ['粤B8L9Q2', 'ordinary'],
    ['沪AZ7788', 'ordinary'],
    ['粤BD12345', 'newEnergySmall'],
    ['粤BF12345', 'newEnergySmall'],
    ['京ADA1234', 'newEnergySmall'],
    ['浙AA12345', 'newEnergySmall'], // A/B/C/E and G/H/J/K follow once D/F run out
    ['苏EK12345', 'newEnergySmall'],
    ['粤B12345D', 'newEnergyLarge'],
    ['鲁B54321F', 'newEnergyLarge'],
    ['粤A1234挂', 'trailer'],
    ['京A0001学', 'coach'],
    ['京A0001警', 'police'],
    ['粤Z1234港', 'hongKong'],
    ['粤ZA123澳', 'macau'],
    ['使014578', 'embassy'],
    ['123456使', 'embassy'],
    ['沪A1234领', 'consulate'],
  ])('%s is %s', (plate, kind) => {
    expect(classifyPlate(plate)).toBe(kind)
  })

  it.each([
    '',
    '粤B1234', // too short
    '粤B123456', // 8 chars but not new energy
    '粤I12345', // authority letter I
    '粤B1234O', // serial letter O
    '粤BX12345', // X is not a new-energy letter
    '粤B1234AD', // large new energy needs five digits
    '京A1234港', // 港 only on 粤Z
    'XA12345', // not a province
    '使01457',
    '粤B12345挂',
  ])('rejects %p', (plate) => {
    expect(classifyPlate(plate)).toBeNull()
  })

  it('cleans spaces, middle dots, full-width and lower-case letters before classifying', () => {
    expect(cleanPlate(' 粤b·12 345 ')).toBe('粤B12345')
    expect(cleanPlate('粤Ｂ．１２３４５')).toBe('粤B12345')
    expect(classifyPlate('粤b·d12345')).toBe('newEnergySmall')
  })
})

describe('plate properties', () => {
  it('every generated ordinary plate is ordinary', () => {
    const plate = fc.tuple(province, letter, chars(SERIAL, 5)).map((p) => p.join(''))
    fc.assert(fc.property(plate, (p) => expect(classifyPlate(p)).toBe('ordinary')), { numRuns: 500 })
  })

  it('every generated small new-energy plate is newEnergySmall', () => {
    const first = fc.constantFrom('D', 'F', 'A', 'B', 'C', 'E', 'G', 'H', 'J', 'K')
    const plate = fc
      .tuple(province, letter, first, fc.constantFrom(...SERIAL), chars(DIGITS, 4))
      .map((p) => p.join(''))
    fc.assert(fc.property(plate, (p) => expect(classifyPlate(p)).toBe('newEnergySmall')), { numRuns: 500 })
  })

  it('every generated large new-energy plate is newEnergyLarge', () => {
    const plate = fc
      .tuple(province, letter, chars(DIGITS, 5), fc.constantFrom('D', 'F'))
      .map((p) => p.join(''))
    fc.assert(fc.property(plate, (p) => expect(classifyPlate(p)).toBe('newEnergyLarge')), { numRuns: 500 })
  })

  it('a generated plate keeps its kind when written with a dot, spaces and lower case', () => {
    const plate = fc.tuple(province, letter, chars(SERIAL, 5)).map((p) => p.join(''))
    fc.assert(
      fc.property(plate, (p) => {
        const messy = ` ${p.slice(0, 2).toLowerCase()}·${p.slice(2, 4)} ${p.slice(4).toLowerCase()} `
        expect(classifyPlate(messy)).toBe('ordinary')
      }),
    )
  })

  it('never throws on arbitrary strings', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const kind = classifyPlate(s)
      expect(kind === null || typeof kind === 'string').toBe(true)
    }))
  })
})
