// The local backend's photo retention timer: the same sweep cleanupUploads runs in the cloud
// (functions/records/evidence-retention.ts), at start and every 5 minutes; then photos no record
// keeps, an hour after their claim (the local stand-in for cleanupUploads' evidence targets).
import { sweepEvidence, type RetentionDeps, type RetentionReport } from '../functions/records/evidence-retention'
import type { LocalEvidenceStore } from './evidence-files'
import { SWEEP_EVERY_MS, UPLOAD_MAX_AGE_MS } from './upload-sweep'

export interface EvidenceSweepOptions extends RetentionDeps {
  store: RetentionDeps['store'] & Partial<Pick<LocalEvidenceStore, 'sweepOrphans'>>
  now?: () => Date
  everyMs?: number
  /** Calls `tick` every `ms` until the returned function is called (default: an unref'd setInterval). */
  every?: (ms: number, tick: () => void) => () => void
  onError?: (error: unknown) => void
}

export interface EvidenceSweep {
  /** One sweep now; overlapping calls share one run. */
  sweepNow(): Promise<RetentionReport>
  /** Stops the timer and waits for a sweep in flight (before the repo closes). */
  stop(): Promise<void>
}

const unrefInterval = (ms: number, tick: () => void) => {
  const timer = setInterval(tick, ms)
  timer.unref()
  return () => clearInterval(timer)
}

export function startEvidenceSweep(options: EvidenceSweepOptions): EvidenceSweep {
  const { now = () => new Date(), everyMs = SWEEP_EVERY_MS, every = unrefInterval } = options
  const onError = options.onError ?? ((error: unknown) => console.error('evidence retention sweep failed', error))
  let running: Promise<RetentionReport> | null = null
  const sweepNow = () => {
    running ??= (async () => {
      const at = now()
      const report = await sweepEvidence(options, at)
      await options.store.sweepOrphans?.(new Date(at.getTime() - UPLOAD_MAX_AGE_MS))
      return report
    })().finally(() => (running = null))
    return running
  }
  const tick = () => void sweepNow().catch(onError)
  tick()
  const cancel = every(everyMs, tick)
  return {
    sweepNow,
    async stop() {
      cancel()
      await running?.catch(() => undefined)
    },
  }
}
