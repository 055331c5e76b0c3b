// A small stand-in for the `vscode` module: just what the extension touches, with
// every call recorded so tests can assert what a person would have seen.

type Listener<T> = (value: T) => unknown;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(value: T): void {
    for (const l of [...this.listeners]) l(value);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class Disposable {
  constructor(private readonly fn: () => void = () => {}) {}
  dispose(): void {
    this.fn();
  }
}

export class Position {
  constructor(
    readonly line: number,
    readonly character: number,
  ) {}
}

export class Range {
  constructor(
    readonly start: Position,
    readonly end: Position,
  ) {}
}

export class Selection extends Range {
  get active(): Position {
    return this.end;
  }
}

export class ThemeColor {
  constructor(readonly id: string) {}
}

export enum StatusBarAlignment {
  Left = 1,
  Right = 2,
}

export enum DiagnosticSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
  Hint = 3,
}

export enum ViewColumn {
  Active = -1,
  Beside = -2,
  One = 1,
}

export class Uri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  get fsPath(): string {
    return this.path;
  }
  static file(path: string): Uri {
    return new Uri('file', path);
  }
  static parse(value: string): Uri {
    const i = value.indexOf(':');
    return new Uri(value.slice(0, i), value.slice(i + 1));
  }
  static from(parts: { scheme: string; path?: string }): Uri {
    return new Uri(parts.scheme, parts.path ?? '');
  }
  toString(): string {
    return `${this.scheme}:${this.path}`;
  }
}

export interface Diagnostic {
  range: Range;
  message: string;
  severity?: DiagnosticSeverity;
  source?: string;
  code?: string | number | { value: string | number; target: Uri };
}

/** Everything the extension did to the mocked editor. */
export const mock = {
  config: {} as Record<string, unknown>,
  shown: [] as { kind: 'error' | 'warning' | 'info'; message: string; items: string[] }[],
  /** The button the next message "clicks" (undefined: dismissed). */
  answer: undefined as string | undefined,
  /** Messages never get an answer (nobody clicks). */
  hold: false,
  quickPickAnswer: undefined as string | undefined,
  inputAnswer: undefined as string | undefined,
  clipboard: '',
  opened: [] as string[],
  openedExternal: [] as string[],
  executed: [] as { command: string; args: unknown[] }[],
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  contentProviders: new Map<string, { provideTextDocumentContent(uri: Uri): unknown }>(),
  diagnostics: new Map<string, Diagnostic[]>(),
  outputLines: [] as string[],
  outputShown: 0,
  statusItems: [] as StatusBarItem[],
  onConfig: new EventEmitter<{ affectsConfiguration(section: string): boolean }>(),
  onEditor: new EventEmitter<unknown>(),
  onDiagnostics: new EventEmitter<unknown>(),
  reset(): void {
    this.config = {};
    this.shown = [];
    this.answer = undefined;
    this.hold = false;
    this.quickPickAnswer = undefined;
    this.inputAnswer = undefined;
    this.clipboard = '';
    this.opened = [];
    this.openedExternal = [];
    this.executed = [];
    this.commands.clear();
    this.contentProviders.clear();
    this.diagnostics.clear();
    this.outputLines = [];
    this.outputShown = 0;
    this.statusItems = [];
    this.onConfig.dispose();
    this.onEditor.dispose();
    this.onDiagnostics.dispose();
    window.activeTextEditor = undefined;
    workspace.workspaceFolders = undefined;
  },
};

export class StatusBarItem {
  text = '';
  tooltip: string | undefined;
  command: string | undefined;
  name: string | undefined;
  backgroundColor: ThemeColor | undefined;
  visible = false;
  constructor(
    readonly alignment: StatusBarAlignment,
    readonly priority: number,
  ) {}
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  dispose(): void {
    this.visible = false;
  }
}

function message(kind: 'error' | 'warning' | 'info') {
  return async (text: string, ...items: string[]) => {
    mock.shown.push({ kind, message: text, items });
    if (mock.hold) return new Promise<undefined>(() => {});
    return mock.answer !== undefined && items.includes(mock.answer) ? mock.answer : undefined;
  };
}

export const window = {
  activeTextEditor: undefined as
    | undefined
    | { document: { uri: Uri; languageId: string }; selection: Selection },
  createOutputChannel(name: string) {
    return {
      name,
      appendLine: (line: string) => mock.outputLines.push(line),
      append: (text: string) => mock.outputLines.push(text),
      show: () => mock.outputShown++,
      clear: () => {},
      hide: () => {},
      replace: () => {},
      dispose: () => {},
    };
  },
  createStatusBarItem(alignment: StatusBarAlignment, priority: number) {
    const item = new StatusBarItem(alignment, priority);
    mock.statusItems.push(item);
    return item;
  },
  showErrorMessage: message('error'),
  showWarningMessage: message('warning'),
  showInformationMessage: message('info'),
  showQuickPick: async (items: string[]) => (mock.quickPickAnswer && items.includes(mock.quickPickAnswer) ? mock.quickPickAnswer : undefined),
  showInputBox: async () => mock.inputAnswer,
  showTextDocument: async (doc: unknown) => doc,
  onDidChangeActiveTextEditor: mock.onEditor.event,
};

export const workspace = {
  workspaceFolders: undefined as undefined | { uri: Uri; name: string; index: number }[],
  getConfiguration(section?: string) {
    const prefix = section ? `${section}.` : '';
    return {
      get<T>(key: string, fallback?: T): T | undefined {
        const v = mock.config[prefix + key];
        return (v === undefined ? fallback : v) as T | undefined;
      },
      has: (key: string) => prefix + key in mock.config,
    };
  },
  onDidChangeConfiguration: mock.onConfig.event,
  createFileSystemWatcher: (glob: string) => ({ glob, dispose: () => {} }),
  registerTextDocumentContentProvider(scheme: string, provider: { provideTextDocumentContent(uri: Uri): unknown }) {
    mock.contentProviders.set(scheme, provider);
    return new Disposable(() => mock.contentProviders.delete(scheme));
  },
  async openTextDocument(uri: Uri) {
    mock.opened.push(uri.toString());
    const provider = mock.contentProviders.get(uri.scheme);
    const text = provider ? await provider.provideTextDocumentContent(uri) : '';
    return { uri, getText: () => text };
  },
};

export const commands = {
  registerCommand(command: string, fn: (...args: unknown[]) => unknown) {
    mock.commands.set(command, fn);
    return new Disposable(() => mock.commands.delete(command));
  },
  async executeCommand(command: string, ...args: unknown[]) {
    mock.executed.push({ command, args });
    const fn = mock.commands.get(command);
    return fn ? fn(...args) : undefined;
  },
};

export const languages = {
  getDiagnostics: (uri: Uri) => mock.diagnostics.get(uri.toString()) ?? [],
  onDidChangeDiagnostics: mock.onDiagnostics.event,
};

export const env = {
  clipboard: {
    writeText: async (text: string) => {
      mock.clipboard = text;
    },
  },
  openExternal: async (uri: Uri) => {
    mock.openedExternal.push(uri.toString());
    return true;
  },
};
