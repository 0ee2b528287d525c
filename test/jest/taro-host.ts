// An in-memory Taro host for jsdom component tests, as strict as WeChat where it matters:
// - storage follows wx.setStorageSync's documented limits (below); getStorageSync returns '' for a
//   missing key and a copy of what was stored;
// - showModal answers only what the test queued (answerModals); a modal nobody expected fails the test;
// - useDidShow / usePullDownRefresh / useReachBottom fire when the test shows, pulls or scrolls the
//   page (showPage, pullDownPage, reachBottom); useLoad and useReady run once per page mount;
// - navigation, toasts and modals are recorded for assertions.
import { useEffect, useRef } from 'react'

type Listener = () => void

export const calls = {
  navigateTo: [] as string[],
  redirectTo: [] as string[],
  switchTab: [] as string[],
  toasts: [] as string[],
  modals: [] as string[],
  stopPullDownRefresh: 0,
}

// ---- Storage (developers.weixin.qq.com/miniprogram/dev/api/storage/wx.setStorageSync.html): "单个 key
// 允许存储的最大数据长度为 1MB，所有数据存储上限为 10MB". Sizes are the UTF-8 bytes of the stored form
// (a string as it is, anything else as its JSON); the total counts keys too. Values are stored as
// copies: changing an object after setStorageSync does not change what is stored.
export const STORAGE_LIMITS = { itemBytes: 1024 * 1024, totalBytes: 10 * 1024 * 1024 }

interface StoredValue {
  /** A string is kept as it is; anything else as JSON (a copy, as wx serialises it). */
  kind: 'string' | 'json'
  text: string
  bytes: number
}
const storage = new Map<string, StoredValue>()

/** UTF-8 length (jsdom test environments have neither Buffer nor TextEncoder). A lone surrogate counts 3, as U+FFFD. */
export function utf8Bytes(text: string): number {
  let bytes = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) bytes += 1
    else if (code < 0x800) bytes += 2
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4
      i++
    } else bytes += 3
  }
  return bytes
}

/** wx.setStorageSync's failure: an Error whose message is the errMsg. */
export class StorageError extends Error {
  readonly errMsg: string
  constructor(errMsg: string) {
    super(errMsg)
    this.name = 'StorageError'
    this.errMsg = errMsg
  }
}

function storedForm(value: unknown): StoredValue {
  if (typeof value === 'string') return { kind: 'string', text: value, bytes: utf8Bytes(value) }
  const text = JSON.stringify(value)
  if (text === undefined) throw new StorageError('setStorageSync:fail parameter error: parameter.data should be serializable')
  return { kind: 'json', text, bytes: utf8Bytes(text) }
}

/** Bytes in use: every key and its stored value. */
export function storageBytes(): number {
  let total = 0
  for (const [key, value] of storage) total += utf8Bytes(key) + value.bytes
  return total
}

function setStorage(key: string, value: unknown): void {
  const stored = storedForm(value)
  if (stored.bytes > STORAGE_LIMITS.itemBytes) throw new StorageError('setStorageSync:fail exceed storage item max length')
  const previous = storage.get(key)
  const after = storageBytes() - (previous ? utf8Bytes(key) + previous.bytes : 0) + utf8Bytes(key) + stored.bytes
  if (after > STORAGE_LIMITS.totalBytes) throw new StorageError('setStorageSync:fail exceed storage max size')
  storage.set(key, stored)
}

function getStorage(key: string): unknown {
  const stored = storage.get(key)
  if (!stored) return ''
  return stored.kind === 'string' ? stored.text : JSON.parse(stored.text)
}

/** What is stored under `key` as WeChat measures it (UTF-8 bytes), or undefined. */
export function storedBytes(key: string): number | undefined {
  return storage.get(key)?.bytes
}

// ---- showModal: each modal takes the next queued answer; with none queued the modal was not expected
// (the test fails: see test/jest/after-each.ts). Answers left over at the end of a test fail it too.
export type ModalAnswer = 'confirm' | 'cancel'
const modalAnswers: ModalAnswer[] = []
const unexpectedModals: string[] = []

