// How the server is started and what the client tells it. Shared by the extension
// and the integration test, so both start `blueprint lsp` the same way.

import type { ServerSettings } from './settings';

export const BOOK_URL = 'https://blueprint-docs.github.io/blueprint';

/** Documents the server checks. */
export const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'markdown' },
  { scheme: 'untitled', language: 'markdown' },
];

/** Config files whose changes the server is told about. */
export const WATCHED_FILES = '**/blueprint.toml';

export interface ServerExecutable {
  command: string;
  args: string[];
  options: { env: Record<string, string | undefined>; cwd?: string };
}

/**
 * `blueprint lsp` over stdio. The server logs to stderr, which lands in the output
 * channel; `logLevel` (a tracing filter) becomes `BLUEPRINT_LOG`.
 */
export function serverExecutable(
  serverPath: string,
  baseEnv: Record<string, string | undefined>,
  cwd?: string,
  logLevel?: string,
): ServerExecutable {
  const env: Record<string, string | undefined> = { ...baseEnv, NO_COLOR: '1' };
  if (logLevel && logLevel.trim() !== '') env.BLUEPRINT_LOG = logLevel.trim();
  return { command: serverPath, args: ['lsp'], options: { env, ...(cwd ? { cwd } : {}) } };
}

/** `initializationOptions`: the same object as the `blueprint` configuration section. */
export function initializationOptions(settings: ServerSettings): ServerSettings {
  return settings;
}

/** Commands the extension registers itself, which the server must not register too. */
export const CLIENT_COMMANDS = ['blueprint.restartServer', 'blueprint.explainRule', 'blueprint.showOutput'];

/**
 * The server's capabilities without the `executeCommandProvider` commands the
 * extension implements itself. vscode-languageclient registers every command the
 * server lists as a VS Code command, and registering `blueprint.explainRule` twice
 * would fail the start. With the server's copy dropped, a code action that carries
 * `blueprint.explainRule` runs the extension's richer, offline "Explain Rule".
 */
export function withoutClientCommands<T extends { executeCommandProvider?: { commands: string[] } }>(
  capabilities: T,
  own: readonly string[] = CLIENT_COMMANDS,
): T {
  const provider = capabilities.executeCommandProvider;
  if (!provider || !provider.commands.some((c) => own.includes(c))) return capabilities;
  const commands = provider.commands.filter((c) => !own.includes(c));
  const copy = { ...capabilities };
  if (commands.length === 0) delete copy.executeCommandProvider;
  else copy.executeCommandProvider = { ...provider, commands };
  return copy;
}
