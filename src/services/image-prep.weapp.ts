// weapp: the rules live in domain/image.ts (planPhotoPreparation); this file only calls wx APIs.
// wx.getImageInfo reports the STORED width/height plus the EXIF orientation, so the displayed long side
// comes from both; wx.compressImage gets only that one side (the other follows the aspect ratio) and
// re-encodes JPEG only on iOS, so PNG/BMP/WebP go through an offscreen canvas where the base library
// can encode JPEG there, and are sent as they are when already under 2 MB otherwise.
import Taro from '@tarojs/taro'
import { appError } from '../domain/errors'
import {
  displayedSize,
  MAX_UPLOAD_BYTES,
  planPhotoPreparation,
  type PhotoFacts,
  type PhotoPlan,
  type PixelSize,
} from '../domain/image'
import type { FnResult } from '../contract/result'
import type { PreparedPhoto, PreparePhoto } from './image-prep.types'

type Prepared = FnResult<{ photo: PreparedPhoto }>

const unreadable = (): Prepared => ({ ok: false, error: appError('IMAGE_UNREADABLE') })
const prepared = (photo: PreparedPhoto): Prepared => ({ ok: true, photo })

function fileSize(path: string): Promise<number> {
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().getFileInfo({ filePath: path, success: (r) => resolve(r.size), fail: reject }),
  )
}

/** Displayed size of a file compressImage wrote; the plan's expectation when it cannot be read. */
async function outputSize(path: string, expected: PixelSize): Promise<PixelSize> {
  try {
    const info = await Taro.getImageInfo({ src: path })
    return displayedSize(info, info.orientation)
  } catch {
    return expected
  }
}

async function compressUntilFits(path: string, plan: Extract<PhotoPlan, { kind: 'compress' }>): Promise<Prepared> {
  for (const quality of plan.qualities) {
    const { tempFilePath } = await Taro.compressImage({ src: path, quality, ...plan.resize, ...legacyIosAlias(plan) })
    const bytes = await fileSize(tempFilePath)
    if (bytes <= MAX_UPLOAD_BYTES) {
      return prepared({ path: tempFilePath, ...(await outputSize(tempFilePath, plan.expected)), bytes })
    }
  }
  return { ok: false, error: appError('IMAGE_TOO_LARGE', plan.tooLargeDetail) }
}

/**
 * iOS base libraries around 2.26-2.29 read compressWidth/compressHeight instead of the documented
 * names; WeChat's staff advised passing both (developers.weixin.qq.com/community/develop/doc/
 * 000c08940c865011298e0a43256800). Same single side, so the aspect ratio is kept either way.
 */
function legacyIosAlias(plan: Extract<PhotoPlan, { kind: 'compress' }>): Record<string, number> {
  if (!plan.resize) return {}
  return 'compressedWidth' in plan.resize ? { compressWidth: plan.resize.compressedWidth } : { compressHeight: plan.resize.compressedHeight }
}

// ---- Offscreen canvas (wx.createOffscreenCanvas, base library 2.16.1+). wx.canvasToTempFilePath does
// not take an offscreen canvas ("暂不支持离屏 canvas"), so the JPEG comes from toDataURL and is written
// to the user data folder.
interface CanvasImage {
  src: string
  onload: (() => void) | null
  onerror: ((error: unknown) => void) | null
}
interface OffscreenCanvas2d {
  createImage(): CanvasImage
  getContext(type: '2d'): { drawImage(image: CanvasImage, x: number, y: number, width: number, height: number): void } | null
  toDataURL?: (type: string, quality: number) => string
}
type CreateOffscreenCanvas = (option: { type: '2d'; width: number; height: number }) => OffscreenCanvas2d

function offscreenCanvasFactory(): CreateOffscreenCanvas | null {
  const fromTaro = (Taro as unknown as { createOffscreenCanvas?: CreateOffscreenCanvas }).createOffscreenCanvas
  return typeof fromTaro === 'function' ? fromTaro : null
}

const JPEG_DATA_URL = 'data:image/jpeg;base64,'
/** The last file the canvas path wrote: user data persists, so each new one replaces it. */
let lastCanvasFile: string | null = null
let canvasFiles = 0

function base64Bytes(base64: string): number {
  const padding = base64.endsWith('==') ? 2 : base64.endsWith('=') ? 1 : 0
  return (base64.length * 3) / 4 - padding
}

function writeBase64(filePath: string, data: string): Promise<void> {
  return new Promise((resolve, reject) =>
    Taro.getFileSystemManager().writeFile({ filePath, data, encoding: 'base64', success: () => resolve(), fail: reject }),
  )
}

function removeLastCanvasFile(): void {
  if (!lastCanvasFile) return
  const filePath = lastCanvasFile
  lastCanvasFile = null
  Taro.getFileSystemManager().unlink({ filePath, fail: () => undefined })
}

/** Null when this base library cannot encode JPEG on an offscreen canvas (the caller falls back). */
async function encodeOnCanvas(path: string, plan: Extract<PhotoPlan, { kind: 'canvas' }>): Promise<Prepared | null> {
  const create = offscreenCanvasFactory()
  if (!create) return null
  const { width, height } = plan.size
  const canvas = create({ type: '2d', width, height })
  const context = canvas.getContext('2d')
  if (!context || typeof canvas.toDataURL !== 'function') return null
  const image = canvas.createImage()
  await new Promise<void>((resolve, reject) => {
    image.onload = () => resolve()
    image.onerror = reject
    image.src = path
  })
  context.drawImage(image, 0, 0, width, height)
  for (const quality of plan.qualities) {
    const dataUrl = canvas.toDataURL('image/jpeg', quality)
    // A canvas that cannot encode JPEG answers PNG instead: no use for shrinking.
    if (!dataUrl.startsWith(JPEG_DATA_URL)) return null
    const base64 = dataUrl.slice(JPEG_DATA_URL.length)
    const bytes = base64Bytes(base64)
    if (bytes > MAX_UPLOAD_BYTES) continue
    removeLastCanvasFile()
    const filePath = `${Taro.env.USER_DATA_PATH}/license-photo-${++canvasFiles}.jpg`
    await writeBase64(filePath, base64)
    lastCanvasFile = filePath
    return prepared({ path: filePath, width, height, bytes })
  }
  return { ok: false, error: appError('IMAGE_TOO_LARGE', plan.tooLargeDetail) }
}

async function carryOut(path: string, facts: PhotoFacts, plan: PhotoPlan): Promise<Prepared> {
  switch (plan.kind) {
    case 'reject':
      return { ok: false, error: appError(plan.code, plan.detail) }
    case 'as-is':
      return prepared({ path, ...plan.size, bytes: facts.bytes })
    case 'compress':
      return compressUntilFits(path, plan)
    case 'canvas': {
      const encoded = await encodeOnCanvas(path, plan).catch(() => null)
      // The canvas turned out unusable here: plan again without it.
      return encoded ?? carryOut(path, facts, planPhotoPreparation(facts, { canvasJpeg: false }))
    }
  }
}

export const preparePhoto: PreparePhoto = async (path) => {
  let facts: PhotoFacts
  try {
    const info = await Taro.getImageInfo({ src: path })
    facts = { type: String(info.type), width: info.width, height: info.height, orientation: info.orientation, bytes: await fileSize(path) }
  } catch {
    return unreadable()
  }
  const plan = planPhotoPreparation(facts, { canvasJpeg: offscreenCanvasFactory() !== null })
  try {
    return await carryOut(path, facts, plan)
  } catch {
    return unreadable()
  }
}
