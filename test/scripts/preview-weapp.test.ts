// scripts/preview-weapp.mjs: the miniprogram-ci options it builds from env + project.config.json, and
// its refusal to start (before any build) without credentials. WeChat itself is out of reach here.
// The script is an ES module, so it runs in child Node processes rather than in Jest's module system.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const ROOT = path.resolve(__dirname, '../..')
const SCRIPT = path.join(ROOT, 'scripts/preview-weapp.mjs')
const NOW = '2026-01-02T03:04:05.000Z'

/** Only PATH from this process: no WECHAT_* credentials leak into the child. */
const childEnv = (vars: Record<string, string>) => ({ PATH: process.env.PATH ?? '', ...vars }) as unknown as NodeJS.ProcessEnv

/** A throwaway project folder: project.config.json with `appid`, and an upload key file. */
function projectFolder(appid: string): { root: string; keyPath: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'preview-weapp-'))
  writeFileSync(path.join(root, 'project.config.json'), JSON.stringify({ appid, miniprogramRoot: 'dist/' }))
  const keyPath = path.join(root, 'private.wx0123456789abcdef.key')
  writeFileSync(keyPath, '-----BEGIN RSA PRIVATE KEY-----\nnot a real key\n-----END RSA PRIVATE KEY-----\n')
  return { root, keyPath }
}

/** previewOptions(env, { projectRoot }) evaluated by the real module. */
function previewOptions(env: Record<string, string>, projectRoot: string) {
  const code = `
    const { previewOptions } = await import(${JSON.stringify(SCRIPT)})
    const env = JSON.parse(process.env.TEST_ENV)
    console.log(JSON.stringify(previewOptions(env, { projectRoot: ${JSON.stringify(projectRoot)}, now: new Date(${JSON.stringify(NOW)}) })))`
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { env: childEnv({ TEST_ENV: JSON.stringify(env) }), encoding: 'utf8' })
  expect(run.stderr).toBe('')
  return JSON.parse(run.stdout)
}

describe('previewOptions', () => {
  it('builds the ci.Project and ci.preview options from the environment', () => {
    const { root, keyPath } = projectFolder('touristappid')
    expect(previewOptions({ WECHAT_APPID: 'wx0123456789abcdef', WECHAT_PRIVATE_KEY_PATH: keyPath }, root)).toEqual({
      ok: true,
      project: { appid: 'wx0123456789abcdef', type: 'miniProgram', projectPath: root, privateKeyPath: keyPath, ignores: ['node_modules/**/*'] },
      preview: {
        desc: `preview:weapp ${NOW}`,
        setting: { useProjectConfig: true },
        robot: 1,
        qrcodeFormat: 'image',
        qrcodeOutputDest: path.join(root, '.cache/preview-qrcode.jpg'),
      },
      buildCommand: 'npm run build:weapp',
    })
  })

  it('takes the AppID from project.config.json unless it is the placeholder, a relative key path from the project, and the optional settings', () => {
    const { root } = projectFolder('wxfedcba9876543210')
    const options = previewOptions(
      {
        WECHAT_PRIVATE_KEY_PATH: 'private.wx0123456789abcdef.key',
        PREVIEW_QRCODE_PATH: 'out/qr.jpg',
        PREVIEW_DESC: 'pull request 42',
        PREVIEW_PAGE_PATH: 'pages/records/index',
        PREVIEW_SEARCH_QUERY: 'a=1&b=2',
        WECHAT_CI_ROBOT: '7',
        PREVIEW_BUILD_COMMAND: 'true',
      },
      root,
    )
    expect(options.project).toMatchObject({ appid: 'wxfedcba9876543210', privateKeyPath: path.join(root, 'private.wx0123456789abcdef.key') })
    expect(options.preview).toEqual({
      desc: 'pull request 42',
      setting: { useProjectConfig: true },
      robot: 7,
      qrcodeFormat: 'image',
      qrcodeOutputDest: path.join(root, 'out/qr.jpg'),
      pagePath: 'pages/records/index',
      searchQuery: 'a=1&b=2',
    })
    expect(options.buildCommand).toBe('true')
  })

  it('says what is missing', () => {
    const { root } = projectFolder('touristappid')
    expect(previewOptions({}, root)).toEqual({
      ok: false,
      problems: [
        'WECHAT_APPID is not set (and project.config.json has the placeholder "touristappid").',
        'WECHAT_PRIVATE_KEY_PATH is not set.',
      ],
    })
    expect(previewOptions({ WECHAT_APPID: 'wx1', WECHAT_PRIVATE_KEY_PATH: 'nope.key', WECHAT_CI_ROBOT: '31' }, root)).toEqual({
      ok: false,
      problems: [`WECHAT_PRIVATE_KEY_PATH: no such file ${path.join(root, 'nope.key')}.`, 'WECHAT_CI_ROBOT must be 1-30, not "31".'],
    })
  })

  it('reads this repository\'s project.config.json (placeholder AppID: the env must name one)', () => {
    expect(previewOptions({}, ROOT).problems[0]).toContain('WECHAT_APPID is not set')
  })
})

describe('npm run preview:weapp', () => {
  // The build command is a marker, so even a broken check could not start a real build here.
  const marker = `node -e "console.log('BUILD-STARTED'); process.exit(3)"`
  const run = (env: Record<string, string>) =>
    spawnSync(process.execPath, [SCRIPT], { cwd: ROOT, env: childEnv({ PREVIEW_BUILD_COMMAND: marker, ...env }), encoding: 'utf8' })

  it('without credentials: exits non-zero with the console steps, before building', () => {
    const result = run({})
    expect(result.status).toBe(2)
    expect(result.stdout).not.toContain('BUILD-STARTED')
    expect(result.stderr).toContain('WECHAT_APPID is not set')
    expect(result.stderr).toContain('WECHAT_PRIVATE_KEY_PATH is not set')
    expect(result.stderr).toContain('开发管理 → 开发设置 → 小程序代码上传')
    expect(result.stderr).toContain('IP白名单')
  })

  it('with credentials: builds first, and a failed build uploads nothing', () => {
    const { keyPath } = projectFolder('touristappid')
    const result = run({ WECHAT_APPID: 'wx0123456789abcdef', WECHAT_PRIVATE_KEY_PATH: keyPath })
    expect(result.stdout).toContain('BUILD-STARTED')
    expect(result.status).toBe(1)
    expect(result.stderr).toContain('the build failed (exit 3); nothing was uploaded')
  })
})
