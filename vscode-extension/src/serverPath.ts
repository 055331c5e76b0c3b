// Finding the `blueprint` executable. Plain logic: the file system is reached only
// through `isExecutable`, so tests can describe any machine.

import * as path from 'node:path';

export type Source = 'setting' | 'bundled' | 'path' | 'cargo';

export type Resolution =
  | { kind: 'found'; path: string; source: Source }
  | {
      kind: 'missing';
      /** The `blueprint.server.path` value, when that is what was not found. */
      configured?: string;
      /** Every place looked at, in order. */
      searched: string[];
    };

export interface Machine {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homedir: string;
  /** The extension's install folder (a bundled binary lives in `server/`). */
  extensionPath: string;
  /** The first workspace folder, for `${workspaceFolder}` and relative paths. */
  workspaceFolder?: string;
  isExecutable(file: string): boolean;
}

function pathModule(platform: NodeJS.Platform): typeof path.posix {
  return platform === 'win32' ? path.win32 : path.posix;
}

export function executableName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'blueprint.exe' : 'blueprint';
}

/** Expands `~`, `${userHome}`, `${workspaceFolder}` and `${env:NAME}`; resolves relative paths. */
export function expandPath(raw: string, machine: Machine): string {
  const p = pathModule(machine.platform);
  let value = raw.trim();
  if (value === '~' || value.startsWith('~/') || value.startsWith('~\\')) {
    value = machine.homedir + value.slice(1);
  }
  value = value
    .replace(/\$\{userHome\}/g, machine.homedir)
    .replace(/\$\{env:([^}]+)\}/g, (_, name: string) => machine.env[name] ?? '');
  if (value.includes('${workspaceFolder}')) {
    value = value.replace(/\$\{workspaceFolder\}/g, machine.workspaceFolder ?? '');
  }
  if (!p.isAbsolute(value) && machine.workspaceFolder && /[\\/]/.test(value)) {
    value = p.resolve(machine.workspaceFolder, value);
  }
  return p.normalize(value);
}

function pathCandidates(machine: Machine): string[] {
  const p = pathModule(machine.platform);
  const win = machine.platform === 'win32';
  const pathVar = (win ? machine.env.Path ?? machine.env.PATH : machine.env.PATH) ?? '';
  const dirs = pathVar.split(win ? ';' : ':').filter((d) => d !== '');
  const names = win
    ? (machine.env.PATHEXT ?? '.EXE;.CMD;.BAT')
        .split(';')
        .filter((e) => e !== '')
        .map((ext) => `blueprint${ext.toLowerCase()}`)
    : ['blueprint'];
  const out: string[] = [];
  for (const dir of dirs) for (const name of names) out.push(p.join(dir, name));
  return out;
}

/**
 * Where the server comes from, in order: the `blueprint.server.path` setting (and
 * nothing else when it is set: a wrong setting must not be papered over), a binary
 * bundled in the extension's `server/` folder, `blueprint` on `PATH`, and Cargo's
 * install folder (`$CARGO_HOME/bin` or `~/.cargo/bin`, often missing from the PATH
 * of an editor started from a desktop menu).
 */
export function resolveServerPath(configured: string | undefined, machine: Machine): Resolution {
  const p = pathModule(machine.platform);
  if (configured !== undefined && configured.trim() !== '') {
    const candidate = expandPath(configured, machine);
    // A bare name ("blueprint-dev") is looked up on PATH like a shell would.
    if (!/[\\/]/.test(candidate)) {
      const win = machine.platform === 'win32';
      const pathVar = (win ? machine.env.Path ?? machine.env.PATH : machine.env.PATH) ?? '';
      const searched: string[] = [];
      for (const dir of pathVar.split(win ? ';' : ':').filter((d) => d !== '')) {
        const names = win && !/\.[a-z0-9]+$/i.test(candidate) ? [`${candidate}.exe`, candidate] : [candidate];
        for (const name of names) {
          const full = p.join(dir, name);
          searched.push(full);
          if (machine.isExecutable(full)) return { kind: 'found', path: full, source: 'setting' };
        }
      }
      return { kind: 'missing', configured, searched };
    }
    if (machine.isExecutable(candidate)) return { kind: 'found', path: candidate, source: 'setting' };
    return { kind: 'missing', configured, searched: [candidate] };
  }

  const searched: string[] = [];
  const tryOne = (file: string, source: Source): Resolution | undefined => {
    searched.push(file);
    return machine.isExecutable(file) ? { kind: 'found', path: file, source } : undefined;
  };

  const exe = executableName(machine.platform);
  const bundled = tryOne(p.join(machine.extensionPath, 'server', exe), 'bundled');
  if (bundled) return bundled;
  for (const file of pathCandidates(machine)) {
    const found = tryOne(file, 'path');
    if (found) return found;
  }
  const cargoHome = machine.env.CARGO_HOME || p.join(machine.homedir, '.cargo');
  const cargo = tryOne(p.join(cargoHome, 'bin', exe), 'cargo');
  if (cargo) return cargo;
  return { kind: 'missing', searched };
}
