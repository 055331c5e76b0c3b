import { describe, expect, it } from 'vitest';

import { statusView } from '../../src/status';

describe('statusView', () => {
  it('shows findings of the active file', () => {
    expect(statusView('running', { errors: 1, warnings: 2, infos: 0 }, '/usr/bin/blueprint')).toEqual({
      text: '$(error) blueprint: 3',
      tooltip: 'blueprint: 1 error, 2 warnings in this file.\nServer: /usr/bin/blueprint',
      command: 'blueprint.showOutput',
      tone: 'error',
    });
    expect(statusView('running', { errors: 0, warnings: 1, infos: 1 })).toMatchObject({
      text: '$(warning) blueprint: 2',
      tooltip: 'blueprint: 1 warning, 1 note in this file.',
      tone: 'warning',
    });
    expect(statusView('running', { errors: 0, warnings: 0, infos: 0 })).toMatchObject({
      text: '$(check) blueprint',
      tone: 'normal',
    });
  });

  it('shows a plain check outside Markdown', () => {
    expect(statusView('running').text).toBe('$(check) blueprint');
  });

  it('makes a missing binary loud', () => {
    expect(statusView('missing')).toMatchObject({
      text: '$(error) blueprint: not installed',
      command: 'blueprint.showOutput',
      tone: 'error',
    });
  });

  it('offers a restart when stopped and the output when failed', () => {
    expect(statusView('stopped').command).toBe('blueprint.restartServer');
    expect(statusView('failed')).toMatchObject({ command: 'blueprint.showOutput', tone: 'error' });
    expect(statusView('starting').text).toBe('$(sync~spin) blueprint');
  });
});