/** Queue the user's answers to the next modals, in order. */
export function answerModals(...answers: ModalAnswer[]): void {
  modalAnswers.push(...answers)
}

/** Modals shown without a queued answer, and answers never used; both emptied by the call. */
export function takeModalSurprises(): { unexpected: string[]; unused: ModalAnswer[] } {
  return { unexpected: unexpectedModals.splice(0), unused: modalAnswers.splice(0) }
}

// ---- Page lifecycle: hooks register while mounted; the test plays the event.
type Registry = Set<{ current: Listener }>
const shows: Registry = new Set()
const pullDowns: Registry = new Set()
const reachBottoms: Registry = new Set()

function useRegistered(registry: Registry, listener: Listener): void {
  const latest = useRef(listener)
  latest.current = listener
  useEffect(() => {
    registry.add(latest)
    return () => void registry.delete(latest)
  }, [registry])
}

/** The mounted pages are shown (Taro also shows a page once right after mounting it: call this after render). */
export function showPage(): void {
  for (const listener of [...shows]) listener.current()
}
/** The user pulls the mounted pages down (enablePullDownRefresh). */
export function pullDownPage(): void {
  for (const listener of [...pullDowns]) listener.current()
}
/** The user scrolls the mounted pages to the bottom (onReachBottom). */
export function reachBottom(): void {
  for (const listener of [...reachBottoms]) listener.current()
}

function useOncePerMount(run: () => void): void {
  const latest = useRef(run)
  latest.current = run
  useEffect(() => {
    latest.current()
  }, [])
}

// ---- Images, files, camera-adjacent and privacy APIs as WeChat documents them (weapp image-prep,
// photo pick and privacy tests). Shapes: wx.getImageInfo (stored width/height, "不考虑旋转", plus
// orientation and type), wx.compressImage ({ tempFilePath }; compressedWidth XOR compressedHeight scales
// the other side; iOS compresses JPG only), FileSystemManager.getFileInfo ({ size }), failures as
// { errMsg, errno } (privacy: errno 104 "privacy permission is not authorized", 112 "api scope is not
// declared in the privacy agreement").
export interface FakeImageFile {
  type: string
  width: number
  height: number
  orientation?: string
  bytes: number
}
export interface WxFailure {
  errMsg: string
  errno?: number
}
type Callbacks<T> = { success?: (res: T) => void; fail?: (err: WxFailure) => void; complete?: (res: unknown) => void }

const QUARTER_TURNED = ['left', 'left-mirrored', 'right', 'right-mirrored']
let tempFiles = 0

export const fakeWx = {
  /** 'ios' leaves non-JPEG input to compressImage as it is ("iOS 仅支持压缩 JPG 格式图片"); 'android' re-encodes as JPEG. */
  platform: 'ios' as 'ios' | 'android',
  files: new Map<string, FakeImageFile>(),
  /** Bytes of a JPEG of `pixels` pixels at quality 0-100 (tests replace it to force sizes). */
  jpegBytes: (pixels: number, quality: number): number => Math.round((pixels * quality) / 200),
  compressCalls: [] as Array<Record<string, unknown>>,
  /** Whether wx.createOffscreenCanvas exists (base library >= 2.16.1), and the MIME its toDataURL honours. */
  offscreenCanvas: false,
  canvasEncodes: 'image/jpeg',
  canvasDraws: [] as Array<{ width: number; height: number; src: string }>,
  writtenFiles: new Map<string, number>(),
  unlinked: [] as string[],
  /** chooseMedia behaviour: resolve with tempFiles or reject with a WxFailure. */
  chooseMedia: async (_option: Record<string, unknown>): Promise<{ tempFiles: Array<{ tempFilePath: string }> }> => ({ tempFiles: [] }),
  chooseMediaCalls: [] as Array<Record<string, unknown>>,
  /** The official privacy popup's answer when requirePrivacyAuthorize runs before the user agreed. */
  privacyAgreed: false,
  privacyPopupAnswer: 'agree' as 'agree' | 'disagree',
  privacyCalls: [] as string[],
  /** authSetting that openSetting returns (what the user left switched on). */
  settingsAfterOpen: {} as Record<string, boolean>,

  tempPath(ext: string): string {
    return `http://tmp/wx-${++tempFiles}.${ext}`
  },
  reset(): void {
    this.platform = 'ios'
    this.files.clear()
    this.jpegBytes = (pixels, quality) => Math.round((pixels * quality) / 200)
    this.compressCalls.length = 0
    this.offscreenCanvas = false
    this.canvasEncodes = 'image/jpeg'
    this.canvasDraws.length = 0
    this.writtenFiles.clear()
    this.unlinked.length = 0
    this.chooseMedia = async () => ({ tempFiles: [] })
    this.chooseMediaCalls.length = 0
    this.privacyAgreed = false
    this.privacyPopupAnswer = 'agree'
    this.privacyCalls.length = 0
    this.settingsAfterOpen = {}
  },
}

