/**
 * Entries of a defaults list, and the rules that give each its config path and final package.
 *
 * `ConfigDefault` is a fixed config (`server/apache`, `_self_`), `GroupDefault` selects an option
 * of a config group (`db: mysql`, `db@backup: mysql`, `optional site: ${x}`, `override db: pg`).
 */
import type { Source } from '../config/source.js';

/** The option of a group default: a name, a list of names, `null` (placeholder) or `???`. */
export type OptionValue = string | string[] | null;

const GLOBAL = '_global_';

export abstract class InputDefault {
  /** `@package` as written in the defaults list (relative to the including config's package). */
  package: string | undefined;
  /** `# @package` header of the selected file, made absolute (`_global_.x`). */
  packageHeader: string | undefined;
  /** Group path of the config that lists this entry. */
  parentBaseDir = '';
  /** Final package of the config that lists this entry. */
  parentPackage = '';
  primary = false;
  deleted = false;
  optional = false;
  override = false;
  /** Added from the command line with `+group=option`. */
  externalAppend = false;
  /** Where this entry was written (a config file or a command-line override). */
  src: Source | undefined;

  abstract isSelf(): boolean;
  /** The selected config name (null for a `null` placeholder). */
  abstract name(): string | null;
  /** The absolute group path (`server/db`). */
  abstract groupPath(): string;
  /** The group path as written, without a leading `/` (the default package comes from it). */
  abstract relativeGroupPath(): string;
  abstract clone(): InputDefault;

  isMissing(): boolean {
    return this.name() === '???';
  }

  setParent(baseDir: string, pkg: string): void {
    this.parentBaseDir = baseDir;
    this.parentPackage = pkg;
  }

  /** `_group_` headers are literal under version_base 1.3; any header is absolute. */
  setPackageHeader(header: string | undefined): void {
    if (header === undefined) return;
    if (header === '') this.packageHeader = GLOBAL;
    else if (header === GLOBAL || header.startsWith(`${GLOBAL}.`)) this.packageHeader = header;
    else this.packageHeader = `${GLOBAL}.${header}`;
  }

  configPath(): string {
    const group = this.groupPath();
    const name = this.name() ?? 'null';
    return group === '' ? name : `${group}/${name}`;
  }

  /** The package used when none is given: the absolute group path with dots. */
  defaultPackage(): string {
    return this.groupPath().replace(/\//g, '.');
  }

  /** Where this config's content lands in the output config. */
  finalPackage(useHeader = true): string {
    let pkg = this.package ?? (useHeader ? this.packageHeader : undefined);
    if (pkg === undefined) pkg = this.relativeGroupPath().replace(/\//g, '.');
    // Defaults-list keywords: `_here_` is the including config's package, `_group_` this
    // config's absolute default package (Hydra makes the whole package absolute: `x._group_`
    // is `_global_.x.<group>`). `_name_` stays a literal key, as in Hydra with version_base 1.2+.
    if (pkg === '_here_') pkg = '';
    else if (pkg.includes('_group_') && this.package !== undefined) pkg = `${GLOBAL}.${pkg.replaceAll('_group_', this.defaultPackage())}`;
    // A command-line append (`+db=mysql`) is listed by the primary config, so like its other
    // entries it is relative to the primary config's package (and group): Hydra 1.3 does so; only
    // later Hydra versions make appends absolute (facebookresearch/hydra#2875).
    let ret: string;
    if (this.parentPackage === '') ret = pkg;
    else ret = pkg === '' ? this.parentPackage : `${this.parentPackage}.${pkg}`;
    const g = ret.lastIndexOf(GLOBAL);
    if (g === -1) return ret;
    return ret.slice(g + GLOBAL.length + 1);
  }

  /** How command-line overrides address this entry: `db`, or `db@backup` when relocated. */
  overrideKey(): string {
    const group = this.groupPath();
    const pkg = this.finalPackage(false);
    if (pkg === this.defaultPackage()) return group;
    return `${group}@${pkg === '' ? GLOBAL : pkg}`;
  }
}

export class ConfigDefault extends InputDefault {
  constructor(
    /** As written; replaced by its resolution when it holds an interpolation. */
    public path: string,
    pkg?: string,
  ) {
    super();
    this.package = hereAsEmpty(pkg);
  }

  isSelf(): boolean {
    return this.path === '_self_';
  }

  name(): string {
    const p = this.path.startsWith('/') ? this.path.slice(1) : this.path;
    const i = p.lastIndexOf('/');
    return i === -1 ? p : p.slice(i + 1);
  }

  groupPath(): string {
    const absolute = this.path.startsWith('/');
    const p = absolute ? this.path.slice(1) : this.path;
    const i = p.lastIndexOf('/');
    const group = i === -1 ? '' : p.slice(0, i);
    if (absolute || this.parentBaseDir === '') return group;
    return group === '' ? this.parentBaseDir : `${this.parentBaseDir}/${group}`;
  }

  relativeGroupPath(): string {
    const p = this.path.startsWith('/') ? this.path.slice(1) : this.path;
    const i = p.lastIndexOf('/');
    return i === -1 ? '' : p.slice(0, i);
  }

  clone(): ConfigDefault {
    const c = new ConfigDefault(this.path, this.package);
    copyFlags(this, c);
    return c;
  }
}

export class GroupDefault extends InputDefault {
  constructor(
    readonly group: string,
    public value: OptionValue,
    pkg?: string,
  ) {
    super();
    this.package = hereAsEmpty(pkg);
  }

  isSelf(): boolean {
    return false;
  }

  name(): string | null {
    if (Array.isArray(this.value)) return this.value.join(',');
    return this.value;
  }

  /** A list of options (`site: [fb, google]`). */
  isOptionList(): boolean {
    return Array.isArray(this.value);
  }

  options(): string[] {
    if (this.value === null) return [];
    return Array.isArray(this.value) ? this.value : [this.value];
  }

  /** `${db}_${server}`: resolved against the final choices once they are known. */
  isInterpolation(): boolean {
    return typeof this.value === 'string' && this.value.includes('${');
  }

  groupPath(): string {
    if (this.group.startsWith('/')) return this.group.slice(1);
    return this.parentBaseDir === '' ? this.group : `${this.parentBaseDir}/${this.group}`;
  }

  relativeGroupPath(): string {
    return this.group.startsWith('/') ? this.group.slice(1) : this.group;
  }

  clone(): GroupDefault {
    const c = new GroupDefault(this.group, Array.isArray(this.value) ? [...this.value] : this.value, this.package);
    copyFlags(this, c);
    return c;
  }
}

/** `@_here_` is the including config's package: stored as `@` (an empty package), as Hydra does. */
function hereAsEmpty(pkg: string | undefined): string | undefined {
  return pkg === '_here_' ? '' : pkg;
}

function copyFlags(from: InputDefault, to: InputDefault): void {
  to.packageHeader = from.packageHeader;
  to.parentBaseDir = from.parentBaseDir;
  to.parentPackage = from.parentPackage;
  to.primary = from.primary;
  to.deleted = from.deleted;
  to.optional = from.optional;
  to.override = from.override;
  to.externalAppend = from.externalAppend;
  to.src = from.src;
}
