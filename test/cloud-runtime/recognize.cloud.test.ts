// recognizeVehicleLicense and cleanupUploads as deployed, on each CloudBase Node runtime.
import fs from 'fs'
import path from 'path'
import { EXPECTED_LICENSE, PNG } from '../contract/fixtures'
import { CLOUD_NODE_VERSIONS, ROOT, type FunctionConfig } from './function-runtime'
import { call, LICENSE_PHOTO, scan, startCloud, upload, type Cloud } from './scenario'

const ALICE = 'oAlice000000000000000000000a'
const BOB = 'oBob00000000000000000000000b'
const LONG_AGO = '2000-01-01T00:00:00.000Z'

const deployedConfig = (name: string): FunctionConfig =>
  JSON.parse(fs.readFileSync(path.join(ROOT, 'cloudfunctions', name, 'config.json'), 'utf8')) as FunctionConfig

describe.each(CLOUD_NODE_VERSIONS)('on Node %s', (version) => {
  let cloud: Cloud
  afterEach(() => cloud?.stop())

  test('a fresh environment recognizes the first photo: collections created, photo deleted', async () => {
    cloud = startCloud(version)
    expect(cloud.env.db.collectionNames()).toEqual([])
    const { reply, fileID } = await scan(cloud, ALICE)
    // The seed document's sample payload (vhicle_type, "7人", "2700kg", …) normalized.
    expect(reply).toMatchObject({ ok: true, provider: 'openapi', license: EXPECTED_LICENSE })
    expect(await cloud.recognize.instances[0].ready).toBe(`v${version}`)
    expect(cloud.env.files.has(fileID)).toBe(false)
    expect(cloud.env.db.collectionNames()).toEqual(expect.arrayContaining(['upload_targets', 'ocr_quota']))
    expect(cloud.env.db.dump('upload_targets')).toEqual([])
    // The photo went to cloud.openapi unchanged, as a media param.
    const sent = cloud.env.wechat.calls[0] as { type: string; img: { contentType: string; value: Buffer } }
    expect(sent.type).toBe('photo')
    expect(sent.img.contentType).toBe('image/jpeg')
    expect(Buffer.compare(Buffer.from(sent.img.value), LICENSE_PHOTO)).toBe(0)
  })

  test('upload targets are under the caller own prefix and unique', async () => {
    cloud = startCloud(version)
    const first = await call(cloud.recognize, { action: 'uploadTarget' }, ALICE)
    const second = await call(cloud.recognize, { action: 'uploadTarget' }, ALICE)
    expect(first).toMatchObject({ ok: true, cloudPath: expect.stringMatching(new RegExp(`^uploads/${ALICE}/[0-9a-f]{24}\\.jpg$`)) })
    expect(second.ok && second.cloudPath).not.toBe(first.ok && first.cloudPath)
  })

  describe('storage scope: refused with nothing downloaded or deleted', () => {
    const attacks: Array<[string, (cloud: Cloud, victimFile: string) => string]> = [
      ["another user's upload", (_cloud, victimFile) => victimFile],
      ['another path in the bucket', (cloud) => cloud.env.fileIdOf('records/export.csv')],
      ['dot-dot out of the own prefix', (cloud) => cloud.env.fileIdOf(`uploads/${ALICE}/../${BOB}/0123456789abcdef01234567.jpg`)],
      ['the own prefix in another environment', () => `cloud://other-env-9x.7072-other-env-9x-1314159265/uploads/${ALICE}/0123456789abcdef01234567.jpg`],
    ]
    test.each(attacks)('%s', async (_name, fileIdOf) => {
      cloud = startCloud(version)
      const victimTarget = await call(cloud.recognize, { action: 'uploadTarget' }, BOB)
      const victimFile = cloud.env.clientUpload(BOB, String(victimTarget.ok && victimTarget.cloudPath), LICENSE_PHOTO)
      cloud.env.files.set(cloud.env.fileIdOf('records/export.csv'), { bytes: Buffer.from('x'), creator: '', uploadedAt: 0 })
      const reply = await call(cloud.recognize, { fileID: fileIdOf(cloud, victimFile) }, ALICE)
      expect(reply).toEqual({ ok: false, error: { code: 'UPLOAD_NOT_OWNED', message: expect.stringMatching(/本人/) } })
      expect(cloud.env.functionStorageOps()).toEqual([])
      expect(cloud.env.files.has(victimFile)).toBe(true)
      expect(cloud.env.wechat.calls).toHaveLength(0)
    })
  })

  test('provider errors reach the user as codes with Chinese messages; the photo is still deleted', async () => {
    cloud = startCloud(version)
    cloud.env.wechat.ocr.failNext(101001)
    const { reply, fileID } = await scan(cloud, ALICE)
    expect(reply).toEqual({ ok: false, error: { code: 'OCR_101001', message: '未在图片中检测到行驶证' } })
    expect(cloud.env.files.has(fileID)).toBe(false)
  })

  test('a deployment without the openapi permission says so', async () => {
    cloud = startCloud(version, { recognize: { config: { ...deployedConfig('recognizeVehicleLicense'), permissions: { openapi: [] } } } })
    const { reply } = await scan(cloud, ALICE)
    expect(reply).toMatchObject({ ok: false, error: { code: 'OCR_-604101', message: expect.stringContaining('config.json') } })
  })

  test('the deployed config.json grants ocr.vehicleLicense and nothing else', () => {
    expect(deployedConfig('recognizeVehicleLicense').permissions?.openapi).toEqual(['ocr.vehicleLicense'])
  })

  test('bytes that are not a JPEG or PNG photo are refused before the provider and cost no quota', async () => {
    cloud = startCloud(version, { recognize: { env: { OCR_DAILY_LIMIT_PER_USER: '1' } } })
    const { reply } = await scan(cloud, ALICE, Buffer.from('%PDF-1.7 not a photo at all'))
    expect(reply).toMatchObject({ ok: false, error: { code: 'IMAGE_NOT_IMAGE' } })
    const tiny = await scan(cloud, ALICE, PNG)
    expect(tiny.reply).toMatchObject({ ok: true, warnings: expect.arrayContaining([expect.stringContaining('图片过小')]) })
    expect(cloud.env.wechat.calls).toHaveLength(1)
  })

  test('quota: 6 concurrent first calls of the day with a limit of 3 let exactly 3 through', async () => {
    cloud = startCloud(version, { latency: () => Math.random() * 4, recognize: { env: { OCR_DAILY_LIMIT_PER_USER: '3' } } })
    const fileIDs: string[] = []
    for (let i = 0; i < 6; i++) fileIDs.push(await upload(cloud, ALICE))
    await cloud.recognize.warm(6)
    const replies = await Promise.all(fileIDs.map((fileID) => call(cloud.recognize, { fileID }, ALICE)))
    const codes = replies.map((reply) => (reply.ok ? 'ok' : reply.error.code)).sort()
    expect(codes).toEqual(['QUOTA_EXCEEDED', 'QUOTA_EXCEEDED', 'QUOTA_EXCEEDED', 'ok', 'ok', 'ok'])
    expect(cloud.recognize.instances.length).toBeGreaterThan(1)
    expect(cloud.env.db.dump('ocr_quota')).toEqual([expect.objectContaining({ count: 3 })])
    // Another user is unaffected.
    expect((await scan(cloud, BOB)).reply.ok).toBe(true)
  })

  test('OCR_DAILY_LIMIT_PER_USER=0 refuses every recognition without calling the provider', async () => {
    cloud = startCloud(version, { recognize: { env: { OCR_DAILY_LIMIT_PER_USER: '0' } } })
    const { reply, fileID } = await scan(cloud, ALICE)
    expect(reply).toMatchObject({ ok: false, error: { code: 'QUOTA_EXCEEDED' } })
    expect(cloud.env.wechat.calls).toHaveLength(0)
    expect(cloud.env.files.has(fileID)).toBe(false)
  })

  test('an unexpected failure is logged with the request id and no personal data; the user gets INTERNAL', async () => {
    cloud = startCloud(version, { failOn: (request) => request.collection === 'ocr_quota' && request.kind === 'update' })
    const { reply } = await scan(cloud, ALICE)
    expect(reply).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.any(String) } })
    const logged = cloud.recognize.errorLog().map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(logged).toContainEqual(expect.objectContaining({ fn: 'recognizeVehicleLicense', requestId: expect.stringMatching(/^req-/), event: 'unexpected_failure' }))
    expect(cloud.recognize.logs().join('\n')).not.toContain(ALICE)
  })

  describe('cleanupUploads (timer)', () => {
    test('its config.json declares a timer trigger in WeChat 7-field cron', () => {
      const [trigger] = deployedConfig('cleanupUploads').triggers ?? []
      expect(trigger).toMatchObject({ type: 'timer', name: expect.any(String) })
      expect(trigger.config.split(' ')).toHaveLength(7)
    })

    test('deletes photos whose recognition never came once a day has passed, and only those', async () => {
      cloud = startCloud(version)
      await scan(cloud, BOB) // a recognized upload reveals the bucket
      const abandoned = await call(cloud.recognize, { action: 'uploadTarget' }, ALICE)
      const recent = await call(cloud.recognize, { action: 'uploadTarget' }, ALICE)
      const abandonedFile = cloud.env.clientUpload(ALICE, String(abandoned.ok && abandoned.cloudPath), LICENSE_PHOTO)
      const recentFile = cloud.env.clientUpload(ALICE, String(recent.ok && recent.cloudPath), LICENSE_PHOTO)
      const [abandonedTarget] = cloud.env.db.dump('upload_targets').filter((doc) => doc.cloudPath === (abandoned.ok && abandoned.cloudPath))
      await cloud.env.db.collection('upload_targets').doc(String(abandonedTarget._id)).update({ data: { expiresAt: LONG_AGO } })

      const report = await call(cloud.cleanup, { Type: 'Timer', TriggerName: 'hourlyCleanup', Time: new Date().toISOString() })
      expect(report).toMatchObject({ ok: true, deleted: 1, missing: 0 })
      expect(cloud.env.files.has(abandonedFile)).toBe(false)
      expect(cloud.env.files.has(recentFile)).toBe(true)
      expect(cloud.env.db.dump('upload_targets')).toHaveLength(1)
    })

    test('users cannot run it', async () => {
      cloud = startCloud(version)
      expect(await call(cloud.cleanup, {}, ALICE)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    })
  })
})
