// Local staff role: a fixed set of openids (config: the dev 'dev-staff' identity plus STAFF_OPENIDS).

export type IsStaff = (openid: string) => Promise<boolean>

export function createLocalIsStaff(staffOpenids: Iterable<string>): IsStaff {
  const staff = new Set(staffOpenids)
  return async (openid) => staff.has(openid)
}
