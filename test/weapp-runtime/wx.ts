// The `wx` object of WeChat's logic layer, as far as this mini program uses it, following the
// documentation at developers.weixin.qq.com/miniprogram/dev/api/:
// - async APIs take one object with success/fail/complete and return a Promise when none is given;
//   failures carry `errMsg: "<api>:fail <reason>"` (plus `errno` where WeChat sets one);
// - every argument is checked the way WeChat checks it: a missing or mistyped parameter fails with
//   "<api>:fail parameter error: parameter.<name> should be <Type> instead of <Type>;" — and, because
//   app code may swallow a fail callback, the host also records it as a misuse that fails the test;
// - sync APIs throw the same errMsg in an Error;
// - storage: 1 MB per key, 10 MB in all; '' for a missing key;
// - privacy (base library 2.32.3+): privacy APIs wait for the user's consent through
//   onNeedPrivacyAuthorization; refused → errno 104 "privacy permission is not authorized",
//   an API missing from the declared 用户隐私保护指引 → errno 112;
// - scopes (getSetting/authorize/openSetting): a refused scope fails with "auth deny" and is not asked again;
// - temp files live in an in-memory file system (wxfile://tmp_…), user files under wx.env.USER_DATA_PATH.
import fs from 'fs'
import path from 'path'
import type { FakeCloud } from './cloud'

export const USER_DATA_PATH = 'wxfile://usr'
const ROOT = path.resolve(__dirname, '../..')
export const LICENSE_JPEG = fs.readFileSync(path.join(ROOT, 'test/fixtures/licenses/front-clean.jpg'))

export interface TempFile {
  bytes: Buffer
  /** Original (unrotated) pixel size and EXIF orientation, as getImageInfo reports them. */
  width: number
  height: number
  orientation: 'up' | 'down' | 'left' | 'right' | 'up-mirrored' | 'down-mirrored' | 'left-mirrored' | 'right-mirrored'
  type: string
}

export type Choice = 'agree' | 'disagree'

/** What the simulated user and device do; tests change these between steps. */
export interface UserScript {
  /** Answer to a privacy prompt (the app's own popup resolves through onNeedPrivacyAuthorization). */
  privacy: Choice
  /** Answer to a scope prompt (scope.camera, …). */
  scopes: Record<string, 'allow' | 'deny'>
  /** What the user switches on in openSetting. */
  settingsChanges: Record<string, boolean>
  /** The photo the camera takes / the album holds. */
  cameraPhoto: TempFile
  albumPhoto: TempFile
  /** Cancel the picker instead of choosing. */
  cancelPicker: boolean
  /** showModal answer. */
  modalConfirm: boolean
}

