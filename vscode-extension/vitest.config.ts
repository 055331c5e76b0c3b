import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

import SummaryReporter from './test/summary-reporter';

export default defineConfig({
  resolve: {
    // A real VS Code cannot run here: `import * as vscode from 'vscode'` gets a mock.
    alias: { vscode: fileURLToPath(new URL('./test/mocks/vscode.ts', import.meta.url)) },
  },
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', new SummaryReporter()],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
