// ESLint flat config. Beyond the recommended rules it holds DESIGN.md's import direction:
//   engine ← shared ← {main, worker, preload, renderer, cli, web}
// and keeps the renderer's outside world behind src/renderer/src/api.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'url',
  'crypto',
  'http',
  'net',
]
const layer = (name) => [`**/${name}`, `**/${name}/*`, `**/${name}/**`]

/** Bans imports of the named top-level folders of src/ and of the named packages. */
function restrict(folders, packages, message) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...folders.map((f) => ({ group: layer(f), message: `${message} (DESIGN.md import direction)` })),
          ...(packages.length ? [{ group: packages, message }] : []),
        ],
      },
    ],
  }
}

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'build', 'test-results', 'playwright-report', 'tools/**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
  },
  {
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts', 'src/engine/**/test-support/**'],
    rules: restrict(
      ['shared', 'main', 'worker', 'preload', 'renderer', 'cli', 'web'],
      [...nodeBuiltins, 'electron', 'sharp', 'ws', 'vue', 'pinia'],
      'the engine is common code: no Node, Electron, DOM or app imports',
    ),
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts', 'src/engine/**/test-support/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer', 'navigator'],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    ignores: ['src/shared/**/*.test.ts'],
    rules: restrict(
      ['main', 'worker', 'preload', 'renderer', 'cli', 'web'],
      [...nodeBuiltins, 'electron', 'sharp', 'vue', 'pinia'],
      'shared holds contracts for every process: it imports the engine only',
    ),
  },
  {
    files: [
      'src/main/**/*.ts',
      'src/worker/**/*.ts',
      'src/cli/**/*.ts',
      'src/web/**/*.ts',
      'src/preload/**/*.ts',
    ],
    rules: restrict(['renderer'], ['vue', 'pinia'], 'process code never imports the renderer'),
  },
  {
    files: ['src/main/services/**/*.ts', 'src/worker/**/*.ts', 'src/cli/**/*.ts', 'src/web/**/*.ts'],
    ignores: ['src/worker/electron-*.ts'],
    rules: restrict(
      ['renderer', 'preload'],
      ['electron', 'vue', 'pinia'],
      'services, workers, the CLI and web mode are Electron-free',
    ),
  },
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict(
      ['main', 'worker', 'preload', 'cli', 'web'],
      [...nodeBuiltins, 'electron', 'sharp', 'ws'],
      'the renderer reaches the outside world only through src/renderer/src/api',
    ),
  },
  {
    // The contract's schemas stay out of the renderer bundle: main and web mode validate every
    // request, so the renderer needs only their TYPES. (The engine's model-spec schema is bundled on
    // purpose, with zod's JIT off: src/engine/models/zod-jitless.ts.)
    files: ['src/renderer/**/*.{ts,vue}'],
    ignores: ['src/renderer/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/shared/ipc/contract', '**/shared/ipc/web-protocol'],
              allowTypeImports: true,
              message: 'the renderer imports only types from the IPC contract (main validates requests)',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,vue}'],
    ignores: ['src/renderer/src/api/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='window'][property.name='api']",
          message: 'only src/renderer/src/api may use window.api',
        },
      ],
    },
  },
  {
    files: [
      'src/main/**/*.ts',
      'src/worker/**/*.ts',
      'src/cli/**/*.ts',
      'src/web/**/*.ts',
      'src/preload/**/*.ts',
      'scripts/**',
      'tools/**',
      'bench/**',
      'e2e/**',
      '*.config.*',
      'bin/**',
      '**/*.test.ts',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  prettier,
)
