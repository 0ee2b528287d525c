// How the local backend's process runs: set here once, applied by `npm start` (server/main.ts
// re-runs itself with it) and by the OCR benchmark's child, so the benchmark measures what runs.
import { spawn } from 'node:child_process'
import sharp from 'sharp'

/**
 * MALLOC_ARENA_MAX=1: glibc otherwise gives every thread that allocates (ONNX Runtime's pool,
 * libvips', the inference worker) its own arena, each keeping what it freed for itself: about
 * 50 MB more peak RSS for the OCR, at no speed gain (npm run bench:ocr). glibc reads it when
 * the process starts, so it has to come through the environment; other libcs ignore it.
 */
export const TUNED_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '1' }

/** Lets the OCR engine free each image's dead tensors at once (engine/young-gc.ts). */
export const TUNED_FLAGS: readonly string[] = ['--expose-gc']

/** Marks a process started with the settings above, so it is not re-run again. */
const MARKER = 'LICENSE_OCR_TUNED'

export function tunedEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const tuned: NodeJS.ProcessEnv = { ...env, [MARKER]: '1' }
  // A value the user set wins.
  for (const [name, value] of Object.entries(TUNED_ENV)) tuned[name] ??= value
  return tuned
}

export function isTunedProcess(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[MARKER] === '1'
}

/**
 * Runs this script again with the settings; the parent only passes on signals and the exit
 * code. Returns when the child is started.
 */
export function rerunTuned(): void {
  const child = spawn(process.execPath, [...TUNED_FLAGS, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: tunedEnv(),
  })
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill(signal))
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
  child.on('error', (error) => {
    console.error(error)
    process.exit(1)
  })
}

/** Library settings of the process (they are global): libvips' operation cache only holds memory when every upload is new. */
export function tuneLibraries(): void {
  sharp.cache(false)
}
