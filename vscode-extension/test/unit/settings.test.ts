import { describe, expect, it } from 'vitest';

import {
  changeKind,
  configurationResult,
  didChangeConfigurationParams,
  readServerSettings,
} from '../../src/settings';

const config = (values: Record<string, unknown>) => ({ get: <T>(key: string) => values[key] as T | undefined });

describe('readServerSettings', () => {
  it('translates VS Code settings into the server shape', () => {
    const { settings, problems } = readServerSettings(
      config({
        select: ['sharding', ' cap/ca-distributed-claim ', 'sharding', ''],
        ignore: ['structure'],
        severity: { schema: 'error', 'structure/missing-requirements': 'Off' },
      }),
    );
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      select: ['sharding', 'cap/ca-distributed-claim'],
      ignore: ['structure'],
      severity: { schema: 'error', 'structure/missing-requirements': 'off' },
    });
  });

  it('leaves `select` out when it is empty, so the server does not run zero rules', () => {
    const { settings } = readServerSettings(config({ select: [' '], ignore: [] }));
    expect(settings).toEqual({ ignore: [], severity: {} });
    expect('select' in settings).toBe(false);
    expect(configurationResult([{ section: 'blueprint.select' }], settings)).toEqual([null]);
  });

  it('gives empty settings when nothing is set', () => {
    expect(readServerSettings(config({}))).toEqual({
      settings: { ignore: [], severity: {} },
      problems: [],
    });
  });

  it('accepts a comma-separated string like the CLI flag', () => {
    expect(readServerSettings(config({ ignore: 'cap, schema/float-for-money' })).settings.ignore).toEqual([
      'cap',
      'schema/float-for-money',
    ]);
  });

  it('drops bad entries and names them', () => {
    const { settings, problems } = readServerSettings(
      config({ select: 42, ignore: ['ok', 7], severity: { cap: 'fatal', schema: 'warning', '  ': 'off' } }),
    );
    expect(settings).toEqual({ ignore: ['ok'], severity: { schema: 'warning' } });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toContain('`blueprint.select` must be a list');
    expect(problems[1]).toContain('`blueprint.ignore` has a non-text entry (7)');
    expect(problems.join('\n')).toContain('`blueprint.severity["cap"]` is "fatal", not one of "error", "warning", "info", "off"');
    expect(problems.join('\n')).toContain('empty rule id');
  });

  it('rejects a severity list instead of a map', () => {
    const { settings, problems } = readServerSettings(config({ severity: ['cap'] }));
    expect(settings.severity).toEqual({});
    expect(problems[0]).toContain('must be an object');
  });
});

describe('protocol payloads', () => {
  const settings = { select: ['cap'], ignore: [], severity: { schema: 'off' as const } };

  it('wraps didChangeConfiguration settings under `blueprint`', () => {
    expect(didChangeConfigurationParams(settings)).toEqual({ settings: { blueprint: settings } });
  });

  it('answers workspace/configuration per item', () => {
    expect(
      configurationResult(
        [{ section: 'blueprint' }, { section: 'blueprint.severity' }, { section: 'editor' }, {}],
        settings,
      ),
    ).toEqual([settings, { schema: 'off' }, null, null]);
  });

  it('restarts for server changes, re-sends for rule changes', () => {
    const only = (s: string) => (section: string) => s === section || s.startsWith(`${section}.`);
    expect(changeKind(only('blueprint.server.path'))).toBe('restart');
    expect(changeKind(only('blueprint.severity'))).toBe('resend');
    expect(changeKind(only('blueprint.trace.server'))).toBe('none');
    expect(changeKind(only('editor.fontSize'))).toBe('none');
  });
});
