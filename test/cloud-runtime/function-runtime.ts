// Runs the built cloud functions the way CloudBase does: each `cloudfunctions/<name>/` folder is
// "deployed" as is (index.js, config.json, package.json) with the dependencies its package.json
// names resolved in its own node_modules (wx-server-sdk → the stand-in; anything else is refused,
// since the functions must need nothing more), and run in instances on a CloudBase Node binary,
// one invocation per instance at a time, more instances for concurrent calls.
import { fork, type ChildProcess } from 'child_process'
import { buildSync } from 'esbuild'
import fs from 'fs'
import os from 'os'
import path from 'path'
import type { CloudEnvironment } from './cloud-environment'
import { fromWireError, toWireError, type HostReady, type InvokeReply, type RpcRequest } from './standin/protocol'

export const ROOT = path.resolve(__dirname, '../..')
export const CLOUD_NODE_VERSIONS = ['16.13.2', '18.15.0'] as const
export type CloudNodeVersion = (typeof CLOUD_NODE_VERSIONS)[number]

export function nodeBinary(version: CloudNodeVersion): string {
  const binary = path.join(ROOT, '.cache', 'node-runtimes', version, 'bin', 'node')
  if (!fs.existsSync(binary)) throw new Error(`${binary} missing: run node scripts/cloud-runtimes.mjs`)
  return binary
}

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vls-cloud-runtime-'))
let standinBuilt = false

/** The stand-in SDK and the instance host, compiled for the oldest runtime. */
function buildStandin(): void {
  if (standinBuilt) return
  const common = { bundle: true, platform: 'node' as const, target: 'node16', format: 'cjs' as const, logLevel: 'error' as const }
  buildSync({ ...common, entryPoints: [path.join(__dirname, 'standin/sdk-entry.js')], outfile: path.join(workDir, 'standin/wx-server-sdk.js') })
  buildSync({ ...common, entryPoints: [path.join(__dirname, 'standin/instance-host.ts')], outfile: path.join(workDir, 'instance-host.js') })
  standinBuilt = true
}

export interface FunctionConfig {
  permissions?: { openapi?: string[] }
  triggers?: Array<{ name: string; type: string; config: string }>
  timeout?: number
}

export interface DeployOptions {
  /** The function's 环境变量 (版本与配置). */
  env?: Record<string, string>
  /** Replaces the deployed config.json (e.g. to drop a permission). */
  config?: FunctionConfig
  /** Deploys this folder instead of cloudfunctions/<name>/ (the SDK probe). */
  sourceDir?: string
}

export interface Caller {
  openid?: string
  appid?: string
}

export const TEST_APPID = 'wx5f0a1b2c3d4e5f60'

export class FunctionInstance {
  readonly stdout: string[] = []
  readonly stderr: string[] = []
  private nextId = 1
  private readonly waiting = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>()
  private readonly child: ChildProcess
  readonly ready: Promise<string>
  busy = false

