import fc from 'fast-check'
import { isVinWellFormed, suggestVinFixes, vinCheckDigit, vinCheckDigitValid } from './vin'

const VIN_CHARS = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ'.split('')
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

/** Independent oracle: the classic "index in this string mod 10" transliteration. */
function oracleCheckDigit(vin: string): string {
  const table = '0123456789.ABCDEFGH..JKLMN.P.R..STUVWXYZ'
  const sum = vin.split('').reduce((acc, c, i) => acc + (table.indexOf(c) % 10) * (WEIGHTS[i] ?? 0), 0)
  return sum % 11 === 10 ? 'X' : String(sum % 11)
}

const withCheckDigit = (vin: string): string => vin.slice(0, 8) + oracleCheckDigit(vin) + vin.slice(9)

const validVin = fc
  .array(fc.constantFrom(...VIN_CHARS), { minLength: 17, maxLength: 17 })
  .map((chars) => withCheckDigit(chars.join('')))

describe('vinCheckDigit', () => {
  it.each([
    ['1M8GDM9AXKP042788', 'X'], // 49 CFR 565 worked example
    ['1HGCM82633A004352', '3'],
    ['LSGPC52U6AF102554', '6'],
    ['LSVNV2183E2100108', '3'],
    ['LFV2A21K1A3012345', '1'],
    ['LSVAU218XN2183294', 'X'],
  ])('%s -> %s', (vin, digit) => {
    expect(vinCheckDigit(vin)).toBe(digit)
    expect(vinCheckDigitValid(vin)).toBe(true)
  })

  it('ignores the current position-9 character when computing', () => {
    expect(vinCheckDigit('LSVNV2182E2100108')).toBe('3')
    expect(vinCheckDigitValid('LSVNV2182E2100108')).toBe(false)
  })

  it.each(['', 'LSVNV2183E210010', 'LSVNV2183E21001089', 'LSVNV2183E21OO108', 'lsvnv2183e2100108', 'LSVNV2183E21001-8'])(
    'returns null for a malformed VIN %p',
    (vin) => {
      expect(vinCheckDigit(vin)).toBeNull()
      expect(vinCheckDigitValid(vin)).toBe(false)
    },
  )
})

describe('isVinWellFormed', () => {
  it('accepts 17 digits/capitals without I, O, Q', () => {
    expect(isVinWellFormed('LSVNV2183E2100108')).toBe(true)
    expect(isVinWellFormed('LSVNV2183E210010I')).toBe(false)
    expect(isVinWellFormed('LSVNV2183E210010O')).toBe(false)
    expect(isVinWellFormed('LSVNV2183E210010Q')).toBe(false)
    expect(isVinWellFormed('LSVNV2183E210010')).toBe(false)
  })
})

describe('suggestVinFixes', () => {
  it('fixes O->0 in the known example', () => {
    expect(suggestVinFixes('1M8GDM9AXKPO42788')).toEqual(['1M8GDM9AXKP042788'])
  })

  it('fixes a combination of O, Q and I', () => {
    expect(suggestVinFixes('LSVNV2I83E2IQQIO8')).toEqual(['LSVNV2183E2100108'])
  })

  it('upper-cases a lower-case VIN', () => {
    expect(suggestVinFixes('lsvnv2183e2100108')).toEqual(['LSVNV2183E2100108'])
  })

  it('suggests nothing when the substitution does not pass the check digit', () => {
    expect(suggestVinFixes('LSVNV2183E2100O09')).toEqual([])
  })

  it('suggests nothing for a valid VIN, a wrong length, or a check-digit error without confusions', () => {
    expect(suggestVinFixes('LSVNV2183E2100108')).toEqual([])
    expect(suggestVinFixes('LSVNV2183E21O010')).toEqual([])
    expect(suggestVinFixes('LSVNV2182E2100108')).toEqual([])
  })

  it('never suggests other characters than the O/Q->0, I->1 substitutions', () => {
    expect(suggestVinFixes('LSVNV2183E2100-08')).toEqual([])
  })
})

describe('VIN properties', () => {
  it('generated VINs with the oracle check digit always pass', () => {
    fc.assert(
      fc.property(validVin, (vin) => {
        expect(vinCheckDigit(vin)).toBe(vin.charAt(8))
        expect(vinCheckDigitValid(vin)).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('agrees with the oracle after any single-character change', () => {
    fc.assert(
      fc.property(validVin, fc.nat(16), fc.constantFrom(...VIN_CHARS), (vin, pos, c) => {
        const changed = vin.slice(0, pos) + c + vin.slice(pos + 1)
        expect(vinCheckDigitValid(changed)).toBe(oracleCheckDigit(changed) === changed.charAt(8))
      }),
      { numRuns: 500 },
    )
  })

  it('any single I/O/Q corruption of a 0/1 position is suggested back', () => {
    const corrupted = validVin
      .filter((vin) => /[01]/.test(vin))
      .chain((vin) => {
        const positions = vin.split('').flatMap((c, i) => (c === '0' || c === '1' ? [i] : []))
        return fc.record({ vin: fc.constant(vin), pos: fc.constantFrom(...positions) })
      })
    fc.assert(
      fc.property(corrupted, fc.boolean(), ({ vin, pos }, useQ) => {
        const wrong = vin.charAt(pos) === '1' ? 'I' : useQ ? 'Q' : 'O'
        const read = vin.slice(0, pos) + wrong + vin.slice(pos + 1)
        expect(suggestVinFixes(read)).toEqual([vin])
      }),
      { numRuns: 500 },
    )
  })
})
