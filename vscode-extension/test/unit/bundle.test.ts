// The shipped artefact: the esbuild bundle (production options) loads in plain Node
// with only `vscode` provided, and its activate() reports a missing binary.

import { createRequire } from 'node:module';
import Module from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';

// @ts-expect-error: a plain .mjs module without types
import { bundleOptions } from '../../esbuild.config.mjs';
import * as vscodeMock from '../mocks/vscode';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-bundle-'));
const outfile = path.join(tmp, 'extension.js');
const savedPath = process.env.PATH;
const savedHome = process.env.HOME;
type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const originalLoad = moduleWithLoad._load;

// vscode-languageclient subclasses many vscode classes at load time (CodeAction,
// Hover, ...): any name the mock lacks becomes an empty class or enum-like object.
const vscodeForBundle = new Proxy(vscodeMock as Record<string, unknown>, {
  get(target, name) {
    if (typeof name !== 'string' || name in target) return target[name as string];
    return /^[A-Z]/.test(name) ? class {} : {};
  },
});

beforeAll(async () => {
  await esbuild.build({ ...bundleOptions({ production: true, outfile }), absWorkingDir: path.resolve(__dirname, '..', '..') });
  moduleWithLoad._load = function (request, parent, isMain) {
    if (request === 'vscode') return vscodeForBundle;
    return originalLoad.call(this, request, parent, isMain);
  };
});

afterAll(() => {
  moduleWithLoad._load = originalLoad;
  process.env.PATH = savedPath;
  process.env.HOME = savedHome;
  fs.rmSync(tmp, { recursive: true, force: true });
});

it('the production bundle activates and reports the missing binary', async () => {
  const bundle = createRequire(import.meta.url)(outfile) as {
    activate(ctx: unknown): Promise<unknown>;
    deactivate(): Promise<void>;
  };
  vscodeMock.mock.reset();
  process.env.PATH = path.join(tmp, 'nothing-here');
  process.env.HOME = tmp;
  const context = { extensionPath: tmp, subscriptions: [] as { dispose(): void }[] };
  await bundle.activate(context);
  expect([...vscodeMock.mock.commands.keys()].sort()).toEqual([
    'blueprint.explainRule',
    'blueprint.restartServer',
    'blueprint.showOutput',
  ]);
  expect(vscodeMock.mock.shown[0]?.message).toContain('cargo install --locked --path crates/blueprint-cli');
  await bundle.deactivate();
  for (const d of context.subscriptions) d.dispose();
});
