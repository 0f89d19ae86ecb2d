// Lint: typescript-eslint's type-aware recommended rules over every TypeScript file of the project.
// Formatting is Prettier's (npm run format); nothing here argues about layout.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // The portal's API types are generated (npm run portal:api-types); its build output is not source.
  {
    ignores: [
      'node_modules/',
      'cdk.out/',
      '.accord/',
      'coverage/',
      'portal/dist/',
      'portal/src/lib/api/schema.d.ts',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // `const { secret: _secret, ...rest } = item` is how a field is left out of a copy; `_x` says "unused on purpose".
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // An async function that implements a Promise-returning contract without awaiting anything is kept async on
      // purpose: whatever it throws becomes a rejection, as callers of the contract expect, not a synchronous throw.
      '@typescript-eslint/require-await': 'off',
    },
  },
);
