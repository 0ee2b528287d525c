// glibc frees into its heap and only gives memory back to the kernel from the heap's top, so the
// pages an image's tensors and pixels used stay resident after they are freed, under live
// allocations made later. malloc_trim(0) returns every free page of the heap, the middle
// included. It is called through koffi (a C FFI with prebuilt binaries) when the OCR has been
// idle for a second, so a local backend that has read a few photos does not keep their memory.
//
// Linux with glibc only: elsewhere (musl, macOS) the symbol is missing and this does nothing.
type Trim = (pad: number) => number

let trim: Trim | null | undefined

/** malloc_trim from glibc, or null where there is none. */
export function glibcMallocTrim(): Trim | null {
  if (trim !== undefined) return trim
  trim = null
  if (process.platform !== 'linux') return trim
  try {
    // Loaded on first use: the module's import must not fail where koffi has no binary.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const koffi = require('koffi') as typeof import('koffi')
    trim = koffi.load('libc.so.6').func('int malloc_trim(size_t pad)') as Trim
  } catch {
    trim = null
  }
  return trim
}

/** Gives the heap's free pages back to the kernel; false where that cannot be done. */
export function trimHeap(): boolean {
  const fn = glibcMallocTrim()
  if (!fn) return false
  fn(0)
  return true
}

/**
 * How long the engine must have been idle before the trim. Not after every image: the next
 * image would fault every returned page in again, +100-130 ms p50 for 10-13 MB less peak
 * (npm run bench:ocr, back-to-back images); once idle, nothing waits on those pages.
 */
export const IDLE_TRIM_MS = 1000

let scheduled: NodeJS.Timeout | null = null

/** Trims the heap once IDLE_TRIM_MS have passed without another call (each call restarts the wait). */
export function trimHeapWhenIdle(release: () => unknown = trimHeap): void {
  if (!glibcMallocTrim()) return
  if (scheduled) clearTimeout(scheduled)
  scheduled = setTimeout(() => {
    scheduled = null
    release()
  }, IDLE_TRIM_MS)
  // A pending trim must not keep the process alive.
  scheduled.unref()
}
