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

/** `blueprint lsp` over stdio. The server logs to stderr, which lands in the output channel. */
export function serverExecutable(
  serverPath: string,
  baseEnv: Record<string, string | undefined>,
  cwd?: string,
): ServerExecutable {
  return {
    command: serverPath,
    args: ['lsp'],
    options: { env: { ...baseEnv, NO_COLOR: '1' }, ...(cwd ? { cwd } : {}) },
  };
}

/** `initializationOptions`: the same object as the `blueprint` configuration section. */
export function initializationOptions(settings: ServerSettings): ServerSettings {
  return settings;
}
