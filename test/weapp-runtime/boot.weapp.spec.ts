// Every page of app.json boots in the logic layer on its own (as when opened from a share card or a
// QR code) without an exception, and renders something through setData.
import fs from 'fs'
import path from 'path'
import { DIST, routesOf, type AppJson } from './host'
import { assertRendered, startApp, STAFF } from './scenario'

const appJson = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as AppJson
const pages = routesOf(appJson)

test('app.json lists the six pages: the user flow in the main package, the staff pages in a subpackage', () => {
  expect(appJson.pages).toEqual(['pages/scan/index', 'pages/review/index', 'pages/records/index', 'pages/record/index'])
  expect(pages).toEqual([...appJson.pages, 'pages/staff/index', 'pages/staff/detail'])
})

test.each(pages)('%s boots and renders', async (route) => {
  // Staff, so that the staff pages render their real content rather than the refusal.
  const app = await startApp({ openid: STAFF, entry: route, query: route === 'pages/record/index' || route === 'pages/staff/detail' ? { id: 'r_unknown_0001' } : {} })
  expect(app.current.route).toBe(route)
  expect(app.stack).toHaveLength(1)
  assertRendered(app)
})

test('the package loads as WeChat loads it: no DOM, no Node, no eval; Taro\'s recursive component registers', async () => {
  const app = await startApp()
  expect(app.evaluate('typeof window + typeof document + typeof navigator + typeof process + typeof global + typeof Buffer')).toBe('undefined'.repeat(6))
  expect(() => app.evaluate('new Function("return 1")()')).toThrow(/Code generation from strings disallowed/)
  expect([...app.components.keys()]).toEqual(['comp'])
  app.assertHealthy()
})
