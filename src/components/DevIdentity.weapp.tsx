// weapp: identity is the caller's OPENID, attached by WeChat; nothing to switch.
export function DevIdentity(_props: { onChange?: (openid: string) => void }) {
  return null
}
