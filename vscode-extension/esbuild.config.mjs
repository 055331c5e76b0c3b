// esbuild options for the extension bundle, shared by esbuild.mjs and the bundle test.
// `vscode` is provided by the editor at run time and stays external.
export function bundleOptions({ production = false, outfile = 'dist/extension.js' } = {}) {
  return {
    entryPoints: ['src/extension.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node18',
    outfile,
    external: ['vscode'],
    sourcemap: !production,
    minify: production,
    logLevel: production ? 'warning' : 'info',
  };
}
