// The cloud evidence store against the fake CloudBase database and a storage double: ownership from
// the id alone, existence from getTempFileURL, 10-minute links, and a photo whose deletion failed
// handed to cleanupUploads (upload_targets, due now) instead of being forgotten.
import { createFakeCloudDb } from '../../../test/fakes/cloudbase-db'
import { createCloudEvidenceStore, type WxEvidenceCloud } from './evidence'
import { createCloudUploadTargets, UPLOAD_TARGETS_COLLECTION } from './upload-targets'

const ENV = 'prod-7g3k2m9x1c'
const OWNER = 'oAlice000000000000000000000a'
const fileIdOf = (path: string) => `cloud://${ENV}.7072-${ENV}-1/${path}`
const NOW = new Date('2024-05-20T02:00:00.000Z')

function setup(deleteStatus: number | 'throw' = 0) {
  const db = createFakeCloudDb()
  const files = new Set<string>()
  const calls: unknown[] = []
  const cloud: WxEvidenceCloud = {
    getWXContext: () => ({ OPENID: OWNER, ENV }),
    async getTempFileURL({ fileList }) {
      calls.push(fileList)
      return { fileList: fileList.map(({ fileID, maxAge }) => ({ fileID, tempFileURL: files.has(fileID) ? `https://t/${maxAge}` : '', status: files.has(fileID) ? 0 : -503003 })) }
    },
    async deleteFile({ fileList }) {
      if (deleteStatus === 'throw') throw { errCode: -501001, errMsg: 'network' }
      return { fileList: fileList.map((fileID) => ({ fileID, status: deleteStatus })) }
    },
  }
  const targets = createCloudUploadTargets(db)
  return { db, files, calls, store: createCloudEvidenceStore(cloud, targets, () => NOW), targets }
}

test('claims only own evidence paths that exist, asking storage nothing about others', async () => {
  const { files, calls, store } = setup()
  const own = fileIdOf(`evidence/${OWNER}/0123456789abcdef01234567.jpg`)
  files.add(own)
  expect(await store.claim(own, OWNER)).toEqual({ ok: true, stored: own })
  for (const other of [
    fileIdOf(`uploads/${OWNER}/0123456789abcdef01234567.jpg`),
    fileIdOf('evidence/oBob00000000000000000000000b/0123456789abcdef01234567.jpg'),
    `cloud://other-env.7072-other-env-1/evidence/${OWNER}/0123456789abcdef01234567.jpg`,
  ]) {
    expect(await store.claim(other, OWNER)).toMatchObject({ ok: false, error: { code: 'UPLOAD_NOT_OWNED' } })
  }
  expect(calls).toHaveLength(1)
  expect(await store.claim(fileIdOf(`evidence/${OWNER}/aaaaaaaaaaaaaaaaaaaaaaaa.jpg`), OWNER)).toMatchObject({ ok: false, error: { code: 'UPLOAD_MISSING' } })
})

test('links ask for 600 seconds and leave out missing files', async () => {
  const { files, store } = setup()
  const front = fileIdOf(`evidence/${OWNER}/0123456789abcdef01234567.jpg`)
  files.add(front)
  const links = await store.links('r1', [{ side: 'front', fileID: front }, { side: 'back', fileID: fileIdOf(`evidence/${OWNER}/bbbbbbbbbbbbbbbbbbbbbbbb.jpg`) }], NOW)
  expect(links).toEqual([{ side: 'front', url: 'https://t/600', expiresAt: '2024-05-20T02:10:00.000Z' }])
})

test.each([[-1 as const], ['throw' as const]])('a deletion that fails (%s) is handed to the cleanup timer, due now', async (status) => {
  const { db, store, targets } = setup(status)
  const photo = fileIdOf(`evidence/${OWNER}/0123456789abcdef01234567.jpg`)
  await store.remove([photo])
  expect(db.dump(UPLOAD_TARGETS_COLLECTION)).toEqual([expect.objectContaining({ _id: '0123456789abcdef01234567', cloudPath: `evidence/${OWNER}/0123456789abcdef01234567.jpg`, expiresAt: NOW.toISOString() })])
  await store.remove([photo]) // a second failure keeps one target
  expect(db.dump(UPLOAD_TARGETS_COLLECTION)).toHaveLength(1)
  await targets.settle(photo) // reveals the bucket
  await store.remove([photo])
  expect((await targets.expired(NOW, 10)).map((target) => target.fileId)).toEqual([photo])
})

test('a deletion that succeeds, or finds the file gone, leaves nothing behind', async () => {
  for (const status of [0, -503003]) {
    const { db, store } = setup(status)
    await store.remove([fileIdOf(`evidence/${OWNER}/0123456789abcdef01234567.jpg`)])
    expect(db.collectionNames()).not.toContain(UPLOAD_TARGETS_COLLECTION)
  }
})
