-- Drives `blueprint lsp` from a real Neovim (0.7+; Debian bookworm ships 0.7.2),
-- headless, through Neovim's own LSP client: diagnostics (codes, UTF-16
-- positions after an emoji and CJK text), hovers, a code action applied to the
-- buffer, the explain command, symbols and completion.
--
-- Run (the Rust test tests/lsp_nvim.rs does exactly this):
--   BLUEPRINT_BIN=target/debug/blueprint BLUEPRINT_NVIM_DIR=$(mktemp -d) \
--     nvim --headless -u NONE -i NONE -n -c "luafile crates/blueprint-cli/tests/nvim/lsp_test.lua"
-- Exit code 0 and the line "nvim-lsp: all checks passed" on success.
-- It also checks the database, SQL, shard-key, estimate and glossary hovers.

local bin = assert(os.getenv('BLUEPRINT_BIN'), 'BLUEPRINT_BIN is not set')
local dir = assert(os.getenv('BLUEPRINT_NVIM_DIR'), 'BLUEPRINT_NVIM_DIR is not set')

local failures = {}
local passed = 0

local function log(msg)
  io.stdout:write(msg .. '\n')
end

local function check(cond, msg)
  if cond then
    passed = passed + 1
  else
    table.insert(failures, msg)
    log('FAIL: ' .. msg)
  end
  return cond
end

local CA = 'cap/ca-distributed-claim'
local FLOAT = 'schema/float-for-money'
local ca_line_text = '😀 設計: The orders cluster is replicated across three regions. It is a CA system.'

local lines = {
  '# Design: orders 🌍',
  '',
  '## Requirements',
  '',
  '- Checkout must keep working during a regional outage.',
  '',
  '## Storage',
  '',
  ca_line_text,
  '',
  'We store orders in PostgreSQL and shard them by user_id using consistent hashing.',
  '',
  'We expect 10 million orders per day.',
  '',
  '```sql',
  'CREATE TABLE orders (',
  '  id BIGINT PRIMARY KEY,',
  '  user_id BIGINT NOT NULL,',
  '  total DOUBLE PRECISION',
  ');',
  '',
  'SELECT * FROM orders WHERE user_id = 42;',
  '```',
}
local path = dir .. '/design.md'
vim.fn.writefile(lines, path)

