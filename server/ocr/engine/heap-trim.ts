// glibc frees into its heap and only gives memory back to the kernel from the heap's top, so the
// pages an image's tensors and pixels used stay resident after they are freed, under live
// allocations made later (npm run bench:ocr: ~40 MB of the peak). malloc_trim(0) returns every
// free page of the heap, the middle included. It is called through koffi (a C FFI with prebuilt
// binaries) once per image, shortly after the scavenge: V8 hands the dead buffers' memory back
// to glibc from a background sweeper, not within the scavenge itself.
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

/** How long after an image the trim runs: the sweeper has freed its buffers by then. */
export const TRIM_DELAY_MS = 10

let scheduled: NodeJS.Timeout | null = null

/** Trims the heap TRIM_DELAY_MS from now (once, however often asked meanwhile). */
export function trimHeapSoon(): void {
  if (scheduled || !glibcMallocTrim()) return
  scheduled = setTimeout(() => {
    scheduled = null
    trimHeap()
  }, TRIM_DELAY_MS)
  // A pending trim must not keep the process alive.
  scheduled.unref()
}
