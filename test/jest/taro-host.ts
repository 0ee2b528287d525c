// An in-memory Taro host for jsdom component tests: storage behaves like wx's (getStorageSync
// returns '' for a missing key), navigation and toasts are recorded for assertions.
type Listener = () => void

const storage = new Map<string, unknown>()
export const calls = { navigateTo: [] as string[], redirectTo: [] as string[], switchTab: [] as string[], toasts: [] as string[], modals: [] as string[] }

const Taro = {
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
