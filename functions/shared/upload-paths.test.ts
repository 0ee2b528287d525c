import { fileIdInBucketOf, isOwnUpload, parseCloudFileId, uploadPathFor } from './upload-paths'

const ENV = 'prod-1g2h3j4k5'
const BUCKET = '7072-prod-1g2h3j4k5-1300000000'
const ME = 'oAbCdEfGhIjKlMnOpQrStUvWxYz0'
const OTHER = 'oZyXwVuTsRqPoNmLkJiHgFeDcBa9'
const id = (path: string, env = ENV) => `cloud://${env}.${BUCKET}/${path}`

test('a photo under the caller own prefix in this environment is theirs', () => {
  expect(isOwnUpload(id(uploadPathFor(ME, 'a1b2c3d4e5f6.jpg')), ME, ENV)).toBe(true)
})

test.each([
  ['another user prefix', id(`uploads/${OTHER}/a1b2c3d4e5f6.jpg`)],
  ['another environment', id(`uploads/${ME}/a1b2c3d4e5f6.jpg`, 'test-9z8y7x')],
  ['a path outside uploads', id('records/export.csv')],
  ['dot-dot out of the prefix', id(`uploads/${ME}/../${OTHER}/a1b2c3d4e5f6.jpg`)],
  ['dot-dot as the name', id(`uploads/${ME}/..`)],
  ['an encoded slash', id(`uploads/${ME}/..%2f${OTHER}%2fa1b2c3d4e5f6.jpg`)],
  ['a nested folder', id(`uploads/${ME}/x/a1b2c3d4e5f6.jpg`)],
  ['the prefix itself', id(`uploads/${ME}/`)],
  ['a double slash', id(`uploads//${ME}/a1b2c3d4e5f6.jpg`)],
  ['not a cloud id', `https://example.com/uploads/${ME}/a1b2c3d4e5f6.jpg`],
  ['a local id', 'local://a1b2c3d4e5f6.jpg'],
  ['a non-jpg name', id(`uploads/${ME}/a1b2c3d4e5f6.exe`)],
])('refuses %s', (_case, fileId) => {
  expect(isOwnUpload(fileId, ME, ENV)).toBe(false)
})

test('an openid that is not path-safe never owns anything and never becomes a path', () => {
  expect(isOwnUpload(id('uploads/../a1b2c3d4e5f6.jpg'), '..', ENV)).toBe(false)
  expect(() => uploadPathFor('../x', 'a1b2c3d4e5f6.jpg')).toThrow(RangeError)
  expect(() => uploadPathFor(ME, '../a.jpg')).toThrow(RangeError)
})

test('file ids of other paths in the same bucket', () => {
  expect(parseCloudFileId(id('uploads/x.jpg'))).toEqual({ env: ENV, bucket: BUCKET, path: 'uploads/x.jpg' })
  expect(fileIdInBucketOf(id('uploads/x.jpg'), 'uploads/y/z.jpg')).toBe(id('uploads/y/z.jpg'))
  expect(fileIdInBucketOf('local://x.jpg', 'a')).toBeNull()
})
