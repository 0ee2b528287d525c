// The stand-in's documented behaviour, seen from a deployed function on each runtime (the probe in
// ./probe calls wx-server-sdk the way the real functions do). If the stand-in drifted from
// WeChat's behaviour, the scenarios built on it would prove nothing.
import path from 'path'
import { CloudEnvironment } from './cloud-environment'
import { CLOUD_NODE_VERSIONS, deployFunction, type DeployedFunction } from './function-runtime'

const OPENID = 'oProbe0000000000000000000000'

describe.each(CLOUD_NODE_VERSIONS)('wx-server-sdk stand-in on Node %s', (version) => {
  let env: CloudEnvironment
  let probe: DeployedFunction
  /** openid null: a timer invocation, no caller. */
  const run = (name: string, extra: object = {}, openid: string | null = OPENID) =>
    probe.call({ probe: name, ...extra }, openid === null ? {} : { openid }) as Promise<Record<string, any>>

  beforeEach(() => {
    env = new CloudEnvironment({ latency: () => 1 })
    probe = deployFunction('sdkProbe', version, env, { sourceDir: path.join(__dirname, 'probe') })
  })
  afterEach(() => probe.stop())

  test('getWXContext: OPENID and APPID of the caller, ENV of the environment; a timer call has no OPENID', async () => {
    expect(await run('context')).toMatchObject({ OPENID, APPID: expect.stringMatching(/^wx/), ENV: env.envId })
    const timer = await run('context', {}, null)
    expect(timer.OPENID).toBeUndefined()
  })

  test('a collection that was never created answers errCode -502005', async () => {
    expect(await run('missingCollection')).toMatchObject({ ok: false, errCode: -502005 })
  })

  test('createCollection succeeds once, then answers Table exist', async () => {
    const [first, second] = (await run('createTwice')) as unknown as Array<Record<string, unknown>>
    expect(first.ok).toBe(true)
    expect(second).toMatchObject({ ok: false, errCode: -501001, message: expect.stringMatching(/Table exist/) })
  })

  test('a duplicate _id is rejected', async () => {
    expect(await run('duplicateId')).toMatchObject({ ok: false, message: expect.stringMatching(/duplicate/i) })
  })

  test('get() returns at most 100 documents from a function, however many match', async () => {
    expect(await run('hundredCap')).toEqual({ unbounded: 100, page: 30, total: 130 })
  })

  test('where().update() reports how many documents it changed; _.inc adds', async () => {
    expect(await run('updateStats')).toEqual({ hit: 1, miss: 0, n: 3 })
  })

  test('doc().get() of a missing document rejects', async () => {
    expect(await run('docGetMissing')).toMatchObject({ ok: false, message: expect.stringMatching(/does not exist/) })
  })

  test('rollback(reason) undoes the transaction and rejects with the reason', async () => {
    expect(await run('transactionRollback')).toEqual({ outcome: expect.objectContaining({ ok: false, message: 'changed my mind' }), total: 0 })
  })

  test('a write conflict makes runTransaction run the callback again', async () => {
    expect(await run('transactionConflictRetries')).toEqual({ attempts: 2, value: 101, stored: 101 })
  })

  test('storage: a missing file is a plain { errCode: -503003 } on download and a status on delete', async () => {
    const present = env.clientUpload(OPENID, `uploads/${OPENID}/aaaaaaaaaaaaaaaaaaaaaaaa.jpg`, Buffer.from('bytes'))
    const missing = env.fileIdOf(`uploads/${OPENID}/bbbbbbbbbbbbbbbbbbbbbbbb.jpg`)
    const result = await run('storage', { present, missing })
    expect(result.missingDownload).toMatchObject({ ok: false, errCode: -503003, isError: false })
    expect(result.deleteMissing.fileList).toEqual([{ fileID: missing, status: -503003, errMsg: expect.any(String) }])
    expect(result.download).toBe('bytes')
  })
})
