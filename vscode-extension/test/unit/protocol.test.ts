import { describe, expect, it } from 'vitest';

import { serverExecutable, withoutClientCommands } from '../../src/protocol';

describe('protocol', () => {
  it('starts `blueprint lsp` without colours', () => {
    expect(serverExecutable('/bin/blueprint', { PATH: '/bin' }, '/work')).toEqual({
      command: '/bin/blueprint',
      args: ['lsp'],
      options: { env: { PATH: '/bin', NO_COLOR: '1' }, cwd: '/work' },
    });
    expect(serverExecutable('/bin/blueprint', {}).options).toEqual({ env: { NO_COLOR: '1' } });
    expect(serverExecutable('/bin/blueprint', {}, undefined, ' debug ').options.env).toEqual({
      NO_COLOR: '1',
      BLUEPRINT_LOG: 'debug',
    });
    expect(serverExecutable('/bin/blueprint', {}, undefined, '').options.env).toEqual({ NO_COLOR: '1' });
  });

  it('drops server commands the extension owns', () => {
    const caps = { executeCommandProvider: { commands: ['blueprint.explainRule'], workDoneProgress: false } };
    expect(withoutClientCommands(caps)).toEqual({});
    expect(caps.executeCommandProvider.commands).toEqual(['blueprint.explainRule']);
    const mixed = { executeCommandProvider: { commands: ['a', 'blueprint.restartServer', 'b'] } };
    expect(withoutClientCommands(mixed)).toEqual({ executeCommandProvider: { commands: ['a', 'b'] } });
    const none: { hoverProvider: boolean; executeCommandProvider?: { commands: string[] } } = { hoverProvider: true };
    expect(withoutClientCommands(none)).toBe(none);
  });
});
