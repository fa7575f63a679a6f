import { defineConfig } from 'vitest/config';

// Virtual boards keep flash in memory during tests, never in the user's home directory.
process.env.ESP_COMPANION_SIM_DIR ??= 'off';

// One run counts every test: unit, integration (virtual boards, CLI) and, where present,
// renderer component tests and end-to-end browser tests.
export default defineConfig({
  test: {
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
