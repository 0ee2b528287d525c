// Taro injects these at build time; tests run the H5 code paths.
process.env.TARO_ENV = process.env.TARO_ENV || 'h5'
;(globalThis as Record<string, unknown>).defineAppConfig = (c: unknown) => c
;(globalThis as Record<string, unknown>).definePageConfig = (c: unknown) => c
