// wx-server-sdk reports failures as objects (Error or plain) carrying `errCode`, a number, or a
// numeric string for some APIs. One reader for every adapter.

export function errCodeOf(value: unknown): number | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const code = (value as { errCode?: unknown }).errCode
  if (typeof code === 'number' && Number.isFinite(code)) return code
  if (typeof code === 'string' && /^-?\d+$/.test(code)) return Number(code)
  return undefined
}