local messages = {}
-- The raw diagnostics as the server sent them (Neovim keeps only converted
-- positions), by code.
local raw_diagnostics = {}
local function run()
  local client_id = vim.lsp.start_client({
    name = 'blueprint',
    cmd = { bin, 'lsp', '--stdio' },
    root_dir = dir,
    handlers = {
      ['window/showMessage'] = function(_, result)
        table.insert(messages, result.message)
      end,
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        raw_diagnostics = {}
        for _, d in ipairs(result.diagnostics or {}) do
          raw_diagnostics[d.code] = d
        end
        return vim.lsp.handlers['textDocument/publishDiagnostics'](err, result, ctx, config)
      end,
    },
  })
  check(client_id ~= nil, 'the language server starts')
  vim.cmd('edit ' .. vim.fn.fnameescape(path))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  local uri = vim.uri_from_bufnr(bufnr)

  local function diagnostics_with(code)
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == code then
        table.insert(out, d)
      end
    end
    return out
  end

  -- 1. Diagnostics arrive, with rule ids as codes.
  local arrived = vim.wait(20000, function()
    return #diagnostics_with(CA) > 0
  end, 20)
  check(arrived, 'diagnostics for ' .. CA .. ' arrive')
  if not arrived then
    return
  end
  check(client.offset_encoding == 'utf-16', 'the negotiated encoding is UTF-16, got ' .. tostring(client.offset_encoding))

  local ca = diagnostics_with(CA)[1]
  local ca_lnum = 8
  local byte_col = select(1, string.find(ca_line_text, 'CA system', 1, true)) - 1
  check(ca.lnum == ca_lnum, 'CA finding on line 9, got ' .. ca.lnum + 1)
  -- Neovim converted the server's UTF-16 columns to bytes: they match only if
  -- the server counted the emoji as two units and each CJK character as one.
  check(ca.col == byte_col, ('CA finding at byte column %d, got %d'):format(byte_col, ca.col))
  check(ca.end_col == byte_col + 2, 'CA finding covers the two letters')
  local raw = raw_diagnostics[CA]
  if check(raw ~= nil, 'the raw LSP diagnostic is seen') then
    local utf16 = select(2, vim.str_utfindex(ca_line_text, byte_col))
    check(raw.range.start.character == utf16,
      ('raw UTF-16 column %d, got %d'):format(utf16, raw.range.start.character))
    check(utf16 ~= byte_col, 'UTF-16 and byte columns differ on this line')
    check(raw.codeDescription and raw.codeDescription.href:match('cap%-ca%-distributed%-claim%.html$') ~= nil,
      'codeDescription links the rule page')
  end
  check(ca.severity == vim.diagnostic.severity.ERROR, 'CA finding is an error')

  local float = diagnostics_with(FLOAT)[1]
  if check(float ~= nil, FLOAT .. ' reported') then
    check(float.lnum == 18, 'float finding on the `total` line, got ' .. float.lnum + 1)
    check(float.col == 2, 'float finding starts at the column name, got ' .. float.col)
  end

  local function hover_at(lnum, needle)
    local line = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1]
    local col = select(1, string.find(line, needle, 1, true))
    if not col then
      return nil
    end
    vim.api.nvim_win_set_cursor(0, { lnum + 1, col - 1 })
    local params = vim.lsp.util.make_position_params()
    local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000) or {}
    for _, response in pairs(responses) do
      if response.result and response.result.contents then
        return response.result.contents.value
      end
    end
    return nil
  end

  -- 2. Hover on the finding: the rule's explanation.
  local hover = hover_at(ca_lnum, 'CA system')
  check(hover ~= nil and hover:find(CA, 1, true) ~= nil, 'hover on the finding names the rule')
  check(hover ~= nil and hover:find('Rule reference', 1, true) ~= nil, 'hover links the rule reference')

  do
    local cases = {
      { 10, 'PostgreSQL', 'PostgreSQL', 'database name' },
      { 10, 'user_id', 'cardinality', 'shard key' },
      { 10, 'consistent hashing', 'onsistent hashing', 'glossary term' },
      { 12, '10 million', 'day', 'estimate' },
      { 21, 'SELECT', 'index plan', 'SQL query' },
    }
    for _, case in ipairs(cases) do
      local text = hover_at(case[1], case[2])
      check(text ~= nil and text ~= '' and text:lower():find(case[3]:lower(), 1, true) ~= nil,
        ('hover on the %s `%s` mentions `%s`, got %s'):format(case[4], case[2], case[3], vim.inspect(text)))
    end
  end

  -- 3. Symbols: the outline with the SQL table.
  local symbols = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol',
    { textDocument = { uri = uri } }, 10000) or {}
  local names = {}
  local function walk(items)
    for _, item in ipairs(items or {}) do
      names[item.name] = true
      walk(item.children)
    end
  end
  for _, response in pairs(symbols) do
    walk(response.result)
  end
  check(names['Design: orders 🌍'] and names['Storage'] and names['orders'] and names['total'],
    'symbols list headings and the SQL table: ' .. vim.inspect(vim.tbl_keys(names)))

  -- 4. Explain the rule: the server shows the rule page (this client has no
  -- window/showDocument, so it says so in a message).
  local explain = vim.lsp.buf_request_sync(bufnr, 'workspace/executeCommand',
    { command = 'blueprint.explainRule', arguments = { CA } }, 10000) or {}
  local url
  for _, response in pairs(explain) do
    url = response.result and response.result.url
  end
  check(url ~= nil and url:match('cap%-ca%-distributed%-claim%.html$') ~= nil, 'explain returns the rule page')
  check(vim.wait(5000, function()
    for _, m in ipairs(messages) do
      if url and m:find(url, 1, true) then
        return true
      end
    end
    return false
  end, 20), 'explain shows the rule page to the user')

  -- 5. Code action: disable the rule for this line, applied to the buffer.
  local params = {
    textDocument = { uri = uri },
    range = raw.range,
    context = { diagnostics = { raw } },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 10000) or {}
  local chosen
  for _, response in pairs(responses) do
    for _, action in ipairs(response.result or {}) do
      if action.title == 'Disable `' .. CA .. '` for this line' then
        chosen = action
      end
    end
  end
  if check(chosen ~= nil and chosen.edit ~= nil, 'a "disable for this line" action is offered') then
    vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
    local inserted = vim.api.nvim_buf_get_lines(bufnr, ca_lnum, ca_lnum + 1, false)[1]
    check(inserted == '<!-- blueprint-disable-next-line ' .. CA .. ' -->',
      'the suppression comment is inserted above the finding: ' .. tostring(inserted))
    check(vim.wait(20000, function()
      return #diagnostics_with(CA) == 0 and #diagnostics_with(FLOAT) == 1
    end, 20), 'after the edit the finding is gone and the others stay')
    check(#diagnostics_with('meta/unused-suppression') == 0, 'the new suppression is used')
  end

  -- 6. Completion of rule ids inside a suppression comment.
  vim.api.nvim_buf_set_lines(bufnr, -1, -1, false, { '', '<!-- blueprint-disable-next-line sch' })
  local last = vim.api.nvim_buf_line_count(bufnr) - 1
  vim.wait(300)
  local completion = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', {
    textDocument = { uri = uri },
    position = { line = last, character = #'<!-- blueprint-disable-next-line sch' },
  }, 10000) or {}
  local labels = {}
  for _, response in pairs(completion) do
    local items = response.result and (response.result.items or response.result) or {}
    for _, item in ipairs(items) do
      labels[item.label] = true
    end
  end
  check(labels[FLOAT] and labels['schema'], 'rule ids and areas are completed in suppression comments')

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end, 20)
end

local ok, err = pcall(run)
if not ok then
  table.insert(failures, 'error: ' .. tostring(err))
  log('FAIL: ' .. tostring(err))
end
if #failures == 0 then
  log(('nvim-lsp: all checks passed (%d)'):format(passed))
  vim.cmd('qall!')
else
  log(('nvim-lsp: %d failed, %d passed'):format(#failures, passed))
  vim.cmd('cquit 1')
end
