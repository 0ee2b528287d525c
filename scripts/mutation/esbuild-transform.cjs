// Jest transform for the mutation runs only (stryker.config.mjs): esbuild strips the types of one file
// at a time. Stryker's sandbox files carry `// @ts-nocheck` anyway and its TypeScript checker does the
// type checking, so ts-jest's per-worker type-aware compile (the unit-test transform) would only cost time.
// The project compiles with isolatedModules, so a per-file transpile means the same thing.
const { transformSync } = require('esbuild')
const crypto = require('node:crypto')

const VERSION = `esbuild-${require('esbuild/package.json').version}-2`

module.exports = {
  process(source, filename) {
    const { code } = transformSync(source, {
      loader: filename.endsWith('.tsx') ? 'tsx' : 'ts',
      format: 'cjs',
      target: 'es2019',
      jsx: 'automatic',
      sourcemap: 'inline',
      sourcefile: filename,
      // As tsc compiles the project (target es2017): a declared class field without an initializer
      // emits nothing, so it stays absent rather than becoming an own property set to undefined.
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    })
    return { code }
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha1').update(VERSION).update(filename).update('\0').update(source).digest('hex')
  },
}
