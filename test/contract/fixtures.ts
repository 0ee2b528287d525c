// Test images (tiny but structurally complete) and the license the fakes "recognize".
import type { VehicleLicense } from '../../src/domain/license'

/** 8×8 grey JPEG (sharp, quality 50). */
export const JPEG = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARES' +
    'EhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAIAAgDASIAAhEB' +
    'AxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFAEBAAAAAAAAAAAAAAAAAAAAAP/EABQRAQAA' +
    'AAAAAAAAAAAAAAAAAAD/2gAMAwEAAhEDEQA/AKQAH//Z',
  'base64',
)

/** 8×8 grey PNG (sharp). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAD0lEQVR4nGM4gQMwDC0JAJwulgGh6TLjAAAAAElFTkSuQmCC',
  'base64',
)

/** 2×2 24-bit BMP: 54-byte header + two padded rows. */
export const BMP = (() => {
  const rowBytes = 8 // 2 px × 3 bytes, padded to 4
  const pixels = 2 * rowBytes
  const bmp = Buffer.alloc(54 + pixels, 0xc8)
  bmp.write('BM', 0, 'latin1')
  bmp.writeUInt32LE(bmp.length, 2)
  bmp.writeUInt32LE(0, 6)
  bmp.writeUInt32LE(54, 10)
  bmp.writeUInt32LE(40, 14) // BITMAPINFOHEADER
  bmp.writeInt32LE(2, 18)
  bmp.writeInt32LE(2, 22)
  bmp.writeUInt16LE(1, 26)
  bmp.writeUInt16LE(24, 28)
  bmp.writeUInt32LE(0, 30)
  bmp.writeUInt32LE(pixels, 34)
  bmp.fill(0, 38, 54)
  return bmp
})()

/** Valid magic bytes but cut off mid-stream: WeChat cannot decode it (101002). */
export const TRUNCATED_JPEG = JPEG.subarray(0, 120)

/** Minimal WebP header: an image, but not a format WeChat OCR accepts. */
export const WEBP = Buffer.concat([Buffer.from('RIFF\x1a\x00\x00\x00WEBPVP8 ', 'latin1'), Buffer.alloc(14)])

/** The fakes' default "no license in this photo" trigger. */
export const NO_LICENSE_MARKER = 'NO-LICENSE'

/** A decodable JPEG of something that is not a license: the marker in a COM segment. */
export const JPEG_WITHOUT_LICENSE = withJpegComment(JPEG, NO_LICENSE_MARKER)

export function withJpegComment(jpeg: Buffer, comment: string): Buffer {
  const text = Buffer.from(comment, 'latin1')
  const segment = Buffer.alloc(4)
  segment.writeUInt16BE(0xfffe, 0)
  segment.writeUInt16BE(text.length + 2, 2)
  return Buffer.concat([jpeg.subarray(0, 2), segment, text, jpeg.subarray(2)])
}

/** What normalize() must make of the fakes' default payload, in either case style. */
export const EXPECTED_LICENSE: VehicleLicense = {
  plateNum: '粤S8K2D6',
  vehicleType: '小型普通客车',
  owner: '东莞市智行机械有限公司',
  addr: '广东省东莞市南城街道鸿福路88号',
  useCharacter: '非营运',
  model: '江淮牌HFC6483A1C7V',
  vin: 'LJ166A245J4123457',
  engineNum: 'J3A81953',
  registerDate: '2018-07-06',
  issueDate: '2018-07-06',
  record: '441900181033',
  passengersNum: 7,
  totalQuality: 2700,
  prepareQuality: 1995,
  overallSize: '4790×1820×1735mm',
}
