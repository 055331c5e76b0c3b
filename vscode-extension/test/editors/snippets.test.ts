// The configuration snippets of docs/editors.md (and the extension README) must
// parse, point at `blueprint lsp`, and carry settings the server accepts: real
// rule ids and areas (from `blueprint rules --format json`) and valid levels.

import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { beforeAll, describe, expect, it } from 'vitest';

import { readServerSettings } from '../../src/settings';
import { codeBlocks, extensionDir, repoRoot, requireBlueprintBinary, testedBlock } from '../support';

const editorsDoc = fs.readFileSync(path.join(repoRoot, 'docs', 'editors.md'), 'utf8');
const readme = fs.readFileSync(path.join(extensionDir, 'README.md'), 'utf8');
let known = new Set<string>();

beforeAll(() => {
  const binary = requireBlueprintBinary();
  const rules = JSON.parse(execFileSync(binary, ['rules', '--format', 'json'], { encoding: 'utf8' })) as unknown;
  const list = (Array.isArray(rules) ? rules : (rules as { rules: unknown[] }).rules) as { id: string; area?: string }[];
  known = new Set(list.flatMap((r) => [r.id, r.area ?? r.id.split('/')[0]]));
  expect(known.size).toBeGreaterThan(2);
});

/** Validates a `blueprint` settings section as the extension would translate it. */
function checkSection(section: unknown): void {
  expect(section, 'a settings object').toBeTypeOf('object');
  const keys = Object.keys(section as object);
  for (const key of keys) expect(['select', 'ignore', 'severity']).toContain(key);
  const { settings, problems } = readServerSettings({ get: (k) => (section as Record<string, never>)[k] });
  expect(problems).toEqual([]);
  const ids = [...(settings.select ?? []), ...settings.ignore, ...Object.keys(settings.severity)];
  expect(ids.length).toBeGreaterThan(0);
  for (const id of ids) expect(known, `unknown rule or area \`${id}\``).toContain(id);
}

describe('docs/editors.md', () => {
  it('Helix: languages.toml runs `blueprint lsp` for markdown with valid settings', () => {
    const toml = parseToml(testedBlock(editorsDoc, 'snippets.test.ts', 'toml')) as any;
    const server = toml['language-server'].blueprint;
    expect(server.command).toBe('blueprint');
    expect(server.args).toEqual(['lsp']);
    checkSection(server.config.blueprint);
    const markdown = toml.language.find((l: { name: string }) => l.name === 'markdown');
    expect(markdown['language-servers']).toContain('blueprint');
  });

  it('Zed: settings.json enables the server for Markdown with valid settings', () => {
    const json = JSON.parse(testedBlock(editorsDoc, 'snippets.test.ts', 'json'));
    expect(json.languages.Markdown.language_servers).toContain('blueprint');
    checkSection(json.lsp.blueprint.settings.blueprint);
  });

  it('Zed: the extension manifest declares the server for Markdown', () => {
    const manifests = codeBlocks(editorsDoc)
      .filter((b) => b.lang === 'toml' && b.code.includes('[language_servers.blueprint]'))
      .map((b) => parseToml(b.code) as any);
    expect(manifests).toHaveLength(1);
    expect(manifests[0].language_servers.blueprint.languages).toEqual(['Markdown']);
    const lib = codeBlocks(editorsDoc).find((b) => b.lang === 'rust')!.code;
    expect(lib).toContain('args: vec!["lsp".into()]');
    expect(lib).toContain('worktree.which("blueprint")');
  });

  it('the settings example uses real rules and areas', () => {
    const example = codeBlocks(editorsDoc).find((b) => b.lang === 'json' && !b.marker)!;
    checkSection(JSON.parse(example.code).blueprint);
  });

  it('every rule id in a Lua snippet is real', () => {
    const lua = codeBlocks(editorsDoc).filter((b) => b.lang === 'lua');
    expect(lua.length).toBeGreaterThanOrEqual(3);
    let checked = 0;
    for (const block of lua) {
      for (const [, , list] of block.code.matchAll(/\b(select|ignore)\s*=\s*\{([^}]*)\}/g)) {
        for (const [, id] of list.matchAll(/'([^']+)'/g)) {
          expect(known, `unknown rule or area \`${id}\` in a Lua snippet`).toContain(id);
          checked++;
        }
      }
      for (const [, map] of block.code.matchAll(/\bseverity\s*=\s*\{([^}]*)\}/g)) {
        for (const [, bare, quoted, level] of map.matchAll(/(?:(\w+)|\['([^']+)'\])\s*=\s*'([^']*)'/g)) {
          expect(known, `unknown rule or area \`${bare ?? quoted}\` in a Lua snippet`).toContain(bare ?? quoted);
          expect(['error', 'warning', 'info', 'off']).toContain(level);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });
});

describe('vscode-extension/README.md', () => {
  it('the settings.json example uses real rules and areas', () => {
    const example = codeBlocks(readme).find((b) => b.lang === 'jsonc')!;
    const settings = JSON.parse(example.code);
    checkSection({
      ignore: settings['blueprint.ignore'],
      severity: settings['blueprint.severity'],
    });
  });

  it('the server payload example uses real rules and areas', () => {
    const payload = codeBlocks(readme).find((b) => b.lang === 'json' && b.code.includes('"severity"'))!;
    checkSection(JSON.parse(payload.code));
  });
});