function settle<T>(options: Callbacks<T>, run: () => T): void {
  let result: T
  try {
    result = run()
  } catch (error) {
    options.fail?.(error as WxFailure)
    options.complete?.(error)
    return
  }
  options.success?.(result)
  options.complete?.(result)
}

const notFound = (api: string): WxFailure => ({ errMsg: `${api}:fail file not found` })

const weappMediaAndPrivacyApis = {
  env: { USER_DATA_PATH: 'http://usr' },
  getImageInfo: async ({ src }: { src: string }) => {
    const file = fakeWx.files.get(src)
    if (!file) throw notFound('getImageInfo')
    return { width: file.width, height: file.height, type: file.type, orientation: file.orientation ?? 'up', path: src, errMsg: 'getImageInfo:ok' }
  },
  compressImage: async (option: { src: string; quality?: number; compressedWidth?: number; compressedHeight?: number }) => {
    fakeWx.compressCalls.push({ ...option })
    const file = fakeWx.files.get(option.src)
    if (!file) throw notFound('compressImage')
    const tempFilePath = fakeWx.tempPath('jpg')
    if (fakeWx.platform === 'ios' && !['jpeg', 'jpg'].includes(file.type.toLowerCase())) {
      fakeWx.files.set(tempFilePath, { ...file })
      return { tempFilePath, errMsg: 'compressImage:ok' }
    }
    // Re-encoded with the orientation applied; one side given scales the other, both given stretch.
    const shown = QUARTER_TURNED.includes(file.orientation ?? 'up') ? { width: file.height, height: file.width } : { width: file.width, height: file.height }
    const { compressedWidth: cw, compressedHeight: ch } = option
    const width = cw ?? (ch ? Math.round((shown.width * ch) / shown.height) : shown.width)
    const height = ch ?? (cw ? Math.round((shown.height * cw) / shown.width) : shown.height)
    const bytes = fakeWx.jpegBytes(width * height, option.quality ?? 80)
    fakeWx.files.set(tempFilePath, { type: 'jpeg', width, height, orientation: 'up', bytes })
    return { tempFilePath, errMsg: 'compressImage:ok' }
  },
  getFileSystemManager: () => ({
    getFileInfo: (options: { filePath: string } & Callbacks<{ size: number; errMsg: string }>) =>
      settle(options, () => {
        const size = fakeWx.files.get(options.filePath)?.bytes ?? fakeWx.writtenFiles.get(options.filePath)
        if (size === undefined) throw { errMsg: `getFileInfo:fail no such file or directory ${options.filePath}` }
        return { size, errMsg: 'getFileInfo:ok' }
      }),
    writeFile: (options: { filePath: string; data: string; encoding?: string } & Callbacks<{ errMsg: string }>) =>
      settle(options, () => {
        const padding = options.data.endsWith('==') ? 2 : options.data.endsWith('=') ? 1 : 0
        fakeWx.writtenFiles.set(options.filePath, options.encoding === 'base64' ? (options.data.length * 3) / 4 - padding : options.data.length)
        return { errMsg: 'writeFile:ok' }
      }),
    unlink: (options: { filePath: string } & Callbacks<{ errMsg: string }>) =>
      settle(options, () => {
        fakeWx.unlinked.push(options.filePath)
        fakeWx.writtenFiles.delete(options.filePath)
        return { errMsg: 'unlink:ok' }
      }),
  }),
  /** A 2d OffscreenCanvas whose toDataURL encodes fakeWx.jpegBytes(pixels, quality) bytes. */
  createOffscreenCanvas: (option: { type?: string; width?: number; height?: number }) => {
    if (!fakeWx.offscreenCanvas) throw new TypeError('createOffscreenCanvas is not a function')
    const canvas = { width: option.width ?? 300, height: option.height ?? 150 }
    let drawn: { src: string } | null = null
    return {
      ...canvas,
      createImage: () => {
        const image: { src: string; onload: null | (() => void); onerror: null | ((e: unknown) => void) } = { src: '', onload: null, onerror: null }
        return new Proxy(image, {
          set(target, key, value) {
            ;(target as Record<string | symbol, unknown>)[key] = value
            if (key === 'src') setTimeout(() => (fakeWx.files.has(String(value)) ? target.onload?.() : target.onerror?.(notFound('image'))), 0)
            return true
          },
        })
      },
      getContext: () => ({
        drawImage: (image: { src: string }, _x: number, _y: number, width: number, height: number) => {
          drawn = image
          fakeWx.canvasDraws.push({ width, height, src: image.src })
        },
      }),
      toDataURL: (type = 'image/png', quality = 0.92) => {
        const mime = type === fakeWx.canvasEncodes ? type : 'image/png'
        const bytes = drawn ? fakeWx.jpegBytes(canvas.width * canvas.height, Math.round(quality * 100)) : 0
        return `data:${mime};base64,${'A'.repeat(Math.ceil((bytes * 4) / 3))}`
      },
    }
  },
  chooseMedia: (option: Record<string, unknown>) => {
    fakeWx.chooseMediaCalls.push(option)
    return fakeWx.chooseMedia(option)
  },
  openSetting: async () => ({ authSetting: { ...fakeWx.settingsAfterOpen }, errMsg: 'openSetting:ok' }),
  // Privacy (base library 2.32.3+, callback style: "以 Promise 风格 调用：不支持").
  requirePrivacyAuthorize: (options: Callbacks<{ errMsg: string }> = {}) => {
    fakeWx.privacyCalls.push('requirePrivacyAuthorize')
    settle(options, () => {
      if (!fakeWx.privacyAgreed && fakeWx.privacyPopupAnswer === 'disagree') {
        throw { errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized', errno: 104 }
      }
      fakeWx.privacyAgreed = true
      return { errMsg: 'requirePrivacyAuthorize:ok' }
    })
  },
  openPrivacyContract: (options: Callbacks<{ errMsg: string }> = {}) => {
    fakeWx.privacyCalls.push('openPrivacyContract')
    settle(options, () => ({ errMsg: 'openPrivacyContract:ok' }))
  },
}

const Taro = {
  ...weappMediaAndPrivacyApis,
  getStorageSync: (key: string) => getStorage(key),
  setStorageSync: (key: string, value: unknown) => setStorage(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  clearStorageSync: () => storage.clear(),
  /** Sizes in KB, as wx.getStorageInfoSync reports them. */
  getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: Math.ceil(storageBytes() / 1024), limitSize: STORAGE_LIMITS.totalBytes / 1024 }),
  navigateTo: async ({ url }: { url: string }) => void calls.navigateTo.push(url),
  redirectTo: async ({ url }: { url: string }) => void calls.redirectTo.push(url),
  switchTab: async ({ url }: { url: string }) => void calls.switchTab.push(url),
  navigateBack: async () => undefined,
  showToast: async ({ title }: { title: string }) => void calls.toasts.push(title),
  showModal: async ({ content = '' }: { content?: string; title?: string }) => {
    calls.modals.push(content)
    const answer = modalAnswers.shift()
    if (!answer) {
      unexpectedModals.push(content)
      throw new Error(`showModal: no answer queued for "${content}" (answerModals('confirm' | 'cancel') before the step that shows it)`)
    }
    return { confirm: answer === 'confirm', cancel: answer === 'cancel', errMsg: 'showModal:ok' }
  },
  stopPullDownRefresh: async () => void calls.stopPullDownRefresh++,
  showLoading: async () => undefined,
  hideLoading: async () => undefined,
  getCurrentInstance: () => ({ router: { params: currentParams } }),
  pxTransform: (n: number) => `${n / 2}px`,
  getEnv: () => 'WEB',
  ENV_TYPE: { WEAPP: 'WEAPP', WEB: 'WEB' },
  getSystemInfoSync: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
  getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
  nextTick: (fn: Listener) => setTimeout(fn, 0),
  createSelectorQuery: () => ({ select: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }), selectAll: () => ({ boundingClientRect: () => ({ exec: () => undefined }) }) }),
  cloud: {
    init: () => undefined,
    callFunction: (param: { name: string; data?: Record<string, unknown> }) => fakeCloud.callFunction(param),
    uploadFile: (param: { cloudPath: string; filePath: string }) => fakeCloud.uploadFile(param),
    deleteFile: (param: { fileList: string[] }) => fakeCloud.deleteFile(param),
  },
}

