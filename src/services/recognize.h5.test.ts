// The recognition flow on the H5 gateway (fetch to the local backend, cancelled through an
// AbortController): the same stage-by-stage cancel guarantees as on weapp (recognize.test.ts).
import { createLocalBackend, type LocalBackend } from '../../test/fakes/local-backend-fetch'
import { resetTaroHost } from '../../test/jest/taro-host'
import { createCancellation, type Cancellation } from './cancellation'
import { evidenceFiles } from './evidence-files'
import { preparePhoto } from './image-prep'
import type { PreparePhoto } from './image-prep.types'
import { recognizePhoto, type RecognitionStage } from './recognize'

jest.mock('./gateway', () => jest.requireActual('./gateway.h5'))
jest.mock('./image-prep', () => ({ preparePhoto: jest.fn() }))
// The browser's IndexedDB copy of the photo, kept once the fields are read.
jest.mock('./evidence-files', () => ({ evidenceFiles: { keep: jest.fn(), discard: jest.fn() } }))

const prepare = preparePhoto as jest.MockedFunction<PreparePhoto>
const keep = evidenceFiles.keep as jest.Mock
const discard = evidenceFiles.discard as jest.Mock

const PHOTO = { path: 'blob:http://localhost/prepared', width: 1600, height: 1000, bytes: 300_000 }
const FILE_ID = 'local://uploads/dev-user/u1.jpg'
const RECOGNITION = { license: { plateNum: '粤B11111' }, confidence: {}, issues: [], warnings: [], provider: 'fake' }
const CANCELLED = { ok: false, error: { code: 'CANCELLED', message: '已取消' } }

let backend: LocalBackend
let stages: RecognitionStage[]
let cancellation: Cancellation

const run = () => recognizePhoto('blob:http://localhost/original', 'photo', (stage) => stages.push(stage), cancellation.signal)

/** Lets the flow reach the request the backend holds. */
async function untilRequested(count: number) {
  for (let i = 0; i < 100 && backend.requests.length < count; i++) await new Promise((r) => setTimeout(r, 0))
  expect(backend.requests).toHaveLength(count)
}

beforeEach(() => {
  resetTaroHost()
  backend = createLocalBackend()
  backend.on('/api/upload', () => ({ ok: true, fileID: FILE_ID }))
  backend.on('/api/fn/recognizeVehicleLicense', () => ({ ok: true, ...RECOGNITION }))
  globalThis.fetch = backend.fetch as typeof fetch
  stages = []
  cancellation = createCancellation()
  prepare.mockReset().mockResolvedValue({ ok: true, photo: PHOTO })
  keep.mockReset().mockResolvedValue('idb://evidence/1')
  discard.mockReset().mockResolvedValue(undefined)
})

it('goes through: uploads the prepared photo, recognizes its fileID, as the dev identity, keeps the photo', async () => {
  expect(await run()).toEqual({ ok: true, ...RECOGNITION, evidencePath: 'idb://evidence/1' })
  expect(stages).toEqual(['preparing', 'uploading', 'recognizing'])
  expect(backend.paths()).toEqual(['POST /api/upload', 'POST /api/fn/recognizeVehicleLicense'])
  expect(backend.requests[0].body).toEqual({ file: 'attached' })
  expect(backend.requests[1].body).toEqual({ fileID: FILE_ID, mode: 'photo' })
  expect(backend.requests.every((r) => r.headers['x-dev-openid'] === 'dev-user')).toBe(true)
  // The cancellation is the browser's: fetch gets its real AbortSignal.
  expect(cancellation.signal).toBeInstanceOf(AbortSignal)
})

describe('cancel', () => {
  it('before the start: nothing happens', async () => {
    cancellation.cancel()
    expect(await run()).toEqual(CANCELLED)
    expect(stages).toEqual([])
    expect(prepare).not.toHaveBeenCalled()
    expect(backend.requests).toEqual([])
  })

  it('while preparing: nothing is sent', async () => {
    prepare.mockImplementation(async () => {
      cancellation.cancel()
      return { ok: true, photo: PHOTO }
    })
    expect(await run()).toEqual(CANCELLED)
    expect(stages).toEqual(['preparing'])
    expect(backend.requests).toEqual([])
  })

  it('while uploading: the upload request is aborted, nothing is recognized', async () => {
    const release = backend.hold('/api/upload')
    const result = run()
    await untilRequested(1)
    expect(stages).toEqual(['preparing', 'uploading'])
    cancellation.cancel()
    expect(await result).toEqual(CANCELLED)
    release()
    expect(backend.paths()).toEqual(['POST /api/upload (aborted)'])
    expect(stages).toEqual(['preparing', 'uploading'])
    // The backend sweeps an upload no recognize call read (server/upload-sweep.ts).
    expect(keep).not.toHaveBeenCalled()
  })

  it('while recognizing: the request is aborted and the answer never used', async () => {
    const release = backend.hold('/api/fn/recognizeVehicleLicense')
    const result = run()
    await untilRequested(2)
    expect(stages).toEqual(['preparing', 'uploading', 'recognizing'])
    cancellation.cancel()
    expect(await result).toEqual(CANCELLED)
    release()
    expect(backend.paths()).toEqual(['POST /api/upload', 'POST /api/fn/recognizeVehicleLicense (aborted)'])
    expect(keep).not.toHaveBeenCalled()
  })

  it('while the photo is being kept: the kept copy is discarded', async () => {
    keep.mockImplementation(async () => {
      cancellation.cancel()
      return 'idb://evidence/2'
    })
    expect(await run()).toEqual(CANCELLED)
    expect(discard).toHaveBeenCalledWith('idb://evidence/2')
  })
})

describe('failures', () => {
  it('an unreachable backend is NETWORK, not CANCELLED', async () => {
    backend.goDown()
    expect(await run()).toMatchObject({ ok: false, error: { code: 'NETWORK' } })
    expect(stages).toEqual(['preparing', 'uploading'])
  })

  it("the function's own error is passed on", async () => {
    backend.on('/api/fn/recognizeVehicleLicense', () => ({ ok: false, error: { code: 'NO_LICENSE_FOUND', message: '未识别到行驶证' } }))
    expect(await run()).toEqual({ ok: false, error: { code: 'NO_LICENSE_FOUND', message: '未识别到行驶证' } })
    expect(keep).not.toHaveBeenCalled()
  })

  it('an answer that is not a FnResult is NETWORK with the HTTP status', async () => {
    backend.on('/api/upload', () => 'oops')
    expect(await run()).toEqual({ ok: false, error: { code: 'NETWORK', message: expect.stringContaining('HTTP 200') } })
  })
})