export interface HostBridge {
  navigate(kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch', url: string): string | null
  navigateBack(delta: number): string | null
  /** The page on top has a mounted <camera> that did not fail. */
  cameraReady(): boolean
  /** Inside the synchronous part of a tap handler. */
  inTapGesture(): boolean
  /** A promise the host waits for before it calls the app idle. */
  track<T>(promise: Promise<T>): Promise<T>
  /** Elements of the current page matching a simple selector (#id, .class, tag; the last compound counts). */
  select(selector: string): Array<{ id: string; dataset: Record<string, unknown> }>
  /** A misuse of the API (wrong/missing arguments): fails the test even if the app swallows it. */
  misuse(message: string): void
  /** The logic layer's own values (arrays/objects of its realm) for results handed to app code. */
  toApp<T>(value: T): T
}

type Args = Record<string, unknown>
type Check = (value: unknown) => string | null // null = fine, else the expected type name

const typeName = (value: unknown): string => {
  if (value === undefined) return 'Undefined'
  if (value === null) return 'Null'
  if (Array.isArray(value)) return 'Array'
  if (value instanceof ArrayBuffer || Object.prototype.toString.call(value) === '[object ArrayBuffer]') return 'ArrayBuffer'
  const t = typeof value
  return t[0].toUpperCase() + t.slice(1)
}
const is = (expected: string, test: (value: unknown) => boolean): Check => (value) => (test(value) ? null : expected)
const str: Check = is('String', (v) => typeof v === 'string')
const num: Check = is('Number', (v) => typeof v === 'number' && !Number.isNaN(v))
const bool: Check = is('Boolean', (v) => typeof v === 'boolean')
const obj: Check = is('Object', (v) => typeof v === 'object' && v !== null && !Array.isArray(v))
const strArray: Check = is('Array', (v) => Array.isArray(v) && v.every((s) => typeof s === 'string'))
const oneOf = (...values: string[]): Check => (v) => (typeof v === 'string' && values.includes(v) ? null : 'String')
const arrayOf = (...values: string[]): Check => (v) => (Array.isArray(v) && v.every((x) => values.includes(x)) ? null : 'Array')
/** A parameter spec: `name` required, `name?` optional. */
type Spec = Record<string, Check>

function paramError(api: string, spec: Spec, args: unknown): string | null {
  if (typeof args !== 'object' || args === null) return `${api}:fail parameter error: parameter should be Object instead of ${typeName(args)};`
  const a = args as Args
  for (const [rawKey, check] of Object.entries(spec)) {
    const optional = rawKey.endsWith('?')
    const key = optional ? rawKey.slice(0, -1) : rawKey
    const value = a[key]
    if (value === undefined && optional) continue
    const expected = check(value)
    if (expected) return `${api}:fail parameter error: parameter.${key} should be ${expected} instead of ${typeName(value)};`
  }
  for (const cb of ['success', 'fail', 'complete']) {
    if (a[cb] !== undefined && typeof a[cb] !== 'function') {
      return `${api}:fail parameter error: parameter.${cb} should be Function instead of ${typeName(a[cb])};`
    }
  }
  return null
}

class ApiFailure {
  constructor(readonly result: Args) {}
}
const failure = (errMsg: string, extra: Args = {}) => new ApiFailure({ errMsg, ...extra })

export const PRIVACY_APIS = new Set(['chooseMedia', 'chooseImage', 'takePhoto', 'setClipboardData', 'getClipboardData', 'shareFileMessage', 'saveImageToPhotosAlbum', 'camera'])
const SCOPE_OF: Record<string, string> = { camera: 'scope.camera', takePhoto: 'scope.camera' }

export interface WxFake {
  wx: Args
  user: UserScript
  storage: Map<string, string>
  tempFiles: Map<string, TempFile>
  userFiles: Map<string, Buffer>
  authSetting: Record<string, boolean>
  privacyAgreed: boolean
  /** Privacy APIs the mini program declares in its 用户隐私保护指引 (MP console); others fail with errno 112. */
  declaredPrivacyApis: Set<string>
  ui: { toasts: string[]; modals: Array<{ title: string; content: string }>; loading: string | null; clipboard: string | null; shared: Array<{ filePath: string; fileName: string }> }
  /** Every API call in order (name), for assertions on what the app did. */
  calls: string[]
  /** wx.cloud traffic: function calls with their answers, uploads, deletes. */
  cloudLog: Array<{ api: string; args: Args; result?: unknown; error?: unknown }>
  /** compressImage outputs: the size asked for, against the photo as displayed (orientation applied). */
  compressions: Array<{ displayed: { width: number; height: number }; output: { width: number; height: number } }>
  openid: string
  cloudInitialized: boolean
  /** Hold an async API until released (e.g. to tap 取消 while an upload runs). */
  hold(api: string): { release(): void }
  /** Make the next call of `api` (matching `when`) fail with this result, as the network or WeChat would. */
  failNext(api: string, result: Args, when?: (args: Args) => boolean): void
  /** Privacy flow check for components (<camera>): resolves ok / fails like an API. */
  privacyGate(api: string): Promise<ApiFailure | null>
}

export function createWx(cloud: FakeCloud, host: HostBridge, openid: string): WxFake {
  let tempSeq = 0
  const newTemp = (file: TempFile, ext = 'jpg') => {
    const p = `wxfile://tmp_${(++tempSeq).toString(16).padStart(8, '0')}.${ext}`
    fake.tempFiles.set(p, file)
    return p
  }
  const holds = new Map<string, Promise<void>>()
  const failures = new Map<string, { result: Args; when?: (args: Args) => boolean }>()
  const privacyListeners: Array<(resolve: (r: Args) => void, info: Args) => void> = []

  const fileBytes = (p: string): Buffer | undefined => fake.tempFiles.get(p)?.bytes ?? fake.userFiles.get(p)
  const userDirs = new Set<string>()

  /** Privacy consent for a privacy API: the app's listener (or WeChat's own popup) asks the user. */
  async function privacyGate(api: string): Promise<ApiFailure | null> {
    const asking = api === 'requirePrivacyAuthorize'
    if (!PRIVACY_APIS.has(api) && !asking) return null
    if (!asking && !fake.declaredPrivacyApis.has(api)) return failure(`${api}:fail api scope is not declared in the privacy agreement`, { errno: 112 })
    if (fake.privacyAgreed) return null
    let answer: Args
    if (privacyListeners.length > 0) {
      // The developer's popup: it calls resolve({event:'exposureAuthorization'}) when shown, then
      // resolve({buttonId, event:'agree'}) from the agree button or resolve({event:'disagree'}).
      answer = await new Promise<Args>((resolve) => {
        const listener = privacyListeners[privacyListeners.length - 1]
        listener((result) => {
          if (result && (result.event === 'agree' || result.event === 'disagree')) resolve(result)
        }, host.toApp({ referrer: api }))
      })
    } else {
      answer = { event: fake.user.privacy }
    }
    if (answer.event === 'agree') {
      fake.privacyAgreed = true
      return null
    }
    return failure(`${api}:fail privacy permission is not authorized`, { errno: 104 })
  }

  /** A scope (scope.camera): asked once; a refusal sticks until openSetting. */
  function scopeGate(api: string): ApiFailure | null {
    const scope = SCOPE_OF[api]
    if (!scope) return null
    if (fake.authSetting[scope] === undefined) fake.authSetting[scope] = fake.user.scopes[scope] !== 'deny'
    return fake.authSetting[scope] ? null : failure(`${api}:fail auth deny`)
  }

  /**
   * An async API: argument check, then `run` (after a hold or scripted failure), delivered to
   * success/fail/complete or as a Promise when no callback is given.
   */
  function asyncApi(api: string, spec: Spec, run: (args: Args) => Promise<Args> | Args) {
    return (args: Args = {} as Args) => {
      fake.calls.push(api)
      const hasCallbacks = typeof args === 'object' && args !== null && ['success', 'fail', 'complete'].some((k) => typeof args[k] === 'function')
      const problem = paramError(api, spec, args)
      const outcome: Promise<{ ok: boolean; result: Args }> = (async () => {
        if (problem) {
          host.misuse(problem)
          return { ok: false, result: { errMsg: problem } }
        }
        const held = holds.get(api)
        if (held) await held
        const scripted = failures.get(api)
        if (scripted && (!scripted.when || scripted.when(args))) {
          failures.delete(api)
          return { ok: false, result: scripted.result }
        }
        try {
          const result = await run(args)
          return { ok: true, result: { errMsg: `${api}:ok`, ...result } }
        } catch (error) {
          if (error instanceof ApiFailure) return { ok: false, result: error.result }
          throw error
        }
      })()
      // The host waits for these unless held: a held call is the user's or network's to finish.
      const delivered = (holds.has(api) ? outcome : host.track(outcome)).then(({ ok, result }) => {
        const res = host.toApp(result)
        if (hasCallbacks) {
          const cb = ok ? args.success : args.fail
          if (typeof cb === 'function') cb(res)
          if (typeof args.complete === 'function') args.complete(res)
          return undefined
        }
        return { ok, res }
      })
      if (hasCallbacks) return undefined
      return host.toApp(
        delivered.then((r) => {
          if (!r!.ok) throw r!.res
          return r!.res
        }),
      )
    }
  }

  /** A sync API: argument errors throw, as WeChat's do. */
  function syncApi<T>(api: string, check: (...args: unknown[]) => string | null, run: (...args: unknown[]) => T) {
    return (...args: unknown[]) => {
      fake.calls.push(api)
      const problem = check(...args)
      if (problem) {
        host.misuse(problem)
        throw new Error(problem)
      }
      return host.toApp(run(...args))
    }
  }

  const storageBytes = () => [...fake.storage.entries()].reduce((sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v), 0)
  const keyCheck = (api: string) => (key: unknown) =>
    typeof key === 'string' && key !== '' ? null : `${api}:fail parameter error: parameter.key should be String instead of ${typeName(key)};`

  const pageApi = (kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch') =>
    asyncApi(kind, { url: str, 'events?': obj }, ({ url }) => {
      const error = host.navigate(kind, url as string)
      if (error) throw failure(`${kind}:fail ${error}`)
      return {}
    })

  const image = (file: TempFile, p: string) => ({ tempFilePath: p, size: file.bytes.length, width: file.width, height: file.height, fileType: 'image' })

  const wx: Args = {
    env: { USER_DATA_PATH },

    // ---- base / device
    getSystemInfoSync: syncApi('getSystemInfoSync', () => null, () => ({ ...deviceInfo(), ...windowInfo(), ...appBaseInfo() })),
    getWindowInfo: syncApi('getWindowInfo', () => null, windowInfo),
    getDeviceInfo: syncApi('getDeviceInfo', () => null, deviceInfo),
    getAppBaseInfo: syncApi('getAppBaseInfo', () => null, appBaseInfo),
    getSystemInfo: asyncApi('getSystemInfo', {}, () => ({ ...deviceInfo(), ...windowInfo(), ...appBaseInfo() })),
    getMenuButtonBoundingClientRect: syncApi('getMenuButtonBoundingClientRect', () => null, () => ({ width: 87, height: 32, top: 48, right: 368, bottom: 80, left: 281 })),
    // No layout in the logic layer: matched nodes measure 0×0 (enough for components that measure).
    createSelectorQuery: syncApi('createSelectorQuery', () => null, () => createSelectorQuery(host)),
    canIUse: syncApi('canIUse', (s) => (typeof s === 'string' ? null : 'canIUse:fail parameter error: parameter should be String'), () => true),

    // ---- storage
    getStorageSync: syncApi('getStorageSync', keyCheck('getStorageSync'), (key) => {
      const raw = fake.storage.get(key as string)
      return raw === undefined ? '' : JSON.parse(raw).data
    }),
    setStorageSync: syncApi(
      'setStorageSync',
      (key, data) => keyCheck('setStorageSync')(key) ?? (data === undefined ? 'setStorageSync:fail parameter error: parameter.data should be Any instead of Undefined;' : null),
      (key, data) => {
        // Only primitives, Date and what JSON.stringify can serialize are stored.
        const raw = JSON.stringify({ data })
        if (Buffer.byteLength(raw) > 1024 * 1024) throw new Error('setStorageSync:fail exceed storage item max length')
        const before = fake.storage.get(key as string)
        const total = storageBytes() - (before === undefined ? 0 : Buffer.byteLength(key as string) + Buffer.byteLength(before))
        if (total + Buffer.byteLength(key as string) + Buffer.byteLength(raw) > 10 * 1024 * 1024) {
          throw new Error('setStorageSync:fail exceed storage max size 10Mb')
        }
        fake.storage.set(key as string, raw)
      },
    ),
    removeStorageSync: syncApi('removeStorageSync', keyCheck('removeStorageSync'), (key) => void fake.storage.delete(key as string)),
    clearStorageSync: syncApi('clearStorageSync', () => null, () => fake.storage.clear()),
    getStorageInfoSync: syncApi('getStorageInfoSync', () => null, () => ({
      keys: [...fake.storage.keys()],
      currentSize: Math.ceil(storageBytes() / 1024),
      limitSize: 10240,
    })),

    // ---- navigation
    navigateTo: pageApi('navigateTo'),
    redirectTo: pageApi('redirectTo'),
    switchTab: pageApi('switchTab'),
    reLaunch: pageApi('reLaunch'),
    navigateBack: asyncApi('navigateBack', { 'delta?': num }, ({ delta }) => {
      const error = host.navigateBack((delta as number | undefined) ?? 1)
      if (error) throw failure(`navigateBack:fail ${error}`)
      return {}
    }),
    setNavigationBarTitle: asyncApi('setNavigationBarTitle', { title: str }, () => ({})),
    stopPullDownRefresh: asyncApi('stopPullDownRefresh', {}, () => ({})),
    pageScrollTo: asyncApi('pageScrollTo', { 'scrollTop?': num, 'duration?': num, 'selector?': str }, () => ({})),

    // ---- interaction
    showToast: asyncApi('showToast', { title: str, 'icon?': oneOf('success', 'error', 'loading', 'none'), 'image?': str, 'duration?': num, 'mask?': bool }, ({ title }) => {
      fake.ui.toasts.push(title as string)
      return {}
    }),
    hideToast: asyncApi('hideToast', {}, () => ({})),
    showLoading: asyncApi('showLoading', { title: str, 'mask?': bool }, ({ title }) => {
      fake.ui.loading = title as string
      return {}
    }),
    hideLoading: asyncApi('hideLoading', {}, () => {
      fake.ui.loading = null
      return {}
    }),
    showModal: asyncApi(
      'showModal',
      { 'title?': str, 'content?': str, 'showCancel?': bool, 'cancelText?': str, 'confirmText?': str, 'editable?': bool, 'placeholderText?': str },
      ({ title, content }) => {
        fake.ui.modals.push({ title: String(title ?? ''), content: String(content ?? '') })
        return { confirm: fake.user.modalConfirm, cancel: !fake.user.modalConfirm }
      },
    ),
    showActionSheet: asyncApi('showActionSheet', { itemList: strArray }, () => {
      throw failure('showActionSheet:fail cancel')
    }),

    // ---- media
    createCameraContext: syncApi('createCameraContext', () => null, () => ({
      takePhoto: asyncApi('takePhoto', { 'quality?': oneOf('high', 'normal', 'low', 'original'), 'selfieMirror?': bool }, async () => {
        if (!host.cameraReady()) throw failure('takePhoto:fail camera has not been initialized')
        const denied = (await privacyGate('takePhoto')) ?? scopeGate('takePhoto')
        if (denied) throw denied
        const photo = fake.user.cameraPhoto
        return { tempImagePath: newTemp(photo) }
      }),
      setZoom: asyncApi('setZoom', { zoom: num }, () => ({})),
    })),
    chooseMedia: asyncApi(
      'chooseMedia',
      {
        'count?': num,
        'mediaType?': arrayOf('image', 'video', 'mix'),
        'sourceType?': arrayOf('album', 'camera'),
        'maxDuration?': num,
        'sizeType?': arrayOf('original', 'compressed'),
        'camera?': oneOf('back', 'front'),
      },
      async ({ sourceType }) => {
        const denied = (await privacyGate('chooseMedia')) ?? ((sourceType as string[] | undefined)?.includes('camera') ? scopeGate('camera') : null)
        // Reported under chooseMedia's own name ("chooseMedia:fail auth deny").
        if (denied) throw failure(String(denied.result.errMsg).replace(/^\w+:/, 'chooseMedia:'), denied.result.errno === undefined ? {} : { errno: denied.result.errno })
        if (fake.user.cancelPicker) throw failure('chooseMedia:fail cancel')
        const fromCamera = (sourceType as string[] | undefined)?.length === 1 && (sourceType as string[])[0] === 'camera'
        const photo = fromCamera ? fake.user.cameraPhoto : fake.user.albumPhoto
        const p = newTemp(photo)
        return { type: 'image', tempFiles: [image(photo, p)] }
      },
    ),
    getImageInfo: asyncApi('getImageInfo', { src: str }, ({ src }) => {
      const file = fake.tempFiles.get(src as string)
      if (!file) throw failure('getImageInfo:fail file not found')
      // The original (unrotated) size plus the EXIF orientation.
      return { width: file.width, height: file.height, path: src, orientation: file.orientation, type: file.type }
    }),
    compressImage: asyncApi(
      'compressImage',
      { src: str, 'quality?': num, 'compressedWidth?': num, 'compressedHeight?': num },
      ({ src, quality, compressedWidth, compressedHeight }) => {
        const file = fake.tempFiles.get(src as string)
        if (!file) throw failure('compressImage:fail file not found')
        if (quality !== undefined && ((quality as number) < 0 || (quality as number) > 100)) throw failure('compressImage:fail invalid quality')
        const rotated = ['left', 'right', 'left-mirrored', 'right-mirrored'].includes(file.orientation)
        const displayed = { width: rotated ? file.height : file.width, height: rotated ? file.width : file.height }
        // One side given: the other follows the aspect ratio; both: exactly that size.
        const cw = compressedWidth as number | undefined
        const ch = compressedHeight as number | undefined
        const width = cw ?? (ch !== undefined ? (ch * displayed.width) / displayed.height : displayed.width)
        const height = ch ?? (cw !== undefined ? (cw * displayed.height) / displayed.width : displayed.height)
        fake.compressions.push({ displayed, output: { width: Math.round(width), height: Math.round(height) } })
        // The orientation is applied; the bytes are the license fixture (a JPEG the functions accept).
        return { tempFilePath: newTemp({ bytes: LICENSE_JPEG, width: Math.round(width), height: Math.round(height), orientation: 'up', type: 'jpeg' }) }
      },
    ),

    // ---- files
    getFileSystemManager: syncApi('getFileSystemManager', () => null, () => ({
      getFileInfo: asyncApi('getFileInfo', { filePath: str, 'digestAlgorithm?': oneOf('md5', 'sha1') }, ({ filePath }) => {
        const bytes = fileBytes(filePath as string)
        if (!bytes) throw failure(`getFileInfo:fail no such file or directory ${filePath}`)
        return { size: bytes.length }
      }),
      writeFile: asyncApi(
        'writeFile',
        { filePath: str, data: (v) => (typeof v === 'string' || typeName(v) === 'ArrayBuffer' ? null : 'String'), 'encoding?': oneOf('ascii', 'base64', 'binary', 'hex', 'ucs2', 'ucs-2', 'utf16le', 'utf-16le', 'utf-8', 'utf8', 'latin1') },
        ({ filePath, data, encoding }) => {
          if (!(filePath as string).startsWith(`${USER_DATA_PATH}/`)) throw failure(`writeFile:fail permission denied, open ${filePath}`)
          const bytes = typeof data === 'string' ? Buffer.from(data, ((encoding as string) ?? 'utf8').replace('utf-8', 'utf8') as BufferEncoding) : Buffer.from(data as ArrayBuffer)
          fake.userFiles.set(filePath as string, bytes)
          return {}
        },
      ),
      readFile: asyncApi('readFile', { filePath: str, 'encoding?': str }, ({ filePath, encoding }) => {
        const bytes = fileBytes(filePath as string)
        if (!bytes) throw failure(`readFile:fail no such file or directory ${filePath}`)
        return { data: encoding ? bytes.toString(encoding as BufferEncoding) : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) }
      }),
      // Directories under USER_DATA_PATH (the root always exists); files live in userFiles by full path.
      access: asyncApi('access', { path: str }, ({ path: p }) => {
        if (p === USER_DATA_PATH || userDirs.has(p as string) || fileBytes(p as string)) return {}
        throw failure(`access:fail no such file or directory ${p}`)
      }),
      mkdir: asyncApi('mkdir', { dirPath: str, 'recursive?': bool }, ({ dirPath, recursive }) => {
        const dir = dirPath as string
        if (!dir.startsWith(`${USER_DATA_PATH}/`)) throw failure(`mkdir:fail permission denied, open ${dir}`)
        if (userDirs.has(dir)) throw failure(`mkdir:fail file already exists ${dir}`)
        const parent = dir.slice(0, dir.lastIndexOf('/'))
        if (!recursive && parent !== USER_DATA_PATH && !userDirs.has(parent)) throw failure(`mkdir:fail no such file or directory ${dir}`)
        for (let d = dir; d.startsWith(`${USER_DATA_PATH}/`); d = d.slice(0, d.lastIndexOf('/'))) userDirs.add(d)
        return {}
      }),
      copyFile: asyncApi('copyFile', { srcPath: str, destPath: str }, ({ srcPath, destPath }) => {
        const bytes = fileBytes(srcPath as string)
        if (!bytes) throw failure(`copyFile:fail no such file or directory ${srcPath}`)
        const dest = destPath as string
        if (!dest.startsWith(`${USER_DATA_PATH}/`)) throw failure(`copyFile:fail permission denied, copyFile ${srcPath} -> ${dest}`)
        const parent = dest.slice(0, dest.lastIndexOf('/'))
        if (parent !== USER_DATA_PATH && !userDirs.has(parent)) throw failure(`copyFile:fail no such file or directory ${dest}`)
        fake.userFiles.set(dest, Buffer.from(bytes))
        return {}
      }),
      unlink: asyncApi('unlink', { filePath: str }, ({ filePath }) => {
        if (!fake.userFiles.delete(filePath as string)) throw failure(`unlink:fail no such file or directory ${filePath}`)
        return {}
      }),
      readdir: asyncApi('readdir', { dirPath: str }, ({ dirPath }) => {
        const dir = dirPath as string
        if (dir !== USER_DATA_PATH && !userDirs.has(dir)) throw failure(`readdir:fail no such file or directory ${dir}`)
        const children = new Set<string>()
        for (const p of [...fake.userFiles.keys(), ...userDirs]) if (p.startsWith(`${dir}/`)) children.add(p.slice(dir.length + 1).split('/')[0])
        return { files: [...children] }
      }),
    })),
    shareFileMessage: asyncApi('shareFileMessage', { filePath: str, 'fileName?': str }, async ({ filePath, fileName }) => {
      if (!host.inTapGesture()) throw failure('shareFileMessage:fail can only be invoked by user TAP gesture.')
      const denied = await privacyGate('shareFileMessage')
      if (denied) throw denied
      if (!fileBytes(filePath as string)) throw failure(`shareFileMessage:fail file not exist`)
      fake.ui.shared.push({ filePath: filePath as string, fileName: String(fileName ?? '') })
      return {}
    }),
    setClipboardData: asyncApi('setClipboardData', { data: str }, async ({ data }) => {
      const denied = await privacyGate('setClipboardData')
      if (denied) throw denied
      fake.ui.clipboard = data as string
      fake.ui.toasts.push('内容已复制')
      return {}
    }),

    // ---- scopes
    getSetting: asyncApi('getSetting', { 'withSubscriptions?': bool }, () => ({ authSetting: { ...fake.authSetting } })),
    authorize: asyncApi('authorize', { scope: str }, ({ scope }) => {
      if (fake.authSetting[scope as string] === undefined) fake.authSetting[scope as string] = fake.user.scopes[scope as string] !== 'deny'
      if (!fake.authSetting[scope as string]) throw failure('authorize:fail auth deny')
      return {}
    }),
    openSetting: asyncApi('openSetting', { 'withSubscriptions?': bool }, () => {
      if (!host.inTapGesture()) throw failure('openSetting:fail can only be invoked by user TAP gesture.')
      Object.assign(fake.authSetting, fake.user.settingsChanges)
      return { authSetting: { ...fake.authSetting } }
    }),

    // ---- privacy
    onNeedPrivacyAuthorization: syncApi(
      'onNeedPrivacyAuthorization',
      (listener) => (typeof listener === 'function' ? null : `onNeedPrivacyAuthorization:fail parameter error: parameter.listener should be Function instead of ${typeName(listener)};`),
      (listener) => void privacyListeners.push(listener as (typeof privacyListeners)[number]),
    ),
    // Raises the consent popup (the app's listener, or WeChat's own) whatever API comes next.
    requirePrivacyAuthorize: asyncApi('requirePrivacyAuthorize', {}, async () => {
      const denied = await privacyGate('requirePrivacyAuthorize')
      if (denied) throw denied
      return {}
    }),
    getPrivacySetting: asyncApi('getPrivacySetting', {}, () => ({ needAuthorization: !fake.privacyAgreed, privacyContractName: '《行驶证识别小程序隐私保护指引》' })),
    openPrivacyContract: asyncApi('openPrivacyContract', {}, () => ({})),

    // ---- cloud (Taro.cloud is this object itself)
    cloud: {
      init: syncApi('cloud.init', (o) => (o === undefined || (typeof o === 'object' && o !== null) ? null : `cloud.init:fail parameter error: parameter should be Object instead of ${typeName(o)};`), (o) => {
        const env = (o as Args | undefined)?.env
        if (env !== undefined && typeof env !== 'string' && (typeof env !== 'object' || env === null)) {
          throw new Error(`cloud.init:fail parameter error: parameter.env should be String instead of ${typeName(env)};`)
        }
        fake.cloudInitialized = true
      }),
      callFunction: asyncApi('cloud.callFunction', { name: str, 'data?': obj, 'config?': obj }, async ({ name, data }) => {
        requireInit('cloud.callFunction')
        const fn = cloud.functions[name as string]
        if (!fn) throw failure('cloud.callFunction:fail Error: errCode: -501000 | errMsg: FunctionName parameter could not be found. (callFunction:fail)', { errCode: -501000 })
        // The event crosses the network as JSON, and so does the answer.
        const event = JSON.parse(JSON.stringify(data ?? {})) as Record<string, unknown>
        let result: unknown
        try {
          result = await fn(event, fake.openid)
          fake.cloudLog.push({ api: 'callFunction', args: { name, data: event }, result })
        } catch (error) {
          fake.cloudLog.push({ api: 'callFunction', args: { name, data: event }, error })
          throw failure(`cloud.callFunction:fail Error: errCode: -404011 cloud function execution error | errMsg: cloud function service error code -504002, error message ${String(error)}`, { errCode: -404011 })
        }
        return { result: JSON.parse(JSON.stringify(result ?? null)), requestID: `req-${fake.calls.length}` }
      }),
      uploadFile: asyncApi('cloud.uploadFile', { cloudPath: str, filePath: str, 'config?': obj }, ({ cloudPath, filePath }) => {
        requireInit('cloud.uploadFile')
        const bytes = fileBytes(filePath as string)
        if (!bytes) throw failure(`cloud.uploadFile:fail uploadFile:fail file not found: ${filePath}`, { errCode: -1 })
        try {
          const fileID = cloud.env.clientUpload(fake.openid, cloudPath as string, Buffer.from(bytes))
          fake.cloudLog.push({ api: 'uploadFile', args: { cloudPath, filePath }, result: fileID })
          return { fileID, statusCode: 204 }
        } catch (error) {
          const e = error as { errCode?: number; errMsg?: string }
          throw failure(e.errMsg ?? 'cloud.uploadFile:fail', { errCode: e.errCode })
        }
      }),
      deleteFile: asyncApi('cloud.deleteFile', { fileList: (v) => (Array.isArray(v) && v.length > 0 && v.length <= 50 && v.every((s) => typeof s === 'string') ? null : 'Array') }, ({ fileList }) => {
        requireInit('cloud.deleteFile')
        fake.cloudLog.push({ api: 'deleteFile', args: { fileList } })
        return {
          fileList: (fileList as string[]).map((fileID) => {
            const status = cloud.env.clientDelete(fake.openid, fileID)
            return { fileID, status, errMsg: status === 0 ? 'ok' : 'storage file not exists' }
          }),
        }
      }),
    },
  }

  function requireInit(api: string) {
    if (!fake.cloudInitialized) {
      host.misuse(`${api} before wx.cloud.init`)
      throw failure(`${api}:fail Cloud API isn't enabled, please call wx.cloud.init first`)
    }
  }

  const fake: WxFake = {
    wx,
    user: {
      privacy: 'agree',
      scopes: {},
      settingsChanges: {},
      // A phone photo: 4000×3000 stored landscape, held upright (EXIF "right" = rotate 90°).
      cameraPhoto: { bytes: LICENSE_JPEG, width: 4000, height: 3000, orientation: 'right', type: 'jpeg' },
      albumPhoto: { bytes: LICENSE_JPEG, width: 1600, height: 1075, orientation: 'up', type: 'jpeg' },
      cancelPicker: false,
      modalConfirm: true,
    },
    storage: new Map(),
    tempFiles: new Map(),
    userFiles: new Map(),
    authSetting: {},
    privacyAgreed: false,
    declaredPrivacyApis: new Set(PRIVACY_APIS),
    ui: { toasts: [], modals: [], loading: null, clipboard: null, shared: [] },
    calls: [],
    cloudLog: [],
    compressions: [],
    openid,
    cloudInitialized: false,
    hold(api) {
      let release!: () => void
      holds.set(api, new Promise<void>((resolve) => (release = resolve)))
      return {
        release() {
          holds.delete(api)
          release()
        },
      }
    },
    failNext(api, result, when) {
      failures.set(api, { result, when })
    },
    privacyGate,
  }
  return fake
}

function createSelectorQuery(host: HostBridge) {
  const requests: Array<{ selector: string; all: boolean; fields: Record<string, unknown>; cb?: (r: unknown) => void }> = []
  const query = {
    in: () => query,
    select: (selector: string) => nodesRef(selector, false),
    selectAll: (selector: string) => nodesRef(selector, true),
    selectViewport: () => nodesRef('viewport', false),
    exec(cb?: (results: unknown[]) => void) {
      const results = requests.map(({ selector, all, cb: each }) => {
        const nodes = selector === 'viewport' ? [{ id: '', dataset: {} }] : host.select(selector)
        const measure = (n: { id: string; dataset: Record<string, unknown> }) => ({ ...n, left: 0, right: 0, top: 0, bottom: 0, width: 0, height: 0, scrollLeft: 0, scrollTop: 0, scrollWidth: 0, scrollHeight: 0 })
        const result = all ? nodes.map(measure) : nodes[0] ? measure(nodes[0]) : null
        each?.(host.toApp(result))
        return result
      })
      void host.track(Promise.resolve()).then(() => cb?.(host.toApp(results)))
      return query
    },
  }
  function nodesRef(selector: string, all: boolean) {
    const add = (cb?: (r: unknown) => void) => {
      if (typeof selector !== 'string') host.misuse(`SelectorQuery.select: selector should be String instead of ${typeName(selector)}`)
      requests.push({ selector, all, fields: {}, cb })
      return query
    }
    return { boundingClientRect: add, scrollOffset: add, fields: (_f: unknown, cb?: (r: unknown) => void) => add(cb), node: add, context: add }
  }
  return query
}

function windowInfo() {
  return { pixelRatio: 3, screenWidth: 375, screenHeight: 812, windowWidth: 375, windowHeight: 642, statusBarHeight: 44, safeArea: { top: 44, left: 0, right: 375, bottom: 778, width: 375, height: 734 }, screenTop: 0 }
}
function deviceInfo() {
  return { brand: 'iPhone', model: 'iPhone 13', system: 'iOS 17.5', platform: 'ios', benchmarkLevel: 1 }
}
function appBaseInfo() {
  return { SDKVersion: '3.4.10', language: 'zh_CN', version: '8.0.50', theme: 'light', enableDebug: false }
}
