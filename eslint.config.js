import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import layers from './eslint/layers.js';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'examples/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests mirror src: test/unit/<layer>/ holds the tests of src/<layer>/ and follows its rule.
    files: ['src/**/*.ts', 'test/unit/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/direction': 'error', 'layers/no-cycle': 'error' },
  },
  {
    // A test that reaches past a missing value fails anyway, with a clear stack.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
