// Shared by the tests that need the real `blueprint` binary or the docs.

import * as fs from 'node:fs';
import * as path from 'node:path';

export const extensionDir = path.resolve(__dirname, '..');
export const repoRoot = path.resolve(extensionDir, '..');

/** $BLUEPRINT_BIN, else ../target/debug/blueprint. */
export function blueprintBinary(): string {
  return process.env.BLUEPRINT_BIN
    ? path.resolve(process.env.BLUEPRINT_BIN)
    : path.resolve(repoRoot, 'target', 'debug', 'blueprint');
}

/** The binary, or an error that says how to get it (these tests never skip). */
export function requireBlueprintBinary(): string {
  const binary = blueprintBinary();
  if (!fs.existsSync(binary)) {
    throw new Error(
      `The blueprint binary is missing at ${binary}. Build it with \`cargo build -p blueprint-cli\` ` +
        '(from the repository root) or point BLUEPRINT_BIN at it. This test does not skip.',
    );
  }
  return binary;
}

export interface Block {
  lang: string;
  code: string;
  /** The `<!-- tested: ... -->` marker right above the fence, if any. */
  marker?: string;
}

/** The fenced code blocks of a Markdown file. */
export function codeBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(\w*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !/^```\s*$/.test(lines[j])) body.push(lines[j++]);
    const marker = /^<!--\s*tested:\s*(.*?)\s*-->$/.exec(lines[i - 1] ?? '')?.[1];
    blocks.push({ lang: open[1], code: body.join('\n'), marker });
    i = j;
  }
  return blocks;
}

export function testedBlock(markdown: string, testFile: string, lang: string): string {
  const found = codeBlocks(markdown).filter((b) => b.lang === lang && b.marker?.includes(testFile));
  if (found.length !== 1) {
    throw new Error(`expected one \`${lang}\` block marked "tested: ${testFile}", found ${found.length}`);
  }
  return found[0].code;
}
