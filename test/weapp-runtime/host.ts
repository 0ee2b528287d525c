/*
 * The WeChat logic layer, small: it runs the real `dist/` (npm run build:weapp) the way WeChat does
 * and renders each page from the data it sends through setData.
 *
 * Why our own host and not miniprogram-simulate / j-component: those compile WXML components into a
 * jsdom tree (j-component renders into document/window, which is exactly what the bundle must never
 * touch), they target custom components rather than App/Page with a page stack, and Taro's output is
 * one generic recursive template (base.wxml) driven by data, so what a page shows is fully described by
 * its setData tree. A host of ~300 lines that loads the files as WeChat does and applies setData paths
 * tests the real bundle with nothing between it and the assertions, and keeps DOM globals out.
 *
 * What it does, as WeChat's logic layer does:
 * - each dist file runs in a separate JavaScript context (node:vm) with only what WeChat gives a
 *   mini program: wx, App, Page, Component, Behavior, getApp, getCurrentPages, require, timers and
 *   console. No window, document, navigator, process, global, Buffer: touching them throws. eval and
 *   new Function are disabled, as in WeChat.
 * - app.js, then every page of app.json is required; App()/Page()/Component() register; onLaunch/
 *   onShow run; pages are created with the documented lifecycle order (onLoad → onShow → onReady,
 *   onHide/onUnload) and page stack rules (10 pages, tabBar pages only through switchTab, switchTab
 *   drops the non-tab pages, tab pages stay alive).
 * - setData applies "root.cn.[0].v"-style paths to page.data; a data value that is not JSON, or a
 *   node whose `nn` has no template in dist/base.wxml (WeChat would render nothing), is a failure.
 * - events are delivered to the page's `eh` for each element on the bubbling path whose template binds
 *   that event (its bindtap/catchtap etc. in base.wxml), with WeChat's event shape.
 * - timers run on a virtual clock: `settle()` runs everything due (in time order) until the app is idle
 *   and no wx call is in flight. No real waiting, so no assertion depends on timing.
 * - every uncaught error (lifecycle, event handler, timer), console.error, an API misuse from the wx
 *   fake and an unsupported API is recorded; `assertHealthy()` fails with them. (An unhandled
 *   rejection in the bundle fails the test through jest-circus's own process handler.)
 */
import fs from 'fs'
import path from 'path'
import vm from 'vm'
import { createCloud, type FakeCloud } from './cloud'
import { createWx, type WxFake } from './wx'

export const ROOT = path.resolve(__dirname, '../..')
export const DIST = path.join(ROOT, 'dist')

type Data = Record<string, unknown>
type Fn = (...args: unknown[]) => unknown

export interface RenderNode {
  nn?: string
  sid?: string
  uid?: string
  cl?: string
  v?: string
  cn?: RenderNode[]
  [prop: string]: unknown
}

interface TemplateInfo {
  tag: string
  /** WXML attribute → key in the node's data ("value" → "p25"). */
  attrs: Map<string, string>
  bind: Set<string>
  catch: Set<string>
}

export interface PageInstance {
  route: string
  __route__: string
  __wxWebviewId__: number
  options: Data
  data: { root?: RenderNode } & Data
  setData(data: Data, cb?: () => void): void
  [key: string]: unknown
}

export interface HostOptions {
  openid?: string
  staffOpenids?: string[]
  /** Rewrite a dist file's source before it runs (used to prove the harness catches breakage). */
  patch?: (file: string, source: string) => string
  /** Shared cloud (e.g. a second user on the same backend). */
  cloud?: FakeCloud
  /** Storage carried over from a previous run of the app (same user, same device). */
  storage?: Map<string, string>
}

