import type { UserConfigExport } from '@tarojs/cli'

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    devServer: {
      // The local backend (server/) answers the function and upload endpoints.
      proxy: { '/api': { target: process.env.BACKEND_URL ?? 'http://127.0.0.1:8787', changeOrigin: true } },
    },
  },
} satisfies UserConfigExport<'webpack5'>
