// VS Code settings -> the settings object the language server receives.
//
// The server gets one object under the section `blueprint` (`select` only when the
// user set it: an empty VS Code list means "not set", not "run nothing"):
//
//   { "select": ["sharding", "cap/ca-distributed-claim"],
//     "ignore": ["structure"],
//     "severity": { "schema": "error", "structure/missing-requirements": "off" } }
//
// in `initializationOptions`, in answers to `workspace/configuration` for the
// section `blueprint`, and in `workspace/didChangeConfiguration` as
// `{ "settings": { "blueprint": { ... } } }`. The README documents the shape; keep
// the two in step. No `vscode` import here: this module is plain logic.

export const SECTION = 'blueprint';

export const LEVELS = ['error', 'warning', 'info', 'off'] as const;
export type Level = (typeof LEVELS)[number];

export interface ServerSettings {
  /**
   * Absent when the user selected nothing: the server then keeps `blueprint.toml`'s
   * `select` (or every default rule). A present list replaces it, like `--select`.
   */
  select?: string[];
  ignore: string[];
  severity: Record<string, Level>;
}

/** The part of `vscode.WorkspaceConfiguration` this module reads. */
export interface ConfigurationLike {
  get<T>(key: string): T | undefined;
}

export interface SettingsResult {
  settings: ServerSettings;
  /** Human-readable problems with the user's settings (the bad entries are dropped). */
  problems: string[];
}

export function emptySettings(): ServerSettings {
  return { ignore: [], severity: {} };
}

function ruleList(key: string, value: unknown, problems: string[]): string[] {
  if (value === undefined || value === null) return [];
  const items = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(items)) {
    problems.push(`\`blueprint.${key}\` must be a list of rule ids or areas; it was ignored.`);
    return [];
  }
  const out: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string') {
      problems.push(`\`blueprint.${key}\` has a non-text entry (${JSON.stringify(item)}); it was ignored.`);
      continue;
    }
    const id = item.trim();
    if (id !== '' && !out.includes(id)) out.push(id);
  }
  return out;
}

function severityMap(value: unknown, problems: string[]): Record<string, Level> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push(
      '`blueprint.severity` must be an object mapping rule ids or areas to "error", "warning", "info" or "off"; it was ignored.',
    );
    return {};
  }
  const out: Record<string, Level> = {};
  for (const [rawKey, rawLevel] of Object.entries(value as Record<string, unknown>)) {
    const key = rawKey.trim();
    if (key === '') {
      problems.push('`blueprint.severity` has an empty rule id; it was ignored.');
      continue;
    }
    const level = typeof rawLevel === 'string' ? rawLevel.trim().toLowerCase() : rawLevel;
    if (typeof level === 'string' && (LEVELS as readonly string[]).includes(level)) {
      out[key] = level as Level;
    } else {
      problems.push(
        `\`blueprint.severity["${key}"]\` is ${JSON.stringify(rawLevel)}, not one of "error", "warning", "info", "off"; it was ignored.`,
      );
    }
  }
  return out;
}

/** Reads `blueprint.select`, `blueprint.ignore` and `blueprint.severity`. */
export function readServerSettings(config: ConfigurationLike): SettingsResult {
  const problems: string[] = [];
  const select = ruleList('select', config.get<unknown>('select'), problems);
  const settings: ServerSettings = {
    ...(select.length > 0 ? { select } : {}),
    ignore: ruleList('ignore', config.get<unknown>('ignore'), problems),
    severity: severityMap(config.get<unknown>('severity'), problems),
  };
  return { settings, problems };
}

/** The `settings` payload of `workspace/didChangeConfiguration`. */
export function didChangeConfigurationParams(settings: ServerSettings): {
  settings: { blueprint: ServerSettings };
} {
  return { settings: { [SECTION]: settings } as { blueprint: ServerSettings } };
}

/**
 * Answers the items of a `workspace/configuration` request. `blueprint` gets the
 * whole object, `blueprint.select` (etc.) one key; other sections get `null`, as
 * the protocol asks for settings the client does not have.
 */
export function configurationResult(
  items: ReadonlyArray<{ section?: string; scopeUri?: string }>,
  settings: ServerSettings,
): unknown[] {
  return items.map((item) => {
    const section = item.section ?? '';
    if (section === SECTION) return settings;
    if (section.startsWith(`${SECTION}.`)) {
      const key = section.slice(SECTION.length + 1);
      if (key === 'select' || key === 'ignore' || key === 'severity') return settings[key] ?? null;
    }
    return null;
  });
}

/** Whether a configuration change needs the server restarted (a new binary) or only re-sent. */
export function changeKind(affects: (section: string) => boolean): 'restart' | 'resend' | 'none' {
  if (affects('blueprint.server')) return 'restart';
  if (affects('blueprint.select') || affects('blueprint.ignore') || affects('blueprint.severity')) {
    return 'resend';
  }
  return 'none';
}
