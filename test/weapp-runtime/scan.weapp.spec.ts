// A scan as a user does it on the phone: shutter (live <camera>) or album, in both OCR modes,
// through the real weapp bundle to the cloud functions' handlers and back to the records list.
import { SAMPLE, scan, startApp, USER_A, type Mode, type Source } from './scenario'

const cases: Array<[Source, Mode]> = [
  ['camera', 'photo'],
  ['album', 'photo'],
  ['camera', 'scan'],
  ['album', 'scan'],
]

test.each(cases)('%s shot in %s mode: upload → recognize → review → confirm → records list', async (source, mode) => {
  const app = await startApp()
  await scan(app, source, mode)

  // The picture came from the right place and was prepared on the phone.
  expect(app.wx.calls).toContain(source === 'camera' ? 'takePhoto' : 'chooseMedia')
  expect(app.wx.calls).toContain('getImageInfo')
  // The 4000×3000 camera shot is scaled down; the album picture (1600 px, well under 2 MB) may go as it is.
  if (source === 'camera') expect(app.wx.calls).toContain('compressImage')

  // Upload to the path the function handed out, then recognition of exactly that file.
  const [target, recognition] = app.wx.cloudLog.filter((e) => e.api === 'callFunction')
  expect(target.args).toEqual({ name: 'recognizeVehicleLicense', data: { action: 'uploadTarget' } })
  const { cloudPath } = target.result as { cloudPath: string }
  expect(cloudPath).toMatch(new RegExp(`^uploads/${USER_A}/\\w+\\.jpg$`))
  const upload = app.wx.cloudLog.find((e) => e.api === 'uploadFile')!
  expect(upload.args.cloudPath).toBe(cloudPath)
  expect(recognition.args).toEqual({ name: 'recognizeVehicleLicense', data: { fileID: upload.result, mode } })
  expect(recognition.result).toMatchObject({ ok: true, license: { plateNum: SAMPLE.plateNum } })
  // The function deleted the photo once read; nothing of the user's is left in storage.
  expect(app.cloud.files()).toEqual([])

  // Review shows the recognized fields, editable.
  expect(app.current.route).toBe('pages/review/index')
  expect(app.formValues()).toMatchObject({ plateNum: SAMPLE.plateNum, vin: SAMPLE.vin, owner: SAMPLE.owner, registerDate: '2018-07-06', passengersNum: '7' })
  expect(app.textOf()).toContain('请核对识别结果')

  await app.tap(app.byText('确认保存'))
  expect(app.current.route).toBe('pages/records/index')
  expect(app.stack.map((p) => p.route)).toEqual(['pages/records/index'])
  expect(app.textOf(app.byClass('record-item__plate'))).toBe(SAMPLE.plateNum)
  expect(app.wx.ui.toasts).toContain('已保存')
  // Sent through the records function: the record is in the cloud database, owned by the caller.
  const creates = app.wx.cloudLog.filter((e) => e.api === 'callFunction' && e.args.name === 'records' && (e.args.data as { action?: string }).action === 'create')
  expect(creates).toHaveLength(1)
  expect(creates[0].result).toMatchObject({ ok: true, record: { license: { plateNum: SAMPLE.plateNum } } })
  app.assertHealthy()
})

test('a phone photo held upright (EXIF orientation "right") is compressed to its displayed shape', async () => {
  const app = await startApp()
  await scan(app, 'camera')
  // getImageInfo reports the stored 4000×3000 plus orientation "right": the picture is 3000×4000.
  const [{ displayed, output }] = app.wx.compressions
  expect(displayed).toEqual({ width: 3000, height: 4000 })
  expect(output.width / output.height).toBeCloseTo(displayed.width / displayed.height, 2)
  expect(Math.max(output.width, output.height)).toBeLessThanOrEqual(4096)
  app.assertHealthy()
})

test('a confirmed record opens from the records list', async () => {
  const app = await startApp()
  await scan(app, 'album')
  await app.tap(app.byText('确认保存'))
  await app.tap(app.byClass('record-item__plate'))
  expect(app.current.route).toBe('pages/record/index')
  expect(app.stack.map((p) => p.route)).toEqual(['pages/records/index', 'pages/record/index'])
  expect(app.textOf()).toContain(SAMPLE.plateNum)
  expect(app.textOf()).toContain(SAMPLE.vin)
  await app.back()
  expect(app.current.route).toBe('pages/records/index')
  app.assertHealthy()
})

test('a field edited on the review page is what gets saved', async () => {
  const app = await startApp()
  await scan(app, 'album')
  const plate = app.findAll((n) => app.tagOf(n) === 'input' && app.attr(n, 'name') === 'plateNum')[0]
  await app.input(plate, '粤B12345')
  expect(app.formValues().plateNum).toBe('粤B12345')
  await app.tap(app.byText('确认保存'))
  expect(app.textOf(app.byClass('record-item__plate'))).toBe('粤B12345')
  const create = app.wx.cloudLog.find((e) => e.api === 'callFunction' && (e.args.data as { action?: string }).action === 'create')
  expect(create?.args.data).toMatchObject({ license: { plateNum: '粤B12345' }, recognized: { plateNum: SAMPLE.plateNum } })
  app.assertHealthy()
})
