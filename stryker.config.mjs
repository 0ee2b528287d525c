// StrykerJS mutation testing, one folder per run (`npm run test:mutation [folder…]` runs them in turn
// through scripts/mutation/run.mjs and prints the score per folder). Outside CI: it takes long.
// MUTATE_FOLDER picks the folder; each folder runs only the tests that exercise it.
const FOLDERS = {
  'src/domain': ['<rootDir>/src/domain/**/*.test.ts'],
  'src/store': ['<rootDir>/src/store/**/*.test.ts', '<rootDir>/test/store/**/*.test.ts'],
  'functions/records': [
    '<rootDir>/functions/records/**/*.test.ts',
    '<rootDir>/test/integration/records-*.test.ts',
    // Photo claims, links, removal and the retention sweep on the local backend.
    '<rootDir>/test/integration/evidence-local.test.ts',
    '<rootDir>/test/integration/functions-*.test.ts',
  ],
  'functions/shared/repo': [
    '<rootDir>/functions/shared/repo/**/*.test.ts',
    '<rootDir>/test/integration/records-repo-cloudbase.test.ts',
    '<rootDir>/test/integration/records-cloudbase-*.test.ts',
    '<rootDir>/test/integration/records-handler.test.ts',
    // The audit trail past one 100-document CloudBase page.
    '<rootDir>/test/integration/records-volume.test.ts',
    '<rootDir>/test/integration/functions-*.test.ts',
  ],
}

const folder = process.env.MUTATE_FOLDER ?? 'src/domain'
const tests = FOLDERS[folder]
if (!tests) throw new Error(`MUTATE_FOLDER must be one of ${Object.keys(FOLDERS).join(', ')}`)
// MUTATE_FILES (comma-separated paths inside the folder) narrows a run to some files: a quicker look
// at their survivors; its reports carry a -files suffix and do not stand for the folder.
const files = process.env.MUTATE_FILES?.split(',').filter(Boolean)
const slug = folder.replace(/\//g, '-') + (files ? '-files' : '')

// The unit-test Jest config, narrowed to this folder's tests.
const { createRequire } = await import('node:module')
const base = createRequire(import.meta.url)('./jest.config.js')

// The type checker compiles only this folder and what it imports (not the tests, not unrelated work
// in progress elsewhere in the tree). One file per folder (slug): runs of different folders may overlap.
const CHECKER_TSCONFIG = `.stryker-tsconfig-${slug}.json`
const { writeFileSync } = await import('node:fs')
writeFileSync(
  CHECKER_TSCONFIG,
  JSON.stringify({ extends: './tsconfig.json', include: ['types', folder], exclude: ['node_modules', '**/*.test.ts', '**/*.test.tsx'] }, null, 2),
)

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    // No rootDir: the runner's own directory (the sandbox with the mutated files) is the root.
    // esbuild instead of ts-jest: type-stripping only (scripts/mutation/esbuild-transform.cjs); the
    // TypeScript checker below rejects mutants that do not compile.
    config: { ...base, testMatch: tests, transform: { '^.+\\.tsx?$': '<rootDir>/scripts/mutation/esbuild-transform.cjs' } },
    // Each mutant runs only the test files that import its file (directly or not), and of those only
    // the tests that covered it (coverageAnalysis perTest): a test file that never loads the file
    // cannot kill its mutants, and loading every folder test file for every mutant cost seconds each.
    enableFindRelatedTests: true,
  },
  checkers: ['typescript'],
  tsconfigFile: CHECKER_TSCONFIG,
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  mutate: files ?? [`${folder}/**/*.ts`, '!**/*.test.ts', '!**/*.d.ts'],
  // Log lines, error texts and other messages are read by people, not checked by code: mutating their
  // wording only measures whether tests quote it. The checks on codes and shapes stay mutated.
  mutator: { excludedMutations: ['StringLiteral'] },
  ignoreStatic: true,
  coverageAnalysis: 'perTest',
  // The machine is small and shared.
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 20000,
  timeoutFactor: 2,
  disableTypeChecks: '{src,functions,test,server}/**/*.{ts,tsx}',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${slug}.json` },
  htmlReporter: { fileName: `reports/mutation/${slug}.html` },
  ignorePatterns: ['.stryker-tmp', 'dist', 'dist-h5', 'dist-server', 'cloudfunctions', 'test-artifacts', '.data', '.cache', 'reports', 'test/e2e'],
  tempDirName: `.stryker-tmp/${slug}`,
  cleanTempDir: true,
  incremental: true,
  incrementalFile: `reports/mutation/${slug}.incremental.json`,
  thresholds: { high: 90, low: 80, break: null },
}
