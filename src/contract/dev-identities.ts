// The identities the local backend's dev switcher offers (H5 only; WeChat supplies OPENID on weapp).
export const DEV_IDENTITIES = [
  { openid: 'dev-user', label: '用户 A', staff: false },
  { openid: 'dev-user-2', label: '用户 B', staff: false },
  { openid: 'dev-staff', label: '核验人员', staff: true },
] as const
