// weapp stand-in for lodash.kebabcase (~3 KB minified with its Unicode tables), which NutUI imports only
// to turn ConfigProvider `theme` keys into CSS variable names ('nutuiBrand1' -> 'nutui-brand-1'). Same
// word splitting as lodash for ASCII keys. On weapp NutUI's variables are compiled in anyway
// (config/nutui-weapp-css.cjs), so a ConfigProvider theme would not reach NutUI's rules there.
module.exports = function kebabCase(value) {
  const words = String(value == null ? '' : value).match(/[A-Z]{2,}(?=[A-Z][a-z]|[0-9]|\b)|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g)
  return words ? words.join('-').toLowerCase() : ''
}
