// Build: the library with tsc (dist/*.js + .d.ts), the `tydra` bin as an esbuild bundle with
// code splitting (commands and the `yaml` fallback parser load on demand), and the examples.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const quick = process.argv.includes('--bin-only');
if (!quick) {
  rmSync('dist', { recursive: true, force: true });
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  // The examples import 'tydra' by name (the package refers to itself through its exports).
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'conf-examples/ml-train/tsconfig.json'], { stdio: 'inherit' });
}
await build({
  entryPoints: { cli: 'src/cli.ts' },
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
