import type { UserConfigExport } from '@tarojs/cli'

const weapp = process.env.TARO_ENV === 'weapp'

// Production. On weapp what WeChat downloads first is the main package (`npm run size:weapp` checks it
// against its budget); H5 keeps Taro's defaults.
export default {
  // Taro's weapp terser preset turns most compress passes off and escapes every non-ASCII character
  // (6 bytes per Chinese character instead of 3). Here: terser's own defaults (typeofs stays off, as in
  // Taro's preset), two passes, ES2015 output (the weapp targets in index.ts), UTF-8 kept as it is.
  ...(weapp && {
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
          ecma: 2015,
        },
        output: { ascii_only: false, ecma: 2015 },
      },
    },
  }),
  mini: {
    minifyXML: { collapseWhitespace: true },
    // Taro's default, stated: modules used only by subpackages go into those subpackages.
    optimizeMainPackage: { enable: true },
  },
  h5: {},
} satisfies UserConfigExport<'webpack5'>
