import { MiniProgram } from './host'

let app: MiniProgram
afterEach(() => app?.dispose())

const pages = ['pages/scan/index', 'pages/review/index', 'pages/records/index', 'pages/record/index', 'pages/staff/index', 'pages/staff/detail']
test.each(pages)('%s boots', async (route) => {
  app = new MiniProgram({ staffOpenids: ['oUser_A_0123456789abcdefghij'] })
  const page = await app.launch(route, route.endsWith('detail') || route.includes('record/') ? { id: 'r_missing' } : {})
  console.log(route, app.errors, app.warnings.slice(0, 5), app.textOf(), app.elementCount(page), app.wx.calls.slice(0, 40))
})
