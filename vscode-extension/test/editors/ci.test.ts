// The `blueprint check` commands of docs/ci.md run as written, and their output is
// what GitHub reads: workflow commands, and SARIF 2.1.0.

import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

import { codeBlocks, repoRoot, requireBlueprintBinary } from '../support';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-ci-'));
let binary: string;
const workflow = codeBlocks(fs.readFileSync(path.join(repoRoot, 'docs', 'ci.md'), 'utf8')).find(
  (b) => b.lang === 'yaml' && b.code.includes('upload-sarif'),
)!.code;

beforeAll(() => {
  binary = requireBlueprintBinary();
  fs.mkdirSync(path.join(tmp, 'docs'));
  fs.writeFileSync(
    path.join(tmp, 'docs', 'design.md'),
    '# Wallets\n\n## Data model\n\n```sql\nCREATE TABLE wallets (\n  id BIGINT PRIMARY KEY,\n  balance DOUBLE PRECISION NOT NULL\n);\n```\n',
  );
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs a `run:` line of the workflow with the built binary in place of `blueprint`. */
function runStep(pattern: RegExp): { stdout: string; status: number | null; stderr: string } {
  const line = workflow.split('\n').find((l) => pattern.test(l));
  expect(line, `a run step matching ${pattern}`).toBeDefined();
  const command = line!.replace(/^\s*run:\s*/, '').replace(/\s*>\s*\S+$/, '');
  const [program, ...args] = command.split(/\s+/);
  expect(program).toBe('blueprint');
  const run = spawnSync(binary, args, { cwd: tmp, encoding: 'utf8' });
  return { stdout: run.stdout, status: run.status, stderr: run.stderr };
}

it('the annotations step prints GitHub workflow commands', () => {
  const { stdout, status, stderr } = runStep(/run: blueprint check --format github/);
  expect([0, 1], stderr).toContain(status);
  const lines = stdout.trim().split('\n');
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) {
    expect(line).toMatch(/^::(error|warning|notice) file=docs\/design\.md,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[^:]+::.+/);
  }
  expect(stdout).toContain('schema/float-for-money');
});

it('the SARIF step writes SARIF 2.1.0 and does not fail the job', () => {
  const { stdout, status, stderr } = runStep(/run: blueprint check --format sarif/);
  expect(status, stderr).toBe(0);
  const sarif = JSON.parse(stdout);
  expect(sarif.version).toBe('2.1.0');
  const run = sarif.runs[0];
  expect(run.tool.driver.name).toBe('blueprint');
  expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toContain('schema/float-for-money');
  const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'schema/float-for-money');
  expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('docs/design.md');
  expect(result.locations[0].physicalLocation.region.startLine).toBe(8);
});
