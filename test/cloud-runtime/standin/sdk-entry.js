// Plain CommonJS exports, like the real package, so the bundles' `import cloud from 'wx-server-sdk'`
// gets this object (an __esModule marker would make esbuild's interop look for `.default`).
module.exports = { ...require('./wx-server-sdk') }
