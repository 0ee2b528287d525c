import type { UserConfigExport } from '@tarojs/cli'

// Production: what WeChat downloads first is the main package (budget checked by `npm run size:weapp`).
export default {
  // Taro's weapp terser preset turns most compress passes off and escapes every non-ASCII character
  // (6 bytes per Chinese character instead of 3). These are terser's defaults, which H5 already uses;
  // typeofs stays off (it would turn `typeof wx === 'undefined'` into a ReferenceError-prone compare).
  terser: {
    enable: true,
    config: {
      compress: {
        collapse_vars: true,
        comparisons: true,
        computed_props: true,
        hoist_props: true,
        inline: true,
        loops: true,
        negate_iife: true,
        properties: true,
        reduce_funcs: true,
        reduce_vars: true,
        switches: true,
        passes: 2,
      },
      output: { ascii_only: false },
    },
  },
  mini: {
    minifyXML: { collapseWhitespace: true },
    optimizeMainPackage: { enable: true },
  },
  h5: {},
} satisfies UserConfigExport<'webpack5'>
