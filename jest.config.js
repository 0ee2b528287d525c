/** Unit, component and integration tests. Browser E2E runs separately (test/e2e, `npm run test:e2e`). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/functions', '<rootDir>/server', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/', '<rootDir>/test/cloud-runtime/'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.test.json' }],
  },
  moduleNameMapper: {
    '\\.(css|scss)$': '<rootDir>/test/jest/style-stub.js',
    // lottie-web draws on a canvas at import time, which jsdom lacks; no page uses NutUI's Lottie.
    '^lottie-web$': '<rootDir>/test/jest/style-stub.js',
    '^@nutui/lottie-miniprogram$': '<rootDir>/test/jest/style-stub.js',
    // Component tests render Taro pages with React DOM: Taro's primitives become DOM elements,
    // Taro APIs an in-memory host (storage, navigation, toasts). The real H5 build is covered by the E2E.
    '^@tarojs/components$': '<rootDir>/test/jest/taro-components.tsx',
    '^@tarojs/taro$': '<rootDir>/test/jest/taro-host.ts',
    '^@nutui/nutui-react-taro$': '<rootDir>/node_modules/@nutui/nutui-react-taro/dist/cjs/packages/nutui.react.build.js',
  },
  setupFiles: ['<rootDir>/test/jest/env.ts'],
  setupFilesAfterEnv: ['<rootDir>/test/jest/after-each.ts'],
}
