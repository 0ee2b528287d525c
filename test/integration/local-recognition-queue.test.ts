// The local recognize path as server/main.ts wires it: the sharp decode and the OCR share one
// serial queue, so a second upload is not decoded while the first is being recognized, and a
// bomb refused from its header does not wait at all.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type sharpModule from 'sharp'
import { createRecognizeHandler } from '../../functions/recognizeVehicleLicense/handler'
import type { OcrProvider } from '../../functions/shared/ports'
import { createLocalFileStore } from '../../server/files'
import { createSharpImagePreparer } from '../../server/image-prep'
import { createRecognitionQueue, queuedOcr } from '../../server/recognition-queue'

jest.mock('sharp', () => {
  const actual = jest.requireActual('sharp')
  return Object.assign(jest.fn((...args: unknown[]) => actual(...args)), actual)
})
const real: typeof sharpModule = jest.requireActual('sharp')
const sharpCallCount = () => (jest.requireMock('sharp') as jest.Mock).mock.calls.length

const photo = () => real({ create: { width: 1200, height: 800, channels: 3, background: { r: 200, g: 210, b: 220 } } }).jpeg().toBuffer()
/** Time for a call to get as far as it can (the checks below hold however long it is). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300))
async function until(condition: () => boolean) {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10))
}

let dir: string
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vls-queue-'))))
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** An OCR that holds each image until released, and records whether sharp ran meanwhile. */
function heldOcr() {
  const held: Array<() => void> = []
  const state = { active: 0, sharpCallsWhileActive: 0, maxActive: 0 }
  const ocr: OcrProvider = {
    name: 'held',
    async recognize() {
      state.active++
      state.maxActive = Math.max(state.maxActive, state.active)
      const before = sharpCallCount()
      await new Promise<void>((release) => held.push(release))
      state.sharpCallsWhileActive += sharpCallCount() - before
      state.active--
      return { raw: { plate_num: '粤B12345' } }
    },
  }
  return { ocr, held, state }
}

test('decode and OCR run one at a time; a header-refused bomb answers at once', async () => {
  const files = createLocalFileStore(path.join(dir, 'uploads'))
  const queue = createRecognitionQueue()
  const { ocr, held, state } = heldOcr()
  const handler = createRecognizeHandler({
    ocr: queuedOcr(ocr, queue),
    files,
    images: createSharpImagePreparer({ decodeQueue: queue }),
    quota: { consume: async () => true },
  })
  const call = async (data: Buffer) => handler({ fileID: await files.save(data, 'jpg', 'dev-user') }, { openid: 'dev-user' })

  const first = call(await photo())
  await until(() => held.length === 1) // the first image is in OCR
  const decodesSoFar = sharpCallCount()
  const second = call(await photo())

  const bomb = Buffer.from(await real({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).png().toBuffer())
  bomb.writeUInt32BE(30000, 16)
  bomb.writeUInt32BE(30000, 20)
  expect(await call(bomb)).toMatchObject({ ok: false, error: { code: 'IMAGE_TOO_LARGE' } })

  await settle()
  expect(sharpCallCount()).toBe(decodesSoFar) // the second photo waits for the first one's OCR
  held[0]()
  expect(await first).toMatchObject({ ok: true })
  await until(() => held.length === 2)
  held[1]()
  expect(await second).toMatchObject({ ok: true })
  expect(state).toMatchObject({ maxActive: 1, sharpCallsWhileActive: 0 })
})
