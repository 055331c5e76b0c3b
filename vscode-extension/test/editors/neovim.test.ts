// Runs the Neovim snippet of docs/editors.md, verbatim, in headless Neovim against
// the real `blueprint lsp`, and checks that diagnostics arrive with the snippet's
// settings applied. Needs `nvim` (Debian: `apt-get install -y neovim`, 0.7.2) or
// $NVIM_BIN; fails, rather than skips, without it.

import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, expect, it } from 'vitest';

import { repoRoot, requireBlueprintBinary, testedBlock } from '../support';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-nvim-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function findNvim(): string {
  if (process.env.NVIM_BIN) return process.env.NVIM_BIN;
  const found = spawnSync('sh', ['-c', 'command -v nvim'], { encoding: 'utf8' }).stdout.trim();
  if (!found) {
    throw new Error('Neovim is not installed: `apt-get install -y neovim` (or set NVIM_BIN). This test does not skip.');
  }
  return found;
}

const DOC = [
  '# Payments',
  '',
  '## Data model',
  '',
  '```sql',
  'CREATE TABLE payments (',
  '  id BIGINT PRIMARY KEY,',
  '  amount DOUBLE PRECISION NOT NULL',
  ');',
  '```',
  '',
].join('\n');

// Waits for the server's diagnostics, writes them as JSON, quits.
const HARNESS = `
vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
   local ok, err = pcall(function()
    local function codes()
      local out = {}
      for _, d in ipairs(vim.diagnostic.get(0)) do
        local lsp = d.user_data and d.user_data.lsp or {}
        table.insert(out, { code = d.code or lsp.code, severity = d.severity, lnum = d.lnum,
          col = d.col, end_col = d.end_col, source = d.source, message = d.message })
      end
      return out
    end
    -- Until the finding shows with the snippet's severity (the first publication may
    -- predate the settings), or 30 s; the test then reports what there was.
    local arrived = vim.wait(30000, function()
      for _, d in ipairs(codes()) do
        if d.code == 'schema/float-for-money' and d.severity == vim.diagnostic.severity.WARN then return true end
      end
      return false
    end, 50)
    local f = io.open(os.getenv('BLUEPRINT_NVIM_OUT'), 'w')
    f:write(vim.fn.json_encode({ arrived = arrived, version = vim.version(),
      clients = #vim.lsp.get_active_clients(), diagnostics = codes() }))
    f:close()
   end)
   if not ok then io.stderr:write('harness: ' .. tostring(err) .. '\\n') end
   vim.cmd('qa!')
  end,
})
`;

it('the Neovim snippet starts blueprint lsp and shows its findings', () => {
  const nvim = findNvim();
  const binary = requireBlueprintBinary();
  const snippet = testedBlock(fs.readFileSync(path.join(repoRoot, 'docs', 'editors.md'), 'utf8'), 'neovim.test.ts', 'lua');
  // The snippet runs `blueprint` from PATH, as a user's would.
  const bin = path.join(tmp, 'bin');
  fs.mkdirSync(bin);
  fs.symlinkSync(binary, path.join(bin, 'blueprint'));
  fs.writeFileSync(path.join(tmp, 'init.lua'), `vim.cmd('filetype on')\n${snippet}\n${HARNESS}`);
  const doc = path.join(tmp, 'project', 'design.md');
  fs.mkdirSync(path.dirname(doc));
  fs.writeFileSync(path.join(tmp, 'project', 'blueprint.toml'), '');
  fs.writeFileSync(doc, DOC);
  const out = path.join(tmp, 'out.json');

  const version = execFileSync(nvim, ['--version'], { encoding: 'utf8' }).split('\n')[0];
  const run = spawnSync(nvim, ['--headless', '-n', '-i', 'NONE', '-u', path.join(tmp, 'init.lua'), doc], {
    cwd: path.join(tmp, 'project'),
    env: {
      ...process.env,
      PATH: `${bin}${path.delimiter}${process.env.PATH}`,
      BLUEPRINT_NVIM_OUT: out,
      XDG_STATE_HOME: tmp,
      XDG_CACHE_HOME: tmp,
      XDG_DATA_HOME: tmp,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(fs.existsSync(out), `${version} wrote no result (status ${run.status}); stderr:\n${run.stderr}`).toBe(true);
  const result = JSON.parse(fs.readFileSync(out, 'utf8'));
  expect(result.clients, `no LSP client started in ${version}`).toBe(1);
  expect(result.diagnostics.length, `no diagnostics within 30s in ${version}`).toBeGreaterThan(0);
  const float = result.diagnostics.find((d: { code: string }) => d.code === 'schema/float-for-money');
  expect(float, JSON.stringify(result.diagnostics)).toBeDefined();
  expect(float.lnum).toBe(7);
  expect(DOC.split('\n')[7].slice(float.col, float.end_col)).not.toBe('');
  // The snippet's settings reached the server: float-for-money is an error by
  // default, and `severity = { schema = 'warning' }` makes it a warning.
  expect(float.severity, JSON.stringify(result.diagnostics)).toBe(2);
  expect(result.arrived).toBe(true);
}, 90_000);
