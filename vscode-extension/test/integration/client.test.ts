// The shipped bundle, with the real vscode-languageclient inside it, against the
// real `blueprint lsp`. Only `vscode` is a stand-in: the mock of test/mocks plus
// what LanguageClient needs (documents, diagnostic collections, provider
// registrations). This is the extension's own code path end to end: path
// resolution, start-up, the command filter, the configuration middleware, and
// diagnostics landing in the collection the status bar counts.

import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';

// @ts-expect-error: a plain .mjs module without types
import { bundleOptions } from '../../esbuild.config.mjs';
import * as base from '../mocks/vscode';
import { extensionDir, requireBlueprintBinary } from '../support';

const { mock, Disposable } = base;

class CancellationTokenSource {
  token = { isCancellationRequested: false, onCancellationRequested: () => new Disposable() };
  cancel(): void {
    this.token.isCancellationRequested = true;
  }
  dispose(): void {}
}

class CodeActionKind {
  static Empty = new CodeActionKind('');
  static QuickFix = new CodeActionKind('quickfix');
  static Refactor = new CodeActionKind('refactor');
  static Source = new CodeActionKind('source');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind {
    return new CodeActionKind(this.value ? `${this.value}.${part}` : part);
  }
}

class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: number | Position, b: number | Position, c?: number, d?: number) {
    if (typeof a === 'number') {
      this.start = new Position(a, b as number);
      this.end = new Position(c!, d!);
    } else {
      this.start = a;
      this.end = b as Position;
    }
  }
}

class Diagnostic {
  code: unknown;
  source: string | undefined;
  constructor(
    readonly range: Range,
    readonly message: string,
    readonly severity?: number,
  ) {}
}

