// Masks for personal data shown in lists (the detail page shows full values to the owner).

const MASK = '*'

/** 张三 → 张*, 张三丰 → 张**, 欧阳娜娜 → 欧***; organisations keep their first 2 and last 2 chars. */
export function maskOwner(owner: string): string {
  const chars = Array.from(owner.trim())
  if (chars.length === 0) return ''
  if (chars.length === 1) return MASK
  if (chars.length <= 4) return chars[0] + MASK.repeat(chars.length - 1)
  return chars.slice(0, 2).join('') + MASK.repeat(4) + chars.slice(-2).join('')
}

// Province level (省 / 自治区 / 特别行政区, or a municipality's 市), then city level; either may be absent.
const PROVINCE = '(?:[^省市]{2,7}?(?:省|自治区|特别行政区)|(?:北京|天津|上海|重庆)市)'
const CITY = '(?:[^省市盟区县]{1,12}?(?:市|自治州|地区|盟))'
const REGION_PREFIX = new RegExp(`^(?:${PROVINCE}${CITY}?|${CITY})`)

/** Keeps province and city, hides the rest: 广东省深圳市南山区科技园1号 → 广东省深圳市****. */
export function maskAddress(addr: string): string {
  const text = addr.trim()
  if (!text) return ''
  const region = REGION_PREFIX.exec(text)?.[0]
  // Unrecognised format: show at most a third of it, so the street and number stay hidden.
  const kept = region ?? Array.from(text).slice(0, Math.min(6, Math.floor(Array.from(text).length / 3))).join('')
  return kept.length >= text.length ? text : `${kept}${MASK.repeat(4)}`
}
