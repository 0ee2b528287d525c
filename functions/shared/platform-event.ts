/**
 * Members the platform adds to the event of a call from the mini program (userInfo: {appId, openId});
 * they are not the client's payload, and the strict event schemas would reject them.
 */
export const PLATFORM_EVENT_FIELDS: readonly string[] = ['userInfo', 'tcbContext']

export function stripPlatformFields(event: unknown): unknown {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return event
  const payload: Record<string, unknown> = { ...(event as Record<string, unknown>) }
  for (const field of PLATFORM_EVENT_FIELDS) delete payload[field]
  return payload
}
