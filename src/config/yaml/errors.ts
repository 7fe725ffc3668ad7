/** 1-based line and column of a UTF-16 offset, counting `\n` as the only line break (as `yaml` does). */
export function linePos(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/**
 * A YAML stream that cannot be loaded: bad syntax (with the `yaml` package's message and code),
 * or a rule of OmegaConf's loader (duplicate key, complex key, several documents, bad merge).
 * `line`/`col` are 1-based, `offset` is the UTF-16 index the error points at.
 */
export class YamlSyntaxError extends Error {
  override name = 'YamlSyntaxError';
  /** The problem without its position, e.g. `Duplicate key "a"`. */
  readonly reason: string;
  /** `yaml`'s error code (`BAD_INDENT`, `MULTIPLE_DOCS`, …) or one of ours (`DUPLICATE_KEY`, …). */
  readonly code: string;
  readonly offset: number;
  readonly line: number;
  readonly col: number;

  constructor(args: { message?: string; reason: string; code: string; offset: number; line: number; col: number }) {
    super(args.message ?? `${args.reason} at line ${args.line}, column ${args.col}`);
    this.reason = args.reason;
    this.code = args.code;
    this.offset = args.offset;
    this.line = args.line;
    this.col = args.col;
  }

  /** An error of ours at `offset` of `text`. */
  static at(text: string, offset: number, code: string, reason: string): YamlSyntaxError {
    const { line, col } = linePos(text, offset);
    return new YamlSyntaxError({ reason, code, offset, line, col });
  }
}

/**
 * A scalar PyYAML's SafeLoader (as OmegaConf configures it) cannot construct: `0b_`, `._`, `=`,
 * `!!int abc`, an unsupported tag such as `!!binary` or `!foo`. Carries no position; the caller
 * knows the node's offset (see `linePos`).
 */
export class YamlScalarError extends Error {
  override name = 'YamlScalarError';
  constructor(
    message: string,
    readonly text: string,
    readonly tag: string | undefined,
  ) {
    super(message);
  }
}
