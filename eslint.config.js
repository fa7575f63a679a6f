// Lint rules, including the layering from ARCHITECTURE.md as import restrictions per folder.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import pluginVue from 'eslint-plugin-vue';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'net', 'child_process', 'crypto', 'zlib', 'url', 'util', 'events', 'stream'];

/** Build a no-restricted-imports rule from groups of patterns with a message each. */
function restrict(...groups) {
  return ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];
}

const electronOnlyInApp = [['electron', 'electron/*'], 'Only src-main/app imports electron.'];
const serialportOnlyInSerial = [
  ['serialport', '@serialport/*'],
  'Only the native adapter in src-main/serial imports serialport.',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
    rules: {
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(
        [[...nodeBuiltins, 'electron', 'serialport', '@serialport/*', 'vue', 'pinia', 'chart.js'], 'src-shared is pure TypeScript: no Node, Electron, serialport or UI imports.'],
        [['**/src-main/**', '**/src-renderer/**'], 'src-shared imports nothing outside itself.'],
      ),
    },
  },
  {
    files: ['src-renderer/**/*.ts', 'src-renderer/**/*.vue'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(
        [[...nodeBuiltins, 'electron', 'serialport', '@serialport/*'], 'The renderer reaches the system only through src-renderer/api.'],
        [['**/src-main/**'], 'The renderer imports src-shared only.'],
      ),
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/app/**', 'src-main/serial/**'],
    rules: { 'no-restricted-imports': restrict(electronOnlyInApp, serialportOnlyInSerial) },
  },
  {
    files: ['src-main/flasher/**/*.ts', 'src-main/monitor/**/*.ts', 'src-main/diagnostics/**/*.ts', 'src-main/simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(electronOnlyInApp, serialportOnlyInSerial, [
        ['**/serial/*', '!**/serial/transport'],
        'The flasher, monitor, diagnostics and simulator see ports only through serial/transport.',
      ], [['**/app/*', '**/host/*', '**/cli/*'], 'Services do not depend on the shells.']),
    },
  },
  {
    files: ['src-main/serial/**/*.ts'],
    ignores: ['src-main/serial/native-transport.ts', 'src-main/serial/native-port-list.ts', 'src-main/serial/serialport-binding.ts'],
    rules: { 'no-restricted-imports': restrict(electronOnlyInApp, serialportOnlyInSerial) },
  },
  {
    files: ['src-main/serial/native-transport.ts', 'src-main/serial/native-port-list.ts', 'src-main/serial/serialport-binding.ts'],
    rules: { 'no-restricted-imports': restrict(electronOnlyInApp) },
  },
  {
    files: ['test/renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-imports': restrict([['electron', 'electron/*'], 'Tests mock electron; never import the real one.']),
    },
  },
);
