import { isTunedProcess, TUNED_ENV, tunedEnv } from './process-tuning'

const base = { ...process.env, MALLOC_ARENA_MAX: undefined, LICENSE_OCR_TUNED: undefined, PORT: '9000' }

it('adds the settings and marks the environment as tuned', () => {
  const env = tunedEnv(base)
  expect(env).toMatchObject({ ...TUNED_ENV, PORT: '9000' })
  expect(isTunedProcess(env)).toBe(true)
  expect(isTunedProcess(base)).toBe(false)
})

it('keeps a value the user set', () => {
  expect(tunedEnv({ ...base, MALLOC_ARENA_MAX: '4' }).MALLOC_ARENA_MAX).toBe('4')
})
