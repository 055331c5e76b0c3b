import { describe, expect, it } from 'vitest';

import { expandPath, resolveServerPath, type Machine } from '../../src/serverPath';

function machine(executables: string[], over: Partial<Machine> = {}): Machine {
  return {
    platform: 'linux',
    env: { PATH: '/usr/local/bin:/usr/bin' },
    homedir: '/home/ada',
    extensionPath: '/ext',
    workspaceFolder: '/work/proj',
    isExecutable: (f) => executables.includes(f),
    ...over,
  };
}

describe('resolveServerPath', () => {
  it('prefers a bundled binary', () => {
    expect(resolveServerPath('', machine(['/ext/server/blueprint', '/usr/bin/blueprint']))).toEqual({
      kind: 'found',
      path: '/ext/server/blueprint',
      source: 'bundled',
    });
  });

  it('then the first PATH entry', () => {
    expect(resolveServerPath(undefined, machine(['/usr/bin/blueprint']))).toEqual({
      kind: 'found',
      path: '/usr/bin/blueprint',
      source: 'path',
    });
  });

  it('then ~/.cargo/bin, or $CARGO_HOME/bin', () => {
    expect(resolveServerPath(undefined, machine(['/home/ada/.cargo/bin/blueprint']))).toMatchObject({
      path: '/home/ada/.cargo/bin/blueprint',
      source: 'cargo',
    });
    expect(
      resolveServerPath(
        undefined,
        machine(['/opt/cargo/bin/blueprint'], { env: { PATH: '/usr/bin', CARGO_HOME: '/opt/cargo' } }),
      ),
    ).toMatchObject({ path: '/opt/cargo/bin/blueprint', source: 'cargo' });
  });

  it('reports every place it looked when nothing is there', () => {
    expect(resolveServerPath(undefined, machine([]))).toEqual({
      kind: 'missing',
      searched: [
        '/ext/server/blueprint',
        '/usr/local/bin/blueprint',
        '/usr/bin/blueprint',
        '/home/ada/.cargo/bin/blueprint',
      ],
    });
  });

  it('uses the setting and does not fall back when it is wrong', () => {
    const m = machine(['/usr/bin/blueprint', '/home/ada/bin/blueprint']);
    expect(resolveServerPath('~/bin/blueprint', m)).toEqual({
      kind: 'found',
      path: '/home/ada/bin/blueprint',
      source: 'setting',
    });
    expect(resolveServerPath('/nope/blueprint', m)).toEqual({
      kind: 'missing',
      configured: '/nope/blueprint',
      searched: ['/nope/blueprint'],
    });
  });

  it('resolves a relative setting from the workspace folder and a bare name on PATH', () => {
    const m = machine(['/work/proj/target/debug/blueprint', '/usr/bin/blueprint-dev']);
    expect(resolveServerPath('./target/debug/blueprint', m)).toMatchObject({
      path: '/work/proj/target/debug/blueprint',
    });
    expect(resolveServerPath('${workspaceFolder}/target/debug/blueprint', m)).toMatchObject({
      path: '/work/proj/target/debug/blueprint',
    });
    expect(resolveServerPath('blueprint-dev', m)).toMatchObject({ path: '/usr/bin/blueprint-dev', source: 'setting' });
  });

  it('knows Windows: .exe, Path and PATHEXT', () => {
    const m = machine(['C:\\tools\\blueprint.exe'], {
      platform: 'win32',
      env: { Path: 'C:\\Windows;C:\\tools', PATHEXT: '.COM;.EXE' },
      homedir: 'C:\\Users\\ada',
      extensionPath: 'C:\\ext',
    });
    expect(resolveServerPath('', m)).toEqual({ kind: 'found', path: 'C:\\tools\\blueprint.exe', source: 'path' });
    const missing = resolveServerPath('', { ...m, isExecutable: () => false });
    expect(missing.kind === 'missing' && missing.searched).toContain('C:\\Users\\ada\\.cargo\\bin\\blueprint.exe');
  });
});

describe('expandPath', () => {
  it('expands ${env:NAME} and ${userHome}', () => {
    const m = machine([], { env: { PATH: '', BP: '/opt/bp' } });
    expect(expandPath('${env:BP}/blueprint', m)).toBe('/opt/bp/blueprint');
    expect(expandPath('${userHome}/x/blueprint', m)).toBe('/home/ada/x/blueprint');
  });
});
