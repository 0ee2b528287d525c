// The suite can fail: the real build with one thing broken in it (its text patched before it runs) must
// be caught — a page that throws, an API called with wrong arguments (even when the app swallows the
// failure), a DOM access, a page that renders nothing.
import { assertRendered, scan, startApp } from './scenario'

/** Patches one dist file; fails loudly if the pattern is not there (the build changed). */
function breaking(file: string, pattern: RegExp, replacement: string) {
  return (name: string, source: string) => {
    if (name !== file) return source
    if (!pattern.test(source)) throw new Error(`pattern ${pattern} not found in ${file}`)
    return source.replace(pattern, replacement)
  }
}

// The review page's empty state text (没有待核对的识别结果), as the minifier writes it.
const EMPTY_REVIEW_TEXT = /(className:"review-page__empty",children:)"[^"]*"/

test('unbroken, the review page passes the checks', async () => {
  const app = await startApp({ entry: 'pages/review/index' })
  expect(() => assertRendered(app)).not.toThrow()
})

test('a page that throws while rendering is caught', async () => {
  const app = await startApp({ entry: 'pages/review/index', patch: breaking('pages/review/index.js', EMPTY_REVIEW_TEXT, '$1(function(){throw new Error("review page broke")})()') })
  expect(() => assertRendered(app)).toThrow(/review page broke/)
})

test('touching the DOM is caught', async () => {
  const app = await startApp({ entry: 'pages/review/index', patch: breaking('pages/review/index.js', EMPTY_REVIEW_TEXT, '$1document.title') })
  expect(() => assertRendered(app)).toThrow(/document is not defined/)
})

test('a page that renders nothing is caught', async () => {
  const app = await startApp({
    entry: 'pages/review/index',
    patch: breaking('pages/review/index.js', /return(?=\(0,[\w$]+\.jsxs\)\([\w$.]+,\{className:"review-page review-page--empty")/, 'return null;'),
  })
  expect(() => assertRendered(app)).toThrow(/pages\/review\/index rendered nothing/)
})

test('an API called with wrong arguments is caught, even though the app swallows the failure', async () => {
  // sourceType must be an Array: pickPhoto's catch turns the fail into "no photo", silently.
  const app = await startApp({ patch: breaking('pages/scan/index.js', /sourceType:\[([\w$]+)\]/, 'sourceType:$1') })
  await scan(app, 'album')
  expect(app.current.route).toBe('pages/scan/index')
  expect(() => app.assertHealthy()).toThrow(/chooseMedia:fail parameter error: parameter\.sourceType should be Array instead of String/)
})