/** base.wxml: which WeChat component each `nn` renders as, and which events it binds. */
function readTemplates(): Map<string, TemplateInfo> {
  const wxml = fs.readFileSync(path.join(DIST, 'base.wxml'), 'utf8')
  const templates = new Map<string, TemplateInfo>()
  for (const m of wxml.matchAll(/<template name="tmpl_0_(\w+?)(?:_focus|_blur)?">\s*<([a-z-]+)([^>]*)>/g)) {
    const [, nn, tag, attrs] = m
    const info = templates.get(nn) ?? { tag, attrs: new Map<string, string>(), bind: new Set<string>(), catch: new Set<string>() }
    if (tag !== 'template') info.tag = tag
    for (const [, attr, key] of attrs.matchAll(/([\w-]+)="\{\{(?:xs\.b\()?i\.(\w+)/g)) info.attrs.set(attr, key)
    for (const [, kind, event] of attrs.matchAll(/\b(bind|catch)(\w+)="eh"/g)) info[kind as 'bind' | 'catch'].add(event)
    templates.set(nn, info)
  }
  return templates
}

/** Splits "root.cn.[0].cn[2].v" into ["root","cn",0,"cn",2,"v"]. */
function dataPath(key: string): Array<string | number> {
  const parts: Array<string | number> = []
  for (const m of key.matchAll(/\[(\d+)\]|([^.[\]]+)/g)) parts.push(m[1] !== undefined ? Number(m[1]) : m[2])
  return parts
}

export interface AppJson {
  pages: string[]
  subPackages?: Array<{ root: string; pages: string[] }>
  subpackages?: Array<{ root: string; pages: string[] }>
  tabBar?: { list: Array<{ pagePath: string }> }
}

export const subPackagesOf = (app: AppJson) => app.subPackages ?? app.subpackages ?? []

export function routesOf(app: AppJson): string[] {
  return [...app.pages, ...subPackagesOf(app).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))]
}

export class MiniProgram {
  readonly errors: string[] = []
  readonly warnings: string[] = []
  readonly cloud: FakeCloud
  readonly wx: WxFake
  readonly appJson: AppJson
  /** Main-package pages, then every subpackage's pages (root + page), as WeChat routes them. */
  readonly routes: string[]
  private readonly loadedRoutes = new Set<string>()
  stack: PageInstance[] = []
  private readonly tabPages = new Map<string, PageInstance>()
  private readonly pageConfigs = new Map<string, Data>()
  readonly components = new Map<string, Data>()
  private appInstance: Data | null = null
  private readonly context: vm.Context
  private appJSON: JSON | undefined
  private readonly modules = new Map<string, { exports: unknown }>()
  private readonly templates = readTemplates()
  private timers: Array<{ id: number; due: number; fn: Fn; args: unknown[]; every?: number }> = []
  private timerSeq = 0
  private clock = 0
  private inflight = 0
  private webviewSeq = 0
  private gesture = 0
  private loadingRoute: string | null = null
  private readonly camerasSeen = new Set<string>()
  private readonly failedCameras = new Set<string>()

