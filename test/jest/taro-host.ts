// An in-memory Taro host for jsdom component tests: storage behaves like wx's (getStorageSync
// returns '' for a missing key), navigation and toasts are recorded for assertions.
type Listener = () => void

const storage = new Map<string, unknown>()
export const calls = { navigateTo: [] as string[], redirectTo: [] as string[], switchTab: [] as string[], toasts: [] as string[], modals: [] as string[] }

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
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  clearStorageSync: () => storage.clear(),
  navigateTo: async ({ url }: { url: string }) => void calls.navigateTo.push(url),
  redirectTo: async ({ url }: { url: string }) => void calls.redirectTo.push(url),
  switchTab: async ({ url }: { url: string }) => void calls.switchTab.push(url),
  navigateBack: async () => undefined,
  showToast: async ({ title }: { title: string }) => void calls.toasts.push(title),
  showModal: async ({ content }: { content: string }) => {
    calls.modals.push(content)
    return { confirm: true, cancel: false }
  },
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
  for (const list of Object.values(calls)) list.length = 0
  fakeCloud.reset()
}

export const useLaunch = (fn: Listener) => fn()
export const useDidShow = (_fn: Listener) => undefined
export const useDidHide = (_fn: Listener) => undefined
export const usePullDownRefresh = (_fn: Listener) => undefined
export const useReachBottom = (_fn: Listener) => undefined
export const useRouter = () => ({ params: currentParams })
export const useReady = (fn: Listener) => fn()
export const useLoad = (fn: (p: Record<string, string>) => void) => fn(currentParams)
export const getCurrentInstance = Taro.getCurrentInstance
export const pxTransform = Taro.pxTransform
export const getEnv = Taro.getEnv
export const ENV_TYPE = Taro.ENV_TYPE
export const nextTick = Taro.nextTick
export const createSelectorQuery = Taro.createSelectorQuery
export const getSystemInfoSync = Taro.getSystemInfoSync
export default Taro
