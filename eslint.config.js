import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-*',
      'mocks/dist',
      // An outside project's files, checked there by its own tsc, node:test and Playwright.
      'scripts/package-check/project',
      'public/mockServiceWorker.js',
      'src/mock-mode/demo-worker.js',
      'playwright-report',
      'test-results',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-console': ['error', { allow: ['error'] }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      // react-hook-form's handleSubmit returns a promise that it handles itself.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: { ...reactHooks.configs.recommended.rules, ...jsxA11y.flatConfigs.strict.rules },
  },
  {
    // The app, its tests and scripts reach the mock as any project does: by its package name.
    files: ['src/**', 'e2e/**', 'scripts/**', '*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/mocks/**'] }] },
  },
  {
    // The package stands alone: nothing of the app, no React.
    files: ['mocks/**'],
    ignores: ['mocks/tests/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/src/**', 'react', 'react-*'] }] },
  },
  {
    // The protocol layer stays free of React and of the mock.
    files: ['src/matrix/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            'react',
            'react-*',
            '**/mocks/**',
            'matrix-mock-homeserver',
            'matrix-mock-homeserver/*',
            '../features/**',
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
