// The words the extension says to people. Plain logic, tested without VS Code.

import type { Resolution } from './serverPath';

/** How to get the binary, from a checkout of the blueprint repository. */
export const INSTALL_COMMAND = 'cargo install --locked --path crates/blueprint-cli';

export function missingBinaryMessage(resolution: Extract<Resolution, { kind: 'missing' }>): string {
  if (resolution.configured !== undefined) {
    return (
      `blueprint: the server binary set in \`blueprint.server.path\` ("${resolution.configured}") ` +
      `was not found or is not executable (looked at ${resolution.searched.length === 1 ? resolution.searched[0] : `${resolution.searched.length} places`}). ` +
      `Fix the setting, or clear it to use \`blueprint\` from PATH; install it with \`${INSTALL_COMMAND}\` from a checkout of the blueprint repository.`
    );
  }
  return (
    'blueprint: the `blueprint` executable was not found, so Markdown design docs are not being checked. ' +
    `Install it with \`${INSTALL_COMMAND}\` from a checkout of the blueprint repository ` +
    '(it lands in ~/.cargo/bin), or set `blueprint.server.path` to its location.'
  );
}

/** Details for the output channel: every place that was searched. */
export function searchedReport(resolution: Extract<Resolution, { kind: 'missing' }>): string {
  return ['Looked for the blueprint server at:', ...resolution.searched.map((s) => `  ${s}`)].join('\n');
}

export function startFailureMessage(serverPath: string, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  return (
    `blueprint: \`${serverPath} lsp\` did not start: ${reason}. ` +
    'If this binary predates the language server, reinstall it with ' +
    `\`${INSTALL_COMMAND}\`. The output channel has the server's own messages.`
  );
}

export function settingsProblemsMessage(problems: string[]): string | undefined {
  if (problems.length === 0) return undefined;
  return `blueprint: ${problems.length === 1 ? 'a setting was' : `${problems.length} settings were`} not understood: ${problems.join(' ')}`;
}
