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
  cloud: { init: () => undefined },
}

let currentParams: Record<string, string> = {}
export function setRouterParams(params: Record<string, string>): void {
  currentParams = params
}
export function resetTaroHost(): void {
  storage.clear()
  currentParams = {}
  for (const list of Object.values(calls)) list.length = 0
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
