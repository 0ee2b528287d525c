// V8 frees an ArrayBuffer only when a collection finds its wrapper dead, and it collects by
// JS heap pressure: our heap is ~8 MB while each image allocates ~30 MB of tensors and pixel
// buffers outside it, so dead ones pile up (+40 MB peak RSS, npm run bench:ocr). A scavenge
// after each image (about a millisecond; the wrappers are young) frees them. Needs --expose-gc,
// which the local backend sets (server/process-tuning.ts); without it this does nothing.
//
// Deferred with setImmediate: run inside the function that made the garbage, the scavenge would
// find it still referenced and promote it to the old generation, where only a full collection
// (about 5 ms, rarely triggered) frees it.
type Gc = (options: { type: 'minor' | 'major' }) => void

/** Schedules a scavenge for when the current call has returned. */
export function collectYoungGarbageSoon(): void {
  const gc = (globalThis as { gc?: Gc }).gc
  if (gc) setImmediate(() => gc({ type: 'minor' }))
}

/** A scavenge now: for garbage of a call that has already returned. */
export function collectYoungGarbageNow(): void {
  ;(globalThis as { gc?: Gc }).gc?.({ type: 'minor' })
}

/** The same, as source for the worker thread. */
export const COLLECT_YOUNG_GARBAGE_SOON_SOURCE = `if (typeof globalThis.gc === 'function') setImmediate(() => globalThis.gc({ type: 'minor' }))`
