// Bundles the extension into dist/extension.js (CommonJS, as VS Code loads it).
import * as esbuild from 'esbuild';

import { bundleOptions } from './esbuild.config.mjs';

const options = bundleOptions({ production: process.argv.includes('--production') });

if (process.argv.includes('--watch')) {
  const context = await esbuild.context(options);
  await context.watch();
} else {
  await esbuild.build(options);
}