/** A wx.cloud rejection: `errCode` plus `errMsg`, as WeChat's cloud SDK rejects. */
export interface CloudRejection {
  errCode: number
  errMsg: string
}

/**
 * Rejections as WeChat reports them (errCode table: developers.weixin.qq.com/miniprogram/dev/wxcloud/
 * reference/errcode.html; errMsg texts as seen in the field, quoted in src/services/gateway.weapp.ts).
 */
export const cloudRejections = {
  notDeployed: (): CloudRejection => ({
    errCode: -501000,
    errMsg:
      'cloud.callFunction:fail Error: errCode: -501000  | errMsg: [ResourceNotFound] FunctionName parameter could not be found. (callId: 1700000000000-0.1) (trace: 10:46:44 start->10:46:44 system error (Error: errCode: -501000  | errMsg: [ResourceNotFound] FunctionName parameter could not be found.), abort)',
  }),
  timeout: (seconds = 3): CloudRejection => ({
    errCode: -504003,
    errMsg: `cloud.callFunction:fail Error: errCode: -504003  | errMsg: Invoking task timed out after ${seconds} seconds`,
  }),
  /** The function threw: WeChat wraps the runtime's -504002 in the SDK's -404011. */
  functionThrew: (message: string): CloudRejection => ({
    errCode: -404011,
    errMsg: `cloud.callFunction:fail requestID 1cb63f35-0000, cloud function service error code -504002, error message ${message}; at cloud.callFunction api;`,
  }),
  upload: (errCode = -503001): CloudRejection => ({ errCode, errMsg: `cloud.uploadFile:fail ${errCode}` }),
}

