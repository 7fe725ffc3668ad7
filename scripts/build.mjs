// Build: the library with tsc (dist/*.js + .d.ts), the `tydra` bin as an esbuild bundle with
// code splitting (commands and the `yaml` fallback parser load on demand), and the examples.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { build } from 'esbuild';

// The `yaml` package is only the fallback parser (src/config/yaml/slow.ts) for files outside the
// fast path and for errors. The bin does not bundle it: a small proxy requires it from
// node_modules on first use, so `tydra compose` neither loads nor compiles it otherwise.
const lazyYaml = {
  name: 'lazy-yaml',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, (args) => (args.namespace === 'lazy-yaml' ? { path: 'yaml', external: true } : { path: 'yaml', namespace: 'lazy-yaml' }));
    b.onLoad({ filter: /.*/, namespace: 'lazy-yaml' }, () => ({
      contents: [
        'let y;',
        "const Y = () => (y ??= require('yaml'));",
        ...['parseDocument', 'isAlias', 'isMap', 'isScalar', 'isSeq'].map((f) => `export const ${f} = (...a) => Y().${f}(...a);`),
      ].join('\n'),
      loader: 'js',
    }));
  },
};

const quick = process.argv.includes('--bin-only');
if (!quick) {
  rmSync('dist', { recursive: true, force: true });
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  // The examples import 'tydra' by name (the package refers to itself through its exports).
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'conf-examples/ml-train/tsconfig.json'], { stdio: 'inherit' });
}
// The bin and the library entry are bundled together (shared chunks, lazily loaded commands and
// modes). zod, chokidar and handlebars stay external: an app's zod schemas must be checked by the
// very zod the app imports, and the other two load only when their feature is used.
await build({
  entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts', 'schema-fields': 'src/schema-fields.ts' },
  external: ['zod', 'chokidar', 'handlebars'],
  outdir: 'dist',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: !process.env.TYDRA_NO_MINIFY,
  sourcemap: 'linked',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
  plugins: [lazyYaml],
});
