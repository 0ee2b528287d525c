// recognizeVehicleLicense as deployed, on each CloudBase Node runtime.
import { EXPECTED_LICENSE } from '../contract/fixtures'
import { CLOUD_NODE_VERSIONS } from './function-runtime'
import { call, scan, startCloud, type Cloud } from './scenario'

const ALICE = 'oAlice000000000000000000000a'
const BOB = 'oBob00000000000000000000000b'

describe.each(CLOUD_NODE_VERSIONS)('recognizeVehicleLicense on Node %s', (version) => {
  let cloud: Cloud
  afterEach(() => cloud?.stop())

  test('a fresh environment recognizes the first photo: collections created, photo deleted', async () => {
    cloud = startCloud(version)
    expect(cloud.env.db.collectionNames()).toEqual([])
    const { reply, fileID } = await scan(cloud, ALICE)
    expect(reply).toMatchObject({ ok: true, provider: 'openapi', license: EXPECTED_LICENSE })
    const node = await cloud.recognize.instances[0].ready
    expect(node).toBe(`v${version}`)
    expect(cloud.env.files.has(fileID)).toBe(false)
    expect(cloud.env.db.collectionNames()).toEqual(expect.arrayContaining(['upload_targets', 'ocr_quota']))
    expect(cloud.env.db.dump('upload_targets')).toEqual([])
    // The SDK got the bytes as a media param, unchanged.
    expect(cloud.env.wechat.calls).toHaveLength(1)
  })
})
