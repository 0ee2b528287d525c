// Cancellation that works everywhere: the mini program runtime has no AbortController, the browser
// does (and fetch needs its real signal).

export interface CancelSignal {
  readonly aborted: boolean
}

export interface Cancellation {
  readonly signal: CancelSignal
  cancel(): void
}

export function createCancellation(): Cancellation {
  if (typeof AbortController !== 'undefined') {
    const controller = new AbortController()
    return { signal: controller.signal, cancel: () => controller.abort() }
  }
  const signal = { aborted: false }
  return { signal, cancel: () => void (signal.aborted = true) }
}

/** The browser signal behind a CancelSignal, for fetch. */
export function nativeSignal(signal: CancelSignal | undefined): AbortSignal | undefined {
  return typeof AbortSignal !== 'undefined' && signal instanceof AbortSignal ? signal : undefined
}
