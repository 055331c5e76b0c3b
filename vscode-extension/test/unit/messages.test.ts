import { describe, expect, it } from 'vitest';

import {
  INSTALL_COMMAND,
  missingBinaryMessage,
  searchedReport,
  settingsProblemsMessage,
  startFailureMessage,
} from '../../src/messages';

describe('messages', () => {
  it('tells how to install the binary when it is missing', () => {
    const text = missingBinaryMessage({ kind: 'missing', searched: ['/a/blueprint', '/b/blueprint'] });
    expect(INSTALL_COMMAND).toBe('cargo install --locked --path crates/blueprint-cli');
    expect(text).toContain(INSTALL_COMMAND);
    expect(text).toContain('blueprint.server.path');
    expect(text).toContain('not found');
  });

  it('blames the setting when the configured path is wrong', () => {
    const text = missingBinaryMessage({ kind: 'missing', configured: '~/bp', searched: ['/home/ada/bp'] });
    expect(text).toContain('"~/bp"');
    expect(text).toContain('/home/ada/bp');
    expect(text).toContain(INSTALL_COMMAND);
  });

  it('lists the searched places for the output channel', () => {
    expect(searchedReport({ kind: 'missing', searched: ['/a', '/b'] })).toBe(
      'Looked for the blueprint server at:\n  /a\n  /b',
    );
  });

  it('explains a start failure with the reason', () => {
    const text = startFailureMessage('/usr/bin/blueprint', new Error('Connection closed'));
    expect(text).toContain('`/usr/bin/blueprint lsp` did not start: Connection closed');
    expect(text).toContain(INSTALL_COMMAND);
  });

  it('summarises settings problems, or says nothing', () => {
    expect(settingsProblemsMessage([])).toBeUndefined();
    expect(settingsProblemsMessage(['x.', 'y.'])).toBe('blueprint: 2 settings were not understood: x. y.');
  });
});