export type CloudFunctionHandler = (data: Record<string, unknown>) => unknown

export type CloudCall =
  | { api: 'callFunction'; name: string; data: Record<string, unknown> }
  | { api: 'uploadFile'; cloudPath: string; filePath: string }
  | { api: 'deleteFile'; fileList: string[] }

/**
 * WeChat cloud in memory. Functions are handlers (throw a CloudRejection to fail the call at the
 * transport level; any other throw is the function crashing); storage is a map of fileID -> local path.
 * Results take WeChat's documented shapes: callFunction resolves `{ result, errMsg, requestID }`;
 * uploadFile `{ fileID: 'cloud://<env>.<bucket>/<cloudPath>', statusCode: 200, errMsg }`;
 * deleteFile `{ fileList: [{ fileID, status: 0, errMsg: 'ok' }], errMsg }`.
 * The hooks run inside the call, before it settles: a test can cancel "during" a stage there, hold the
 * call on a promise, or throw a CloudRejection to fail it.
 */
export const fakeCloud = {
  env: 'test-env-1a2b3c',
  bucket: '7465-test-env-1a2b3c-1250000000',
  functions: new Map<string, CloudFunctionHandler>(),
  /** fileID -> the local path that was uploaded. */
  files: new Map<string, string>(),
  calls: [] as CloudCall[],
  beforeUpload: undefined as undefined | ((param: { cloudPath: string; filePath: string }) => unknown),
  beforeDelete: undefined as undefined | ((param: { fileList: string[] }) => unknown),
  requests: 0,

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.env}.${this.bucket}/${cloudPath}`
  },

  async callFunction({ name, data = {} }: { name: string; data?: Record<string, unknown> }) {
    this.calls.push({ api: 'callFunction', name, data })
    const requestID = `req-${++this.requests}`
    const handler = this.functions.get(name)
    if (!handler) throw cloudRejections.notDeployed()
    let result: unknown
    try {
      result = await handler(data)
    } catch (error) {
      if (isCloudRejection(error)) throw error
      throw cloudRejections.functionThrew(error instanceof Error ? error.message : String(error))
    }
    return { result, errMsg: 'cloud.callFunction:ok', requestID }
  },

  async uploadFile(param: { cloudPath: string; filePath: string }) {
    this.calls.push({ api: 'uploadFile', ...param })
    await this.beforeUpload?.(param)
    const fileID = this.fileIdOf(param.cloudPath)
    this.files.set(fileID, param.filePath)
    return { fileID, statusCode: 200, errMsg: 'cloud.uploadFile:ok' }
  },

  async deleteFile(param: { fileList: string[] }) {
    this.calls.push({ api: 'deleteFile', fileList: [...param.fileList] })
    await this.beforeDelete?.(param)
    const fileList = param.fileList.map((fileID) =>
      // A missing file: -503003 "文件不存在" from the errcode table (its exact errMsg text not checked).
      this.files.delete(fileID) ? { fileID, status: 0, errMsg: 'ok' } : { fileID, status: -503003, errMsg: 'file not exist' },
    )
    return { fileList, errMsg: 'cloud.deleteFile:ok' }
  },

  reset(): void {
    this.functions.clear()
    this.files.clear()
    this.calls.length = 0
    this.beforeUpload = undefined
    this.beforeDelete = undefined
    this.requests = 0
  },
}

function isCloudRejection(error: unknown): error is CloudRejection {
  return typeof error === 'object' && error !== null && typeof (error as CloudRejection).errCode === 'number'
}

let currentParams: Record<string, string> = {}
export function setRouterParams(params: Record<string, string>): void {
  currentParams = params
}
export function resetTaroHost(): void {
  storage.clear()
  currentParams = {}
  for (const list of Object.values(calls)) if (Array.isArray(list)) list.length = 0
  calls.stopPullDownRefresh = 0
  modalAnswers.length = 0
  unexpectedModals.length = 0
  fakeCloud.reset()
}

export const useLaunch = (fn: Listener) => useOncePerMount(fn)
export const useDidShow = (fn: Listener) => useRegistered(shows, fn)
export const useDidHide = (_fn: Listener) => undefined
export const usePullDownRefresh = (fn: Listener) => useRegistered(pullDowns, fn)
export const useReachBottom = (fn: Listener) => useRegistered(reachBottoms, fn)
export const useRouter = () => ({ params: currentParams })
export const useReady = (fn: Listener) => useOncePerMount(fn)
/** onLoad: once per page mount, with the route's params (not on every render). */
export const useLoad = (fn: (p: Record<string, string>) => void) => useOncePerMount(() => fn(currentParams))
export const stopPullDownRefresh = () => Taro.stopPullDownRefresh()
export const getCurrentInstance = Taro.getCurrentInstance
export const pxTransform = Taro.pxTransform
export const getEnv = Taro.getEnv
export const ENV_TYPE = Taro.ENV_TYPE
export const nextTick = Taro.nextTick
export const createSelectorQuery = Taro.createSelectorQuery
export const getSystemInfoSync = Taro.getSystemInfoSync
export default Taro
