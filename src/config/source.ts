/**
 * Provenance: where a value in the config tree came from.
 *
 * Every node remembers its source so that errors and `--info provenance` can say
 * "db.port = 5432 (from db/postgres.yaml:3:7)" or "(from override db.port=5432)".
 */

/** A config file as it was read: its text is kept so line/column can be computed lazily. */
export interface SourceFile {
  /** Absolute path (or a `pkg://` / `store://` address for non-file sources). */
  readonly path: string;
  /** The config path inside its source, e.g. `db/mysql` (no extension). */
  readonly configPath: string;
  readonly text: string;
  /** Offsets of line starts, computed on first use. */
  lineStarts?: number[];
}

export type Source =
  | { readonly kind: 'file'; readonly file: SourceFile; readonly offset: number }
  | { readonly kind: 'override'; readonly override: string }
  | { readonly kind: 'code'; readonly name: string }
  | { readonly kind: 'resolver'; readonly expression: string };

/** 1-based line and column of an offset in a file. */
export function lineCol(file: SourceFile, offset: number): { line: number; col: number } {
  let starts = file.lineStarts;
  if (!starts) {
    starts = [0];
    const text = file.text;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    file.lineStarts = starts;
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((starts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - (starts[lo] as number) + 1 };
}

/** Human form of a source: `db/mysql.yaml:3:7`, `override db.port=1`, … */
export function describeSource(src: Source | undefined, opts: { absolute?: boolean } = {}): string {
  if (!src) return 'unknown source';
  switch (src.kind) {
    case 'file': {
      const { line, col } = lineCol(src.file, src.offset);
      return `${opts.absolute ? src.file.path : displayName(src.file)}:${line}:${col}`;
    }
    case 'override':
      return `override ${src.override}`;
    case 'code':
      return src.name;
    case 'resolver':
      return `interpolation ${src.expression}`;
  }
}

function displayName(file: SourceFile): string {
  const base = file.path.split('/').pop() ?? file.path;
  const dot = base.lastIndexOf('.');
  const ext = dot > 0 ? base.slice(dot) : '';
  return file.configPath + ext;
}