  constructor(private readonly options: HostOptions = {}) {
    this.appJson = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8'))
    this.routes = routesOf(this.appJson)
    this.cloud = options.cloud ?? createCloud({ staffOpenids: options.staffOpenids })
    this.wx = createWx(
      this.cloud,
      {
        navigate: (kind, url) => this.navigate(kind, url),
        navigateBack: (delta) => this.navigateBack(delta),
        cameraReady: () => this.cameraReady(),
        inTapGesture: () => this.gesture > 0,
        track: (promise) => this.track(promise),
        misuse: (message) => this.fail('wx API misuse', message),
        toApp: (value) => this.toApp(value),
        select: (selector) => this.select(selector),
      },
      options.openid ?? 'oUser_A_0123456789abcdefghij',
    )
    if (options.storage) for (const [k, v] of options.storage) this.wx.storage.set(k, v)

    const host = this
    const timer = (every: boolean) => (fn: Fn, ms = 0, ...args: unknown[]) => {
      if (typeof fn !== 'function') return 0
      const id = ++host.timerSeq
      host.timers.push({ id, due: host.clock + Math.max(0, Number(ms) || 0), fn, args, every: every ? Math.max(1, Number(ms) || 0) : undefined })
      return id
    }
    const clear = (id: unknown) => {
      host.timers = host.timers.filter((t) => t.id !== id)
    }
    const log = (level: 'log' | 'info' | 'debug' | 'warn' | 'error') => (...args: unknown[]) => {
      const text = args.map((a) => (a instanceof Error || (a && typeof a === 'object' && 'stack' in a) ? String((a as Error).stack) : typeof a === 'string' ? a : safeJson(a))).join(' ')
      if (level === 'error') host.fail('console.error', text)
      else if (level === 'warn') {
        // Taro's stub for an API the wx object lacks: the bundle would break on a phone too.
        if (text.includes('暂不支持')) host.fail('unsupported API', text)
        else host.warnings.push(text)
      }
    }
    const sandbox: Data = {
      wx: this.wx.wx,
      App: (config: Data) => {
        if (this.appInstance) this.fail('App() called twice', '')
        this.appInstance = { ...config }
      },
      Page: (config: Data) => {
        if (!this.loadingRoute || !this.routes.includes(this.loadingRoute)) return this.fail('Page() outside a page file', String(this.loadingRoute))
        this.pageConfigs.set(this.loadingRoute, config)
      },
      Component: (config: Data) => {
        if (!this.loadingRoute) return this.fail('Component() outside a component file', '')
        this.components.set(this.loadingRoute, config)
      },
      Behavior: (config: Data) => config,
      getApp: () => this.appInstance,
      getCurrentPages: () => [...this.stack],
      requirePlugin: () => {
        throw new Error('requirePlugin: no plugins are declared')
      },
      setTimeout: timer(false),
      setInterval: timer(true),
      clearTimeout: clear,
      clearInterval: clear,
      console: { log: log('log'), info: log('info'), debug: log('debug'), warn: log('warn'), error: log('error'), group() {}, groupEnd() {}, time() {}, timeEnd() {} },
    }
    this.context = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false }, name: 'weapp logic layer' })
    // Date.now() follows the virtual clock (Taro's nextTick polls it), from the real time at start.
    const epoch = Date.now()
    ;(vm.runInContext('(function (now) { Date.now = now })', this.context) as Fn)(() => epoch + this.clock)
  }

  // ---------- loading

  private require(file: string): unknown {
    const abs = path.resolve(DIST, file.endsWith('.js') ? file : `${file}.js`)
    if (!abs.startsWith(DIST + path.sep)) throw new Error(`require outside the package: ${file}`)
    const cached = this.modules.get(abs)
    if (cached) return cached.exports
    const module = { exports: {} as unknown }
    this.modules.set(abs, module)
    let source = fs.readFileSync(abs, 'utf8')
    if (this.options.patch) source = this.options.patch(path.relative(DIST, abs), source)
    const wrapped = `(function (require, module, exports) {${source}\n})`
    const fn = new vm.Script(wrapped, { filename: abs }).runInContext(this.context) as Fn
    const localRequire = (dep: string) => this.require(path.join(path.dirname(path.relative(DIST, abs)), dep))
    fn(localRequire, module, module.exports)
    return module.exports
  }

  /** The custom components a page or component json uses (Taro's recursive `comp`), once each. */
  private loadComponents(jsonFile: string) {
    const json = JSON.parse(fs.readFileSync(path.join(DIST, jsonFile), 'utf8')) as { usingComponents?: Record<string, string> }
    for (const ref of Object.values(json.usingComponents ?? {})) {
      const file = path.posix.join(path.posix.dirname(jsonFile), ref)
      if (this.components.has(file)) continue
      this.loadingRoute = file
      this.guard(`${file}.js`, () => this.require(`${file}.js`))
      this.loadingRoute = null
      if (!this.components.has(file)) this.fail('component not registered', file)
      else this.loadComponents(`${file}.json`)
    }
  }

  /** Loads app.js and every page, then launches on the first page (or `entry`). */
  async launch(entry = this.appJson.pages[0], query: Data = {}): Promise<PageInstance> {
    this.guard('app.js', () => this.require('app.js'))
    this.loadPages(this.appJson.pages)
    if (!this.appInstance) throw new Error(`App() was not called: ${this.errors.join('\n')}`)
    // Opened directly in a subpackage (a share card, a QR code): WeChat fetches that package first.
    this.loadPackageOf(entry)
    const launchOptions = { path: entry, query, scene: 1001, referrerInfo: {} }
    this.lifecycle(this.appInstance, 'onLaunch', launchOptions)
    this.lifecycle(this.appInstance, 'onShow', launchOptions)
    this.open(entry, query)
    await this.settle()
    return this.current
  }

  private loadPages(routes: readonly string[]) {
    for (const route of routes) {
      if (this.loadedRoutes.has(route)) continue
      this.loadedRoutes.add(route)
      this.loadingRoute = route
      this.guard(`${route}.js`, () => this.require(`${route}.js`))
      this.loadingRoute = null
      if (!this.pageConfigs.has(route)) this.fail('page not registered', route)
      this.loadComponents(`${route}.json`)
    }
  }

  /** WeChat downloads and runs a subpackage the first time one of its pages is opened. */
  private loadPackageOf(route: string) {
    const pkg = subPackagesOf(this.appJson).find((p) => route.startsWith(`${p.root.replace(/\/$/, '')}/`))
    if (pkg) this.loadPages(pkg.pages.map((page) => `${pkg.root.replace(/\/$/, '')}/${page}`))
  }

  // ---------- pages

  get current(): PageInstance {
    return this.stack[this.stack.length - 1]
  }

  private isTab(route: string): boolean {
    return (this.appJson.tabBar?.list ?? []).some((t) => t.pagePath === route)
  }

  private createPage(route: string, query: Data): PageInstance {
    const config = this.pageConfigs.get(route)!
    const host = this
    const page = {} as PageInstance
    for (const [key, value] of Object.entries(config)) if (key !== 'data') page[key] = value
    Object.assign(page, {
      route,
      __route__: route,
      __wxWebviewId__: ++this.webviewSeq,
      options: query,
      data: JSON.parse(JSON.stringify(config.data ?? {})),
      setData(data: Data, cb?: () => void) {
        host.setData(page, data, cb)
      },
      selectComponent: () => null,
      selectAllComponents: () => [],
      createSelectorQuery: () => (host.wx.wx.createSelectorQuery as Fn | undefined)?.(),
      getTabBar: () => null,
      getOpenerEventChannel: () => ({ emit() {}, on() {}, once() {}, off() {} }),
    })
    return page
  }

  private open(route: string, query: Data): PageInstance | undefined {
    if (!this.pageConfigs.has(route)) {
      this.fail('open', `${route}: Page() was never called for it`)
      return undefined
    }
    const page = this.createPage(route, query)
    this.stack.push(page)
    if (this.isTab(route)) this.tabPages.set(route, page)
    this.lifecycle(page, 'onLoad', this.toApp({ ...query }))
    this.lifecycle(page, 'onShow')
    // onReady follows the first render: after the setData of onLoad reaches the view.
    this.later(() => this.lifecycle(page, 'onReady'))
    return page
  }

  private unload(page: PageInstance) {
    this.lifecycle(page, 'onUnload')
    if (this.isTab(page.route)) this.tabPages.delete(page.route)
  }

  private parseUrl(url: string): { route: string; query: Data } | string {
    const [rawPath, search = ''] = url.split('?')
    let route = rawPath.replace(/^\//, '')
    if (!rawPath.startsWith('/')) route = path.posix.join(path.posix.dirname(this.current?.route ?? ''), rawPath)
    if (!this.routes.includes(route)) return `page "${route}" is not found`
    this.loadPackageOf(route)
    const query: Data = {}
    for (const pair of search.split('&').filter(Boolean)) {
      const [k, v = ''] = pair.split('=')
      query[k] = v // WeChat passes query values as they are in the url (still encoded)
    }
    return { route, query }
  }

  private navigate(kind: 'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch', url: string): string | null {
    const target = this.parseUrl(url)
    if (typeof target === 'string') return target
    const { route, query } = target
    const tab = this.isTab(route)
    if (kind === 'navigateTo' || kind === 'redirectTo') {
      if (tab) return `can not ${kind} a tabbar page`
    }
    if (kind === 'switchTab' && !tab) return 'can not switch to no-tabBar page'
    if (kind === 'navigateTo' && this.stack.length >= 10) return 'webview count limit exceed'
    this.later(() => {
      const top = this.current
      switch (kind) {
        case 'navigateTo':
          this.lifecycle(top, 'onHide')
          this.open(route, query)
          break
        case 'redirectTo':
          this.stack.pop()
          this.unload(top)
          this.open(route, query)
          break
        case 'reLaunch':
          while (this.stack.length) this.unload(this.stack.pop()!)
          for (const page of this.tabPages.values()) this.unload(page)
          this.open(route, query)
          break
        case 'switchTab': {
          // Non-tab pages close; tab pages stay loaded, hidden unless they are the target.
          for (const page of [...this.stack].reverse()) {
            if (!this.isTab(page.route)) this.unload(page)
            else if (page.route !== route) this.lifecycle(page, 'onHide')
          }
          const existing = this.tabPages.get(route)
          if (existing) {
            this.stack = [existing]
            if (existing !== top) this.lifecycle(existing, 'onShow')
          } else {
            this.stack = []
            this.open(route, {})
          }
          break
        }
      }
    })
    return null
  }

  private navigateBack(delta: number): string | null {
    if (this.stack.length <= 1) return 'cannot navigate back at first page.'
    this.later(() => {
      const n = Math.min(Math.max(1, delta), this.stack.length - 1)
      for (let i = 0; i < n; i++) this.unload(this.stack.pop()!)
      this.lifecycle(this.current, 'onShow')
    })
    return null
  }

  // ---------- rendering

  private setData(page: PageInstance, data: Data, cb?: () => void) {
    if (typeof data !== 'object' || data === null) return this.fail('setData', `data should be Object instead of ${typeof data}`)
    // WeChat refuses a single setData over 1 MB (serialized) between the layers.
    const size = Buffer.byteLength(safeJson(data))
    if (size > 1024 * 1024) this.fail('setData', `data of ${size} bytes exceeds the 1024 KB limit`)
    for (const [key, raw] of Object.entries(data)) {
      if (raw === undefined) {
        this.fail('setData', `Setting data field "${key}" to undefined is invalid.`)
        continue
      }
      let value: unknown
      try {
        value = JSON.parse(JSON.stringify(raw))
      } catch (error) {
        this.fail('setData', `data of "${key}" is not JSON: ${String(error)}`)
        continue
      }
      const parts = dataPath(key)
      let target = page.data as Record<string | number, unknown>
      for (let i = 0; i < parts.length - 1; i++) {
        const next = target[parts[i]]
        if (typeof next !== 'object' || next === null) target[parts[i]] = typeof parts[i + 1] === 'number' ? [] : {}
        target = target[parts[i]] as Record<string | number, unknown>
      }
      target[parts[parts.length - 1]] = value
    }
    if (cb) this.later(cb)
    this.checkTree(page)
  }

  private checkTree(page: PageInstance) {
    this.walk(page.data.root, (node) => {
      if (node.nn !== undefined && !this.templates.has(String(node.nn))) this.fail('render', `node ${node.sid} has nn=${node.nn}, which no template in base.wxml renders`)
      if (node.nn !== undefined && this.templates.get(String(node.nn))?.tag === 'camera' && node.sid && !this.camerasSeen.has(node.sid)) {
        // WeChat inserts the native camera: without consent or the scope, binderror fires.
        this.camerasSeen.add(node.sid)
        const sid = node.sid
        this.track(
          this.wx.privacyGate('camera').then((denied) => {
            if (!denied && this.wx.authSetting['scope.camera'] === undefined) this.wx.authSetting['scope.camera'] = this.wx.user.scopes['scope.camera'] !== 'deny'
            const errMsg = denied ? String(denied.result.errMsg).replace(/^camera:/, 'insertCamera:') : this.wx.authSetting['scope.camera'] ? null : 'insertCamera:fail auth deny'
            if (errMsg) {
              this.failedCameras.add(sid)
              this.later(() => this.fire(page, sid, 'error', { errMsg, ...(denied?.result.errno ? { errno: denied.result.errno } : {}) }))
            }
          }),
        )
      }
    })
  }

  private cameraReady(): boolean {
    const page = this.current
    const cameras = page ? this.findAll((n) => this.tagOf(n) === 'camera', page) : []
    return cameras.some((c) => !this.failedCameras.has(String(c.sid)))
  }

  private walk(node: RenderNode | undefined, visit: (node: RenderNode, ancestors: RenderNode[]) => void, ancestors: RenderNode[] = []) {
    if (!node || typeof node !== 'object') return
    visit(node, ancestors)
    for (const child of node.cn ?? []) this.walk(child, visit, [...ancestors, node])
  }

  tagOf(node: RenderNode): string {
    return node.nn === undefined ? 'root' : (this.templates.get(String(node.nn))?.tag ?? `?${node.nn}`)
  }

  /** All text under a node (text nodes carry `v`), in document order. */
  textOf(node: RenderNode | undefined = this.current?.data.root): string {
    if (!node) return ''
    if (typeof node.v === 'string') return node.v
    return (node.cn ?? []).map((c) => this.textOf(c)).join('')
  }

  /** A WXML attribute of an element as WeChat would render it ("value", "class", …). */
  attr(node: RenderNode, name: string): unknown {
    if (name === 'class') return node.cl
    const key = this.templates.get(String(node.nn))?.attrs.get(name)
    return key === undefined ? undefined : node[key]
  }

  /** The values of the form fields (input/textarea) on the page, by their `name` (or placeholder). */
  formValues(page: PageInstance = this.current): Record<string, string> {
    const values: Record<string, string> = {}
    for (const node of this.findAll((n) => ['input', 'textarea'].includes(this.tagOf(n)), page)) {
      const name = String(this.attr(node, 'name') ?? this.attr(node, 'placeholder') ?? node.sid)
      values[name] = String(this.attr(node, 'value') ?? '')
    }
    return values
  }

  /** Number of elements (not text nodes) the page renders. */
  elementCount(page: PageInstance = this.current): number {
    let n = 0
    this.walk(page.data.root, (node) => {
      if (node.nn !== undefined && typeof node.v !== 'string') n++
    })
    return n
  }

  findAll(test: (node: RenderNode) => boolean, page: PageInstance = this.current): RenderNode[] {
    const found: RenderNode[] = []
    this.walk(page.data.root, (node) => {
      if (node.nn !== undefined && test(node)) found.push(node)
    })
    return found
  }

  /** The innermost element whose whole text is `text` (or, failing that, contains it / matches it). */
  byText(text: string | RegExp, page: PageInstance = this.current): RenderNode {
    const innermost = (test: (t: string) => boolean) => {
      const matches = this.findAll((n) => typeof n.v !== 'string' && test(this.textOf(n).trim()), page)
      return matches.filter((m) => !matches.some((o) => o !== m && this.contains(m, o)))
    }
    const found =
      typeof text === 'string'
        ? [...innermost((t) => t === text), ...innermost((t) => t.includes(text))]
        : innermost((t) => text.test(t))
    if (found.length === 0) throw new Error(`no element with text ${String(text)} on ${page.route}:\n${this.textOf(page.data.root)}`)
    return found[0]
  }

  byClass(className: string, page: PageInstance = this.current): RenderNode {
    const found = this.findAll((n) => typeof n.cl === 'string' && n.cl.split(/\s+/).includes(className), page)
    if (found.length === 0) throw new Error(`no element with class ${className} on ${page.route}`)
    return found[0]
  }

  select(selector: string) {
    const last = selector.trim().split(/[\s>+~]+/).pop() ?? ''
    const id = /#([\w-]+)/.exec(last)?.[1]
    const classes = [...last.matchAll(/\.([\w-]+)/g)].map((m) => m[1])
    const tag = /^[a-z][\w-]*/.exec(last)?.[0]
    if (!this.current) return []
    return this.findAll((n) => {
      if (id && String(n.uid ?? n.sid) !== id) return false
      const cl = typeof n.cl === 'string' ? n.cl.split(/\s+/) : []
      if (!classes.every((c) => cl.includes(c))) return false
      return !tag || this.tagOf(n) === tag
    }).map((n) => ({ id: String(n.uid ?? n.sid), dataset: { sid: n.sid } }))
  }

  private contains(ancestor: RenderNode, node: RenderNode): boolean {
    let found = false
    this.walk(ancestor, (n) => {
      if (n === node && n !== ancestor) found = true
    })
    return found
  }

  private pathTo(page: PageInstance, sid: string): RenderNode[] {
    let result: RenderNode[] = []
    this.walk(page.data.root, (node, ancestors) => {
      if (node.sid === sid) result = [...ancestors, node]
    })
    return result
  }

  // ---------- events

  /** A user tap on `node`: WeChat's tap event, bubbling through the elements that bind it. */
  async tap(node: RenderNode): Promise<void> {
    this.gesture++
    try {
      this.fire(this.current, String(node.sid), 'tap', { x: 10, y: 10 })
    } finally {
      this.gesture--
    }
    await this.settle()
  }

  /** The navigation bar's back button. */
  async back(): Promise<void> {
    const error = this.navigateBack(1)
    if (error) throw new Error(error)
    await this.settle()
  }

  /** An input event on an <input>/<textarea>. */
  async input(node: RenderNode, value: string): Promise<void> {
    this.fire(this.current, String(node.sid), 'input', { value, cursor: value.length, keyCode: 0 })
    await this.settle()
  }

  fire(page: PageInstance, sid: string, type: string, detail: Data) {
    const route = this.pathTo(page, sid)
    const target = route[route.length - 1]
    if (!target) return this.fail('event', `no node ${sid} on ${page.route}`)
    const idOf = (n: RenderNode) => String(n.uid ?? n.sid)
    const bubbles = ['tap', 'longpress', 'touchstart', 'touchmove', 'touchend', 'touchcancel', 'longtap'].includes(type)
    for (const node of [...route].reverse()) {
      const info = this.templates.get(String(node.nn))
      if (!info || (!info.bind.has(type) && !info.catch.has(type))) {
        if (!bubbles) return
        continue
      }
      const event = this.toApp({
        type,
        timeStamp: this.clock,
        target: { id: idOf(target), dataset: { sid: target.sid }, offsetLeft: 0, offsetTop: 0 },
        currentTarget: { id: idOf(node), dataset: { sid: node.sid }, offsetLeft: 0, offsetTop: 0 },
        detail,
        mark: {},
        mut: false,
        touches: [],
        changedTouches: [],
      })
      this.guard(`${type} handler`, () => (page.eh as Fn)(event))
      if (!bubbles || info.catch.has(type)) return
    }
  }

  // ---------- scheduling

  private later(fn: () => void) {
    this.timers.push({ id: ++this.timerSeq, due: this.clock, fn, args: [] })
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inflight++
    return promise.finally(() => this.inflight--)
  }

  /** Runs timers in virtual time and waits for wx calls in flight, until the app is idle. */
  async settle(): Promise<void> {
    const started = Date.now()
    for (let ran = 0; ; ) {
      await new Promise((resolve) => setImmediate(resolve))
      if (this.inflight > 0) {
        // Real time only as a safety net for a wx call that never answers; nothing asserts on it.
        if (Date.now() - started > 30000) throw new Error(`settle: ${this.inflight} wx call(s) never finished`)
        continue
      }
      const pending = this.timers.filter((t) => t.every === undefined)
      if (pending.length === 0) return
      if (++ran > 5000) {
        const loop = pending.map((t) => `${t.due - this.clock}ms: ${String(t.fn).slice(0, 160)}`).join('\n')
        throw new Error(`settle: the app never became idle (a timer loop?), pending:\n${loop}`)
      }
      const next = pending.reduce((a, b) => (b.due < a.due || (b.due === a.due && b.id < a.id) ? b : a))
      this.timers = this.timers.filter((t) => t !== next)
      this.clock = Math.max(this.clock, next.due)
      this.guard('timer', () => next.fn(...next.args))
    }
  }

  // ---------- errors

  private lifecycle(target: Data | undefined, name: string, ...args: unknown[]) {
    const fn = target?.[name]
    if (typeof fn === 'function') this.guard(`${(target as PageInstance).route ?? 'App'}.${name}`, () => fn.apply(target, args))
  }

  private guard(where: string, fn: () => unknown) {
    try {
      fn()
    } catch (error) {
      this.fail(where, error)
    }
  }

  private fail(where: string, error: unknown) {
    const text = error instanceof Error || (error && typeof error === 'object' && 'stack' in error) ? String((error as Error).stack) : typeof error === 'string' ? error : safeJson(error)
    this.errors.push(`${where}: ${text}`)
  }

  /** Fails with every error the logic layer produced so far. */
  assertHealthy() {
    if (this.errors.length > 0) throw new Error(`the mini program failed:\n${this.errors.map((e) => e.split('\n').slice(0, 6).join('\n')).join('\n---\n')}`)
  }

  /** Runs an expression in the logic layer (for checks on its globals). */
  evaluate(expression: string): unknown {
    return vm.runInContext(expression, this.context)
  }

  /** Values handed to app code come from its own realm, as they would in WeChat. */
  toApp<T>(value: T): T {
    if (value === null || typeof value !== 'object') return value
    if (typeof (value as { then?: unknown }).then === 'function') return value
    if (Object.values(value as object).some((v) => typeof v === 'function' || Buffer.isBuffer(v) || v instanceof ArrayBuffer)) return value
    this.appJSON ??= vm.runInContext('JSON', this.context) as JSON
    return this.appJSON.parse(JSON.stringify(value))
  }

  dispose() {
    this.timers = []
  }
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}
