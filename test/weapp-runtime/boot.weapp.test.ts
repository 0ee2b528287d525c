import { MiniProgram } from './host'

test('scan boots', async () => {
  const app = new MiniProgram()
  try {
    const page = await app.launch()
    console.log(app.errors, app.warnings.slice(0, 5), app.textOf(), app.elementCount(page), app.wx.calls.slice(0, 40))
  } finally {
    app.dispose()
  }
})
