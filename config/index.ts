import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import fs from 'node:fs'
import path from 'node:path'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

// weapp builds into dist/ (project.config.json miniprogramRoot); h5 into dist-h5/ (served by server/).
// TARO_OUTPUT_ROOT puts a build elsewhere (scripts/size-weapp.mjs, side-by-side checks).
const outputRoot = process.env.TARO_OUTPUT_ROOT || (process.env.TARO_ENV === 'h5' ? 'dist-h5' : 'dist')
// weapp runs on WeChat's engines, not on the browsers of package.json's browserslist (Taro's template
// default, Android 4.1 / iOS 8): JavaScriptCore + WKWebView from iOS 10, V8 + XWeb (Chrome 53) on Android
// (developers.weixin.qq.com/miniprogram/dev/framework/details.html). Targeting those keeps classes,
// arrows and generators native and drops the -webkit-box prefixes: ~50 KB off the main package. babel-preset-taro
// and autoprefixer both read BROWSERSLIST; H5 keeps package.json's list.
if (process.env.TARO_ENV === 'weapp' && !process.env.BROWSERSLIST) process.env.BROWSERSLIST = 'ios >= 10, chrome >= 53'

// TARO_STATS_FILE=<path>: write the webpack stats (chunks and modules with sizes) there.
class StatsFilePlugin {
  constructor(private readonly file: string) {}
  apply(compiler: { hooks: { done: { tap(name: string, fn: (stats: { toJson(o: object): unknown }) => void): void } } }) {
    compiler.hooks.done.tap('StatsFilePlugin', (stats) => {
      const json = stats.toJson({ all: false, assets: true, chunks: true, chunkModules: true, modules: true, nestedModules: true, reasons: false, ids: true })
      fs.writeFileSync(this.file, JSON.stringify(json))
    })
  }
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'vehicle-license-scanner',
    date: '2026-11-24',
    // NutUI is drawn at 375; our own styles at Taro's default 750.
    designWidth(input) {
      const file = (input as { file?: string } | undefined)?.file?.replace(/\\+/g, '/') ?? ''
      return file.includes('@nutui') ? 375 : 750
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot,
    // Needed on weapp although no page writes an HTML tag: NutUI's icons render <i> (mapped to <text>,
    // class h5-i, which NutUI's own rules select). ~7 KB on weapp.
    plugins: ['@tarojs/plugin-html'],
    defineConstants: {},
    // app.json's sitemapLocation points at it (WeChat's page indexing rules).
    copy: { patterns: process.env.TARO_ENV === 'weapp' ? [{ from: 'src/sitemap.json', to: path.join(outputRoot, 'sitemap.json') }] : [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    // weapp cannot recurse templates, so base.wxml repeats every used component's template per level
    // (16 by default, ~3 KB each); deeper nodes go through the recursive `comp` component instead.
    // Our pages nest 5-7 levels (measured in the weapp runtime tests), so 8 still renders them all
    // without `comp`.
    baseLevel: 8,
    mini: {
      // Taro runtime features no code here uses (NutUI's VirtualList with itemEqual measures nothing):
      // the innerHTML parser alone is ~28 KB before minification.
      runtime: { enableInnerHTML: false },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
        // NutUI's var(--nutui-*, default) folded to the default, RTL rules dropped (see the file). Theme NutUI here.
        [path.join(__dirname, 'nutui-weapp-css.cjs')]: { enable: true, config: { theme: {} } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // Same engines as above: webpack's own glue code (module wrappers, export getters) may use ES2015.
        chain.set('target', ['web', 'es2015'])
        // Shortest module ids (ids are not cached by URL in a mini program, so stability buys nothing).
        chain.optimization.set('moduleIds', 'size')
        // NutUI's only use of it is ConfigProvider themes, which weapp compiles in instead (see the shim).
        chain.resolve.alias.set('lodash.kebabcase$', path.join(__dirname, 'shims', 'kebab-case.js'))
        if (process.env.TARO_STATS_FILE) chain.plugin('stats-file').use(StatsFilePlugin, [process.env.TARO_STATS_FILE])
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[hash:8].js', chunkFilename: 'js/[name].[chunkhash:8].js' },
      miniCssExtractPluginOption: { ignoreOrder: true, filename: 'css/[name].[hash].css', chunkFilename: 'css/[name].[chunkhash].css' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