  constructor(
    private readonly fn: DeployedFunction,
    private readonly cloud: CloudEnvironment,
  ) {
    this.child = fork(path.join(workDir, 'instance-host.js'), [fn.dir], {
      execPath: fn.binary,
      cwd: fn.dir,
      // SCF runs in UTC with the function's own environment variables, nothing of ours.
      env: { PATH: '/usr/bin:/bin', TZ: 'UTC', SCF_FUNCTIONNAME: fn.name, ...fn.env } as unknown as NodeJS.ProcessEnv,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    })
    this.child.stdout!.on('data', (chunk: Buffer) => this.stdout.push(...chunk.toString('utf8').split('\n').filter(Boolean)))
    this.child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(...chunk.toString('utf8').split('\n').filter(Boolean)))
    this.ready = new Promise<string>((resolve, reject) => {
      this.child.once('exit', (code) => reject(new Error(`${fn.name} instance exited (${code}): ${this.stderr.join('\n')}`)))
      this.child.on('message', (message: HostReady | InvokeReply | RpcRequest) => {
        if (message.kind === 'ready') resolve(message.node)
        else if (message.kind === 'load-error') reject(fromWireError(message.error))
        else if (message.kind === 'rpc') void this.answer(message)
        else if (message.kind === 'invoke-result' || message.kind === 'invoke-error') {
          const waiter = this.waiting.get(message.id)
          this.waiting.delete(message.id)
          if (message.kind === 'invoke-result') waiter?.resolve(message.value)
          else waiter?.reject(fromWireError(message.error))
        }
      })
    })
  }

  private async answer(request: RpcRequest): Promise<void> {
    try {
      const value = await this.cloud.handle(request.method, request.params, {
        name: this.fn.name,
        openapiPermissions: this.fn.config.permissions?.openapi ?? [],
      })
      // JSON round trip: what crosses the network is data, never live objects.
      this.child.send({ kind: 'rpc-result', id: request.id, value: value === undefined ? null : JSON.parse(JSON.stringify(value)) })
    } catch (error) {
      this.child.send({ kind: 'rpc-error', id: request.id, error: toWireError(error) })
    }
  }

  async invoke(event: unknown, caller: Caller = {}): Promise<unknown> {
    this.busy = true
    await this.ready
    const id = this.nextId++
    const env: Record<string, string> = { TCB_ENV: this.cloud.envId, SCF_NAMESPACE: this.cloud.envId }
    let payload = event
    if (caller.openid) {
      const appid = caller.appid ?? TEST_APPID
      Object.assign(env, { WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID', WX_OPENID: caller.openid, WX_APPID: appid, TCB_SOURCE: 'wx_client' })
      // A call from the mini program: WeChat adds userInfo to the event.
      if (typeof event === 'object' && event !== null) payload = { ...event, userInfo: { appId: appid, openId: caller.openid } }
    } else {
      env.TCB_SOURCE = 'scf_timer'
    }
    try {
      return await new Promise((resolve, reject) => {
        this.waiting.set(id, { resolve, reject })
        this.child.send({
          kind: 'invoke',
          id,
          event: payload,
          env,
          context: { request_id: `req-${this.fn.name}-${id}-${Math.random().toString(16).slice(2, 10)}`, function_name: this.fn.name },
        })
      })
    } finally {
      this.busy = false
    }
  }

  stop(): void {
    this.child.kill()
  }
}

export class DeployedFunction {
  readonly instances: FunctionInstance[] = []

  constructor(
    readonly name: string,
    readonly dir: string,
    readonly config: FunctionConfig,
    readonly binary: string,
    readonly env: Record<string, string>,
    private readonly cloud: CloudEnvironment,
  ) {}

  /** Like SCF: an idle warm instance if there is one, else a cold start. */
  call(event: unknown, caller?: Caller): Promise<unknown> {
    const idle = this.instances.find((instance) => !instance.busy)
    const instance = idle ?? this.startInstance()
    instance.busy = true // taken now, before any await, so concurrent calls go to other instances
    return instance.invoke(event, caller)
  }

  /** Starts instances until `count` are up and idle, so concurrent calls really overlap. */
  async warm(count: number): Promise<void> {
    const started: FunctionInstance[] = []
    while (this.instances.length < count) started.push(this.startInstance())
    await Promise.all(started.map((instance) => instance.ready))
    for (const instance of started) instance.busy = false
  }

  startInstance(): FunctionInstance {
    const instance = new FunctionInstance(this, this.cloud)
    instance.busy = true // reserved until its invoke starts
    this.instances.push(instance)
    return instance
  }

  /** Every line the instances wrote to stderr (console.error). */
  errorLog(): string[] {
    return this.instances.flatMap((instance) => instance.stderr)
  }

  logs(): string[] {
    return this.instances.flatMap((instance) => [...instance.stdout, ...instance.stderr])
  }

  stop(): void {
    for (const instance of this.instances) instance.stop()
  }
}

/** Deploys cloudfunctions/<name>/ (the build output) into a fresh folder, as 上传并部署 does. */
export function deployFunction(name: string, version: CloudNodeVersion, cloud: CloudEnvironment, options: DeployOptions = {}): DeployedFunction {
  buildStandin()
  const built = options.sourceDir ?? path.join(ROOT, 'cloudfunctions', name)
  if (!fs.existsSync(path.join(built, 'index.js'))) throw new Error(`${built}/index.js missing: run npm run build:functions`)
  const dir = fs.mkdtempSync(path.join(workDir, `${name}-`))
  for (const file of fs.readdirSync(built)) fs.copyFileSync(path.join(built, file), path.join(dir, file))
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> }
  for (const [dependency, range] of Object.entries(pkg.dependencies ?? {})) {
    if (dependency !== 'wx-server-sdk') {
      throw new Error(`${name}/package.json needs ${dependency}: only wx-server-sdk is available to a cloud function here`)
    }
    const target = path.join(dir, 'node_modules', dependency)
    fs.mkdirSync(target, { recursive: true })
    fs.copyFileSync(path.join(workDir, 'standin/wx-server-sdk.js'), path.join(target, 'index.js'))
    fs.writeFileSync(path.join(target, 'package.json'), JSON.stringify({ name: dependency, version: range, main: 'index.js' }))
  }
  const config = options.config ?? (JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8')) as FunctionConfig)
  return new DeployedFunction(name, dir, config, nodeBinary(version), options.env ?? {}, cloud)
}
