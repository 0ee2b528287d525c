import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createLocalFileStore, type LocalFileStore } from './files'
import { startUploadSweep, SWEEP_EVERY_MS, UPLOAD_MAX_AGE_MS } from './upload-sweep'

let dir: string
let files: LocalFileStore
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vls-sweep-'))
  files = createLocalFileStore(path.join(dir, 'uploads'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

const stored = () => fs.readdirSync(path.join(dir, 'uploads')).sort()
const minutes = (n: number) => n * 60_000

/** A timer the test ticks by hand. */
function manualTimer() {
  const timer = { ticks: [] as Array<() => void>, periods: [] as number[], stopped: false }
  const every = (ms: number, tick: () => void) => {
    timer.periods.push(ms)
    timer.ticks.push(tick)
    return () => void (timer.stopped = true)
  }
  return { timer, every }
}

test('deletes uploads not recognized within an hour, on its own timer, and keeps the rest', async () => {
  const start = Date.now()
  let clock = new Date(start)
  const early = await files.save(Buffer.from('first photo'), 'jpg', 'dev-user')
  const fresh = await files.save(Buffer.from('second photo'), 'png', 'dev-user-2')
  fs.writeFileSync(path.join(dir, 'uploads', 'notes.txt'), 'not an upload: never touched')
  // The first upload is 50 minutes older than the second.
  const written = new Date(start - minutes(50))
  fs.utimesSync(path.join(dir, 'uploads', early.slice('local://'.length)), written, written)

  const { timer, every } = manualTimer()
  const sweep = startUploadSweep({ files, now: () => clock, every })
  expect(timer.periods).toEqual([SWEEP_EVERY_MS])
  expect(UPLOAD_MAX_AGE_MS).toBe(minutes(60))
  expect(await sweep.sweepNow()).toBe(0) // at start: nothing is an hour old

  clock = new Date(start + minutes(11)) // the early one is 61 minutes old
  timer.ticks[0]()
  await sweep.sweepNow()
  expect(stored()).toEqual([fresh.slice('local://'.length), 'notes.txt'].sort())

  clock = new Date(start + minutes(59))
  expect(await sweep.sweepNow()).toBe(0)
  clock = new Date(start + minutes(61))
  expect(await sweep.sweepNow()).toBe(1)
  expect(stored()).toEqual(['notes.txt'])

  sweep.stop()
  expect(timer.stopped).toBe(true)
})

test('sweeps once at start (uploads left by the last run) and survives a missing folder', async () => {
  const old = await files.save(Buffer.from('left over'), 'jpg', 'dev-user')
  const past = new Date(Date.now() - minutes(120))
  fs.utimesSync(path.join(dir, 'uploads', old.slice('local://'.length)), past, past)
  const sweep = startUploadSweep({ files, every: manualTimer().every })
  await sweep.sweepNow()
  expect(stored()).toEqual([])
  const empty = startUploadSweep({ files: createLocalFileStore(path.join(dir, 'never-created')), every: manualTimer().every })
  expect(await empty.sweepNow()).toBe(0)
})
