// Uploads whose recognition never came (tab closed, network gone, a script that only uploads) are
// deleted an hour later: they are license photos, personal data. The cloud has the same job in its
// `cleanupUploads` timer function; here a timer in the server process does it.
import type { LocalFileStore } from './files'

/** An upload is recognized within seconds; one an hour old never will be. */
export const UPLOAD_MAX_AGE_MS = 60 * 60 * 1000
export const SWEEP_EVERY_MS = 5 * 60 * 1000

export interface UploadSweepOptions {
  files: Pick<LocalFileStore, 'sweep'>
  now?: () => Date
  maxAgeMs?: number
  everyMs?: number
  /** Calls `tick` every `ms` until the returned function is called (default: an unref'd setInterval). */
  every?: (ms: number, tick: () => void) => () => void
  onError?: (error: unknown) => void
}

export interface UploadSweep {
  /** One sweep now; resolves to the number of uploads deleted. Overlapping calls share one run. */
  sweepNow(): Promise<number>
  stop(): void
}

const unrefInterval = (ms: number, tick: () => void) => {
  const timer = setInterval(tick, ms)
  timer.unref()
  return () => clearInterval(timer)
}

export function startUploadSweep(options: UploadSweepOptions): UploadSweep {
  const { files, now = () => new Date(), maxAgeMs = UPLOAD_MAX_AGE_MS, everyMs = SWEEP_EVERY_MS, every = unrefInterval } = options
  const onError = options.onError ?? ((error: unknown) => console.error('upload sweep failed', error))
  let running: Promise<number> | null = null
  const sweepNow = () => {
    running ??= files.sweep(new Date(now().getTime() - maxAgeMs)).finally(() => (running = null))
    return running
  }
  const tick = () => void sweepNow().catch(onError)
  tick() // uploads left over from the last run of the server
  const stop = every(everyMs, tick)
  return { sweepNow, stop }
}
