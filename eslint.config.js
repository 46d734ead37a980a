import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const WXT_AUTO_IMPORTS = { name: '#imports', message: 'Import from the wxt/* module itself.' };

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'reports/**', 'test-results/**', 'demo-output/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Auto-imports are off (wxt.config.ts `imports: false`): every WXT helper is imported by name.
      'no-restricted-imports': ['error', { paths: [WXT_AUTO_IMPORTS] }],
    },
  },
  {
    // One import style in the TypeScript sources: relative specifiers without a .ts/.tsx suffix (no
    // `@/` alias), so lib/ reads the same in the extension, Vitest and Node (the CLI runs it through
    // tsx). bin/*.mjs is plain Node and keeps the file name tsx's loader is handed.
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [WXT_AUTO_IMPORTS],
          patterns: [
            { regex: '^@/', message: 'Import with a relative path, not the @/ alias.' },
            { regex: '^\\.{1,2}/.*\\.tsx?$', message: 'Leave out the .ts/.tsx suffix.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ImportExpression > Literal[value=/^@\\//]', message: 'Import with a relative path, not the @/ alias.' },
        { selector: 'ImportExpression > Literal[value=/^\\.{1,2}\\/.*\\.tsx?$/]', message: 'Leave out the .ts/.tsx suffix.' },
      ],
    },
  },
  {
    // Playwright asks for fixtures by destructuring; a test that needs none writes `async ({}, …)`.
    files: ['test/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
