// Steps the scenarios share: start the app on the real build, and what a user does on the scan page.
import { MiniProgram, type HostOptions } from './host'

export const USER_A = 'oUser_A_0123456789abcdefghij'
export const STAFF = 'oStaff_0123456789abcdefghijk'
/** The documented OCR sample (test/contract/fake-wechat-ocr.ts DOCUMENTED_PAYLOAD), normalized. */
export const SAMPLE = { plateNum: '粤S8K2D6', vin: 'LJ166A245J4123457', owner: '东莞市智行机械有限公司' }

const running: MiniProgram[] = []

export interface StartOptions extends HostOptions {
  entry?: string
  query?: Record<string, unknown>
  /** Set the simulated user's answers before anything runs (the first <camera> asks at once). */
  prepare?: (wx: MiniProgram['wx']) => void
}

export async function startApp(options: StartOptions = {}): Promise<MiniProgram> {
  const app = new MiniProgram({ openid: USER_A, staffOpenids: [STAFF], ...options })
  running.push(app)
  options.prepare?.(app.wx)
  await app.launch(options.entry, options.query)
  return app
}

afterEach(() => {
  for (const app of running.splice(0)) app.dispose()
})

export type Source = 'camera' | 'album'
export type Mode = 'photo' | 'scan'

/** On the scan page: pick the mode, then shoot (live camera) or pick from the album. */
export async function scan(app: MiniProgram, source: Source, mode: Mode = 'photo'): Promise<void> {
  expect(app.current.route).toBe('pages/scan/index')
  if (mode === 'scan') await app.tap(app.byText('扫描件'))
  if (source === 'camera') await app.tap(app.byClass('scan-page__shutter'))
  else await app.tap(app.byText('相册'))
}

/** A page is up: nothing failed in the logic layer, and setData gave it something to show. */
export function assertRendered(app: MiniProgram): void {
  app.assertHealthy()
  const text = app.textOf().trim()
  // The page container itself is one element; a page showing nothing has no text and nothing in it.
  if (text === '' && app.elementCount() <= 1) throw new Error(`${app.current.route} rendered nothing`)
}
