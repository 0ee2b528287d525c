#!/usr/bin/env node
// npm run preview:weapp — builds the mini program (npm run build:weapp) and uploads a preview with
// miniprogram-ci, which answers with a QR code to scan in WeChat. Credentials are checked before the
// build, so a missing key costs nothing:
//   WECHAT_APPID             the mini program's AppID (else project.config.json's, unless the placeholder)
//   WECHAT_PRIVATE_KEY_PATH  the code upload key (微信公众平台 → 开发管理 → 开发设置 → 小程序代码上传)
// Optional: PREVIEW_QRCODE_PATH (default .cache/preview-qrcode.jpg), PREVIEW_DESC, PREVIEW_PAGE_PATH,
// PREVIEW_SEARCH_QUERY, WECHAT_CI_ROBOT (1-30, default 1), PREVIEW_BUILD_COMMAND (default
// "npm run build:weapp"; e.g. "true" to preview the dist/ already built).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const PLACEHOLDER_APPID = 'touristappid'
export const DEFAULT_QRCODE_PATH = '.cache/preview-qrcode.jpg'
export const DEFAULT_BUILD_COMMAND = 'npm run build:weapp'

const UPLOAD_KEY_HELP = [
  'How to get them:',
  '  1. 微信公众平台 (mp.weixin.qq.com) → 开发管理 → 开发设置 → 小程序代码上传: 生成 the upload key and',
  '     download it (private.<appid>.key); WECHAT_PRIVATE_KEY_PATH is that file.',
  '  2. Same place, IP白名单: add the public IP of this machine, or turn the allowlist off (关闭), or',
  '     miniprogram-ci is refused ("invalid ip").',
  '  3. WECHAT_APPID is 开发管理 → 开发设置 → AppID (or set it in project.config.json).',
  'Then: WECHAT_APPID=wx... WECHAT_PRIVATE_KEY_PATH=/path/private.wx....key npm run preview:weapp',
].join('\n')

/**
 * The miniprogram-ci options for a preview, from the environment and project.config.json: either
 * `{ ok: true, project, preview, buildCommand }` (`project` for `new ci.Project(...)`, `preview` for
 * `ci.preview({ project, ...preview })`), or `{ ok: false, problems }` saying what is missing.
 */
export function previewOptions(env = process.env, { projectRoot = PROJECT_ROOT, now = new Date() } = {}) {
  const problems = []
  const projectConfig = JSON.parse(readFileSync(path.join(projectRoot, 'project.config.json'), 'utf8'))
  const configuredAppid = typeof projectConfig.appid === 'string' && projectConfig.appid !== PLACEHOLDER_APPID ? projectConfig.appid : ''
  const appid = (env.WECHAT_APPID ?? '').trim() || configuredAppid
  if (!appid) problems.push(`WECHAT_APPID is not set (and project.config.json has the placeholder "${PLACEHOLDER_APPID}").`)

  const keyPath = (env.WECHAT_PRIVATE_KEY_PATH ?? '').trim()
  const privateKeyPath = keyPath ? path.resolve(projectRoot, keyPath) : ''
  if (!keyPath) problems.push('WECHAT_PRIVATE_KEY_PATH is not set.')
  else if (!existsSync(privateKeyPath) || !statSync(privateKeyPath).isFile()) {
    problems.push(`WECHAT_PRIVATE_KEY_PATH: no such file ${privateKeyPath}.`)
  }

  const robotText = (env.WECHAT_CI_ROBOT ?? '').trim()
  const robot = robotText ? Number(robotText) : 1
  if (!Number.isInteger(robot) || robot < 1 || robot > 30) problems.push(`WECHAT_CI_ROBOT must be 1-30, not "${robotText}".`)

  if (problems.length > 0) return { ok: false, problems }

  const preview = {
    desc: (env.PREVIEW_DESC ?? '').trim() || `preview:weapp ${now.toISOString()}`,
    // The compile settings (es6, minified, ...) come from project.config.json, as in DevTools.
    setting: { useProjectConfig: true },
    robot,
    qrcodeFormat: 'image',
    qrcodeOutputDest: path.resolve(projectRoot, (env.PREVIEW_QRCODE_PATH ?? '').trim() || DEFAULT_QRCODE_PATH),
  }
  const pagePath = (env.PREVIEW_PAGE_PATH ?? '').trim()
  if (pagePath) preview.pagePath = pagePath
  const searchQuery = (env.PREVIEW_SEARCH_QUERY ?? '').trim()
  if (searchQuery) preview.searchQuery = searchQuery

  return {
    ok: true,
    // projectPath is the folder of project.config.json; its miniprogramRoot (dist/) is what gets packed.
    project: { appid, type: 'miniProgram', projectPath: projectRoot, privateKeyPath, ignores: ['node_modules/**/*'] },
    preview,
    buildCommand: (env.PREVIEW_BUILD_COMMAND ?? '').trim() || DEFAULT_BUILD_COMMAND,
  }
}

/** Hints for miniprogram-ci failures whose cause is in the admin console. */
export function failureHint(message) {
  if (/invalid ip|ip.*(whitelist|白名单)|not in whitelist/i.test(message)) {
    return 'This machine\'s IP is not in the upload allowlist: 微信公众平台 → 开发管理 → 开发设置 → 小程序代码上传 → IP白名单 (add it, or turn the allowlist off).'
  }
  if (/private ?key|invalid signature|签名|appid/i.test(message)) {
    return 'Check that WECHAT_PRIVATE_KEY_PATH is the upload key of this AppID (re-generate it under 开发管理 → 开发设置 → 小程序代码上传 if unsure).'
  }
  return ''
}

async function main() {
  const options = previewOptions()
  if (!options.ok) {
    console.error(`preview:weapp needs the mini program's code upload key.\n${options.problems.map((p) => `  - ${p}`).join('\n')}\n\n${UPLOAD_KEY_HELP}`)
    process.exit(2)
  }

  console.log(`preview:weapp: building (${options.buildCommand}) …`)
  const build = spawnSync(options.buildCommand, { cwd: PROJECT_ROOT, stdio: 'inherit', shell: true })
  if (build.status !== 0) {
    console.error(`preview:weapp: the build failed (exit ${build.status ?? build.signal}); nothing was uploaded.`)
    process.exit(1)
  }
  if (!existsSync(path.join(PROJECT_ROOT, 'dist', 'app.json'))) {
    console.error('preview:weapp: dist/app.json is missing after the build; nothing was uploaded.')
    process.exit(1)
  }

  const { default: ci } = await import('miniprogram-ci')
  mkdirSync(path.dirname(options.preview.qrcodeOutputDest), { recursive: true })
  try {
    const project = new ci.Project(options.project)
    await ci.preview({
      project,
      ...options.preview,
      onProgressUpdate: (task) => {
        if (typeof task === 'string') console.log(`  ${task}`)
        else if (task && task.status === 'done') console.log(`  ${task.message}`)
      },
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const hint = failureHint(message)
    console.error(`preview:weapp: miniprogram-ci preview failed: ${message}${hint ? `\n${hint}` : ''}`)
    process.exit(1)
  }
  console.log(`preview:weapp: scan ${path.relative(PROJECT_ROOT, options.preview.qrcodeOutputDest)} with WeChat (valid for a short while).`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main()