class Uri extends base.Uri {
  static parse(value: string): Uri {
    const i = value.indexOf(':');
    return new Uri(value.slice(0, i), value.slice(i + 1));
  }
  get fsPath(): string {
    return this.path.replace(/^\/\//, '');
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-client-'));
fs.writeFileSync(path.join(tmp, 'blueprint.toml'), '');
const docUri = Uri.parse(pathToFileURL(path.join(tmp, 'design.md')).toString());
const TEXT = '# Orders\n\n## Data model\n\n```sql\nCREATE TABLE orders (\n  id BIGINT PRIMARY KEY,\n  total DOUBLE PRECISION NOT NULL\n);\n```\n';
const document = {
  uri: docUri,
  fileName: docUri.fsPath,
  languageId: 'markdown',
  version: 1,
  isUntitled: false,
  isClosed: false,
  isDirty: false,
  lineCount: TEXT.split('\n').length,
  getText: () => TEXT,
};

const collections = new Map<string, Map<string, Diagnostic[]>>();
const registered = new Set<string>();
const providers: string[] = [];
const never = () => new Disposable();

const vscode = {
  ...base,
  Position,
  Range,
  Diagnostic,
  CodeActionKind,
  CancellationTokenSource,
  Uri,
  version: '1.82.0',
  env: { ...base.env, language: 'en', appName: 'mock', machineId: 'mock', uiKind: 1 },
  commands: {
    ...base.commands,
    // Like VS Code: a command id can be registered once.
    registerCommand(id: string, fn: (...args: unknown[]) => unknown) {
      if (registered.has(id)) throw new Error(`command '${id}' already exists`);
      registered.add(id);
      return base.commands.registerCommand(id, fn);
    },
  },
  window: {
    ...base.window,
    tabGroups: { all: [], onDidChangeTabs: never, onDidChangeTabGroups: never },
    withProgress: async (_: unknown, task: (p: unknown, t: unknown) => unknown) =>
      task({ report() {} }, { isCancellationRequested: false, onCancellationRequested: never }),
    visibleTextEditors: [],
  },
  workspace: {
    ...base.workspace,
    textDocuments: [document],
    onDidOpenTextDocument: never,
    onDidCloseTextDocument: never,
    onDidChangeTextDocument: never,
    onDidSaveTextDocument: never,
    onWillSaveTextDocument: never,
    onDidChangeWorkspaceFolders: never,
    createFileSystemWatcher: () => ({
      onDidCreate: never,
      onDidChange: never,
      onDidDelete: never,
      dispose() {},
    }),
  },
  languages: {
    ...base.languages,
    match(selector: { language?: string; scheme?: string }[] | { language?: string; scheme?: string }, doc: typeof document) {
      const list = Array.isArray(selector) ? selector : [selector];
      return list.some(
        (s) => (!s.language || s.language === doc.languageId) && (!s.scheme || s.scheme === doc.uri.scheme),
      )
        ? 10
        : 0;
    },
    createDiagnosticCollection(name: string) {
      const entries = new Map<string, Diagnostic[]>();
      collections.set(name, entries);
      return {
        name,
        set: (uri: Uri, diagnostics: Diagnostic[] | undefined) => entries.set(uri.toString(), diagnostics ?? []),
        get: (uri: Uri) => entries.get(uri.toString()),
        has: (uri: Uri) => entries.has(uri.toString()),
        delete: (uri: Uri) => entries.delete(uri.toString()),
        clear: () => entries.clear(),
        forEach: () => {},
        dispose: () => entries.clear(),
      };
    },
  },
};

// Anything else vscode-languageclient touches: provider registrations return a
// disposable (and are recorded), unknown classes and enums are empty.
function fallback<T extends object>(target: T, name: string): T {
  return new Proxy(target, {
    get(t, key) {
      if (typeof key !== 'string' || key in t) return (t as Record<string, unknown>)[key as string];
      if (key === 'then') return undefined;
      if (/^register/.test(key)) {
        return () => {
          providers.push(`${name}.${key}`);
          return new Disposable();
        };
      }
      if (/^onDid|^onWill/.test(key)) return never;
      return /^[A-Z]/.test(key) ? class {} : fallback({}, `${name}.${key}`);
    },
  });
}
const vscodeForBundle = fallback(
  Object.fromEntries(
    Object.entries(vscode).map(([k, v]) => [k, v && typeof v === 'object' && !(v instanceof Function) ? fallback(v, k) : v]),
  ),
  'vscode',
);

type Loader = (request: string, parent: unknown, isMain: boolean) => unknown;
const moduleWithLoad = Module as unknown as { _load: Loader };
const originalLoad = moduleWithLoad._load;
const outfile = path.join(tmp, 'extension.js');
let bundle: { activate(ctx: unknown): Promise<{ client?: { diagnostics?: unknown } }>; deactivate(): Promise<void> };
const context = { extensionPath: tmp, subscriptions: [] as { dispose(): void }[] };

beforeAll(async () => {
  const binary = requireBlueprintBinary();
  await esbuild.build({ ...bundleOptions({ production: true, outfile }), absWorkingDir: extensionDir });
  moduleWithLoad._load = function (request, parent, isMain) {
    if (request === 'vscode') return vscodeForBundle;
    return originalLoad.call(this, request, parent, isMain);
  };
  bundle = createRequire(import.meta.url)(outfile);
  mock.reset();
  mock.config['blueprint.server.path'] = binary;
  mock.config['blueprint.severity'] = { schema: 'warning' };
  base.workspace.workspaceFolders = [{ uri: Uri.parse(pathToFileURL(tmp).toString()), name: 'tmp', index: 0 }];
});

afterAll(async () => {
  await bundle?.deactivate();
  for (const d of context.subscriptions) d.dispose();
  moduleWithLoad._load = originalLoad;
  fs.rmSync(tmp, { recursive: true, force: true });
});

it('the bundled client starts blueprint lsp and receives its diagnostics', async () => {
  const extension = await bundle.activate(context);
  const errors = mock.shown.filter((s) => s.kind === 'error');
  expect(errors, mock.outputLines.join('\n')).toEqual([]);
  expect(mock.statusItems[0].text).toBe('$(check) blueprint');
  // The server offers `blueprint.explainRule`; the extension's own command stays the only one.
  expect(registered.has('blueprint.explainRule')).toBe(true);
  expect(providers).toEqual(
    expect.arrayContaining(['languages.registerHoverProvider', 'languages.registerCodeActionsProvider']),
  );

  const deadline = Date.now() + 20_000;
  let diagnostics: Diagnostic[] | undefined;
  while (Date.now() < deadline) {
    diagnostics = collections.get('blueprint')?.get(docUri.toString());
    if (diagnostics?.some((d) => d.severity === base.DiagnosticSeverity.Warning)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(diagnostics, `no diagnostics; output:\n${mock.outputLines.join('\n')}`).toBeDefined();
  const float = diagnostics!.find((d) => (d.code as { value?: string })?.value === 'schema/float-for-money');
  expect(float, JSON.stringify(diagnostics)).toBeDefined();
  expect(float!.source).toBe('blueprint');
  expect(float!.range.start.line).toBe(7);
  // Error by default; `blueprint.severity` = { schema: "warning" } reached the server.
  expect(float!.severity).toBe(base.DiagnosticSeverity.Warning);
  expect(extension.client).toBeDefined();
}, 60_000);

it('"Explain Rule" from a code action shows `blueprint explain` of the real binary', async () => {
  // What a code action carrying the server's `blueprint.explainRule` command runs.
  await mock.commands.get('blueprint.explainRule')!('schema/float-for-money');
  const uri = mock.opened.at(-1)!;
  expect(uri).toBe('blueprint-explain:/schema/float-for-money.txt');
  const text = (await mock.contentProviders.get('blueprint-explain')!.provideTextDocumentContent(Uri.parse(uri))) as string;
  expect(text).toMatch(/^schema\/float-for-money/);
  expect(text).not.toContain('failed');
});
