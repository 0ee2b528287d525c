// The local recognize path checks the image before it counts the quota: a bomb is answered
// IMAGE_TOO_LARGE and costs nothing, even with recognition switched off (OCR_DAILY_LIMIT_PER_USER=0,
// which means 0), while a sound photo then meets the quota and never reaches the OCR engine.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { appError } from '../../src/domain/errors'
import { loadConfig } from '../../server/config'
import { startServer, type RunningServer } from '../../server/main'

let dataDir: string
let server: RunningServer
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vls-order-'))
  server = await startServer(loadConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, STATIC_DIR: '', OCR_DAILY_LIMIT_PER_USER: '0', OCR_PROVIDER: 'paddle' }))
})
afterAll(async () => {
  await server.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

async function recognize(file: Buffer) {
  const form = new FormData()
  form.append('file', new Blob([file]), 'license.jpg')
  const headers = { 'x-dev-openid': 'dev-user' }
  const upload = (await (await fetch(`${server.url}/api/upload`, { method: 'POST', body: form, headers })).json()) as { fileID: string }
  const res = await fetch(`${server.url}/api/fn/recognizeVehicleLicense`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ fileID: upload.fileID }),
  })
  return res.json()
}

test('a bomb is refused before the quota; a photo meets a limit of 0; both uploads are gone', async () => {
  const bomb = Buffer.from(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).jpeg({ progressive: true }).toBuffer())
  let pos = 2
  while (bomb[pos + 1] !== 0xc2) pos += 2 + bomb.readUInt16BE(pos + 2)
  bomb.writeUInt16BE(16383, pos + 5)
  bomb.writeUInt16BE(16383, pos + 7)
  expect(await recognize(bomb)).toEqual({ ok: false, error: appError('IMAGE_TOO_LARGE', '图片尺寸 16383×16383 超过 4000 万像素') })

  const photo = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#ddd' } }).jpeg().toBuffer()
  expect(await recognize(photo)).toEqual({ ok: false, error: appError('QUOTA_EXCEEDED') })
  expect(fs.readdirSync(path.join(dataDir, 'uploads'))).toEqual([])
})
