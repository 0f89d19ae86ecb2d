/**
 * Jest: @swc/jest transforms TypeScript (no type-checking here: `tsc --noEmit` is its own step of npm test).
 * One DynamoDB Local JVM per run (test/helpers/global-setup.ts); each integration test file makes its own table.
 */
const swc = (syntax) => ({
  // Equivalent to .swcrc, stated here so every file (and node_modules ESM) gets exactly these options.
  swcrc: false,
  jsc: { parser: syntax === 'typescript' ? { syntax: 'typescript' } : { syntax: 'ecmascript' }, target: 'es2022' },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});

// Local development and CI run Node 20 (Lambda runs 24): the SDK's "Node >= 22 from 2027" notice would repeat
// in every worker. Set the variable to "false" to see it again.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// Tests print nothing on success: the handlers' INFO line per request and per event would bury a failure's
// output. Warnings and errors still show. POWERTOOLS_LOG_LEVEL=INFO npx jest ... brings the lines back.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';

// The suite leaves nothing in the OS temp dir: the `tsx` processes some tests start (npm start, npm run token)
// keep no transform cache there, and jest keeps its own under node_modules/.cache.
process.env.TSX_DISABLE_CACHE ??= '1';

// ESM-only packages jest must transform to CommonJS (everything else in node_modules is left alone).
const esmOnly = ['@middy', 'jose'];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swc('typescript')],
    '^.+\\.m?js$': ['@swc/jest', swc('ecmascript')],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  globalSetup: '<rootDir>/test/helpers/global-setup.ts',
  globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
  testTimeout: 30_000,
  maxWorkers: 2,
  cacheDirectory: '<rootDir>/node_modules/.cache/jest',
};
