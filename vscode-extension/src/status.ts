// The status bar item's text. Plain logic.

export type ServerState = 'starting' | 'running' | 'stopped' | 'failed' | 'missing';

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export interface StatusView {
  text: string;
  tooltip: string;
  /** The command the item runs when clicked. */
  command: string;
  /** Colours the item like VS Code's own error / warning items. */
  tone: 'normal' | 'warning' | 'error';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `counts` are the blueprint findings of the active Markdown file, or undefined
 * when the active editor is not a document the server checks.
 */
export function statusView(state: ServerState, counts?: Counts, serverPath?: string): StatusView {
  const where = serverPath ? `\nServer: ${serverPath}` : '';
  switch (state) {
    case 'missing':
      return {
        text: '$(error) blueprint: not installed',
        tooltip: 'The blueprint executable was not found. Click for details.',
        command: 'blueprint.showOutput',
        tone: 'error',
      };
    case 'failed':
      return {
        text: '$(error) blueprint',
        tooltip: `The blueprint language server stopped with an error. Click to see its output.${where}`,
        command: 'blueprint.showOutput',
        tone: 'error',
      };
    case 'stopped':
      return {
        text: '$(circle-slash) blueprint',
        tooltip: `The blueprint language server is stopped. Run "blueprint: Restart Server" to start it.${where}`,
        command: 'blueprint.restartServer',
        tone: 'warning',
      };
    case 'starting':
      return {
        text: '$(sync~spin) blueprint',
        tooltip: `Starting the blueprint language server…${where}`,
        command: 'blueprint.showOutput',
        tone: 'normal',
      };
    case 'running': {
      if (!counts) {
        return {
          text: '$(check) blueprint',
          tooltip: `blueprint is checking Markdown design docs.${where}`,
          command: 'blueprint.showOutput',
          tone: 'normal',
        };
      }
      const total = counts.errors + counts.warnings + counts.infos;
      const parts = [
        counts.errors ? plural(counts.errors, 'error') : '',
        counts.warnings ? plural(counts.warnings, 'warning') : '',
        counts.infos ? plural(counts.infos, 'note') : '',
      ].filter((s) => s !== '');
      return {
        text: total === 0 ? '$(check) blueprint' : `$(${counts.errors ? 'error' : 'warning'}) blueprint: ${total}`,
        tooltip:
          (total === 0 ? 'blueprint: no findings in this file.' : `blueprint: ${parts.join(', ')} in this file.`) +
          where,
        command: 'blueprint.showOutput',
        tone: counts.errors ? 'error' : counts.warnings ? 'warning' : 'normal',
      };
    }
  }
}
