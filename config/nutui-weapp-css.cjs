// PostCSS plugin for the weapp build only (config/index.ts, mini.postcss): NutUI's stylesheets as this app
// uses them, smaller. Files outside node_modules/@nutui are left alone.
//
// - `var(--nutui-x, fallback)` becomes `theme['nutui-x']` if given, else its fallback (NutUI writes every
//   design token as a variable with its default value as fallback). Nothing in this app declares a
//   --nutui-* variable (no ConfigProvider theme, no theme stylesheet), so every such var() resolves to its
//   fallback anyway: folding it keeps the look and cuts ~1/3 of NutUI's CSS. To theme NutUI on weapp, put
//   the variable in the `theme` option (config/index.ts), not in a stylesheet. A var() without fallback
//   and not in `theme` is kept as it is.
// - Right-to-left rules (`[dir=rtl] …`, `.nut-rtl …`) are dropped: the app is Chinese only.
'use strict'

function foldVars(value, theme) {
  let out = ''
  let i = 0
  for (;;) {
    const start = value.indexOf('var(--nut', i)
    if (start < 0) return out + value.slice(i)
    out += value.slice(i, start)
    let depth = 0
    let comma = -1
    let end = start + 3
    for (; end < value.length; end++) {
      const c = value[end]
      if (c === '(') depth++
      else if (c === ')' && --depth === 0) break
      else if (c === ',' && depth === 1 && comma < 0) comma = end
    }
    if (end >= value.length) return out + value.slice(start) // unbalanced: leave it
    const name = value.slice(start + 6, comma < 0 ? end : comma).trim()
    if (Object.prototype.hasOwnProperty.call(theme, name)) out += theme[name]
    else if (comma < 0) out += value.slice(start, end + 1)
    else out += foldVars(value.slice(comma + 1, end).trim(), theme)
    i = end + 1
  }
}

const isRtl = (selector) => /\[dir=["']?rtl["']?\]|\.nut-rtl\b/.test(selector)

function nutuiWeappCss(options = {}) {
  const theme = options.theme || {}
  return {
    postcssPlugin: 'nutui-weapp-css',
    Once(root) {
      const file = ((root.source && root.source.input && root.source.input.file) || '').replace(/\\/g, '/')
      if (!file.includes('/node_modules/@nutui/')) return
      root.walkRules((rule) => {
        if (!isRtl(rule.selector)) return
        const kept = rule.selectors.filter((s) => !isRtl(s))
        if (kept.length) rule.selectors = kept
        else rule.remove()
      })
      root.walkDecls((decl) => {
        if (decl.value.includes('var(--nut')) decl.value = foldVars(decl.value, theme)
      })
    },
  }
}
nutuiWeappCss.postcss = true
nutuiWeappCss.foldVars = foldVars
module.exports = nutuiWeappCss
