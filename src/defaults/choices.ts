/**
 * Bookkeeping of group choices while the defaults tree is built: command-line selections
 * (`db=pg`), `override` entries of defaults lists, deletions (`~db`), appends (`+db=pg`), and the
 * final choice of every group (Hydra's `hydra.runtime.choices`).
 *
 * The first selection registered for a key wins. Command-line selections are registered before
 * the tree is built; defaults-list overrides are registered as their configs are visited (parents
 * before children, later siblings before earlier ones), so the command line beats any `override`
 * entry and the last `override` in depth-first order beats earlier ones.
 */
import type { Source } from '../config/source.js';
import { ConfigCompositionError } from './errors.js';
import { GroupDefault, type InputDefault, type OptionValue } from './elements.js';

/** A command-line override that acts on the defaults list. */
export interface GroupOverride {
  kind: 'choose' | 'append' | 'delete';
  /** The group path, e.g. `db`, `server/db`. */
  group: string;
  package?: string;
  /** For `delete`, the option that must match (undefined: delete whatever is chosen). */
  value?: OptionValue;
  /** The override as typed, for messages. */
  input: string;
  src?: Source;
}

interface Selection {
  value: OptionValue;
  fromCommandLine: boolean;
  /** The config whose defaults list holds the `override` entry. */
  containingConfig?: string;
  input?: string;
  /** The override or `override` entry that made this selection, for messages. */
  src?: Source;
  used: boolean;
}

interface Deletion {
  name: string | undefined;
  input: string;
  used: boolean;
}

export class GroupChoices {
  private readonly selections = new Map<string, Selection>();
  private readonly deletions = new Map<string, Deletion>();
  /** `+group=option` entries, appended to the primary config's defaults list. */
  readonly appends: GroupDefault[] = [];
  /** Final choice per override key, in the order groups were visited. */
  readonly known = new Map<string, OptionValue>();
  private readonly keysPerGroup = new Map<string, Set<string>>();

  constructor(overrides: readonly GroupOverride[]) {
    for (const o of overrides) {
      const key = o.package !== undefined ? `${o.group}@${o.package}` : o.group;
      if (o.kind === 'delete') {
        this.deletions.set(key, { name: o.value === undefined || o.value === null ? undefined : String(o.value), input: o.input, used: false });
      } else if (o.kind === 'append') {
        const d = new GroupDefault(o.group, o.value ?? null, o.package);
        d.externalAppend = true;
        d.src = o.src;
        this.appends.push(d);
      } else {
        this.selections.set(key, { value: o.value ?? null, fromCommandLine: true, input: o.input, src: o.src, used: false });
      }
    }
  }

  /** Register an `override group: option` entry of a defaults list (first registration wins). */
  addDefaultsOverride(containingConfig: string, d: GroupDefault): void {
    const key = d.overrideKey();
    if (this.selections.has(key)) return;
    this.selections.set(key, { value: d.value, fromCommandLine: false, containingConfig, src: d.src, used: false });
  }

  isOverridden(d: InputDefault): boolean {
    return d instanceof GroupDefault && this.selections.has(d.overrideKey());
  }

  /** Apply the registered selection to `d`. */
  applyOverride(d: GroupDefault): void {
    const sel = this.selections.get(d.overrideKey());
    if (!sel) return;
    d.value = Array.isArray(sel.value) ? [...sel.value] : sel.value;
    sel.used = true;
  }

  /**
   * Where the option of `d` was chosen when an override chose it (the command line or an
   * `override` entry), so that "Could not find 'db/nope'" points at `db=nope`, not at the
   * defaults entry it replaced.
   */
  chosenAt(d: InputDefault): Source | undefined {
    if (!(d instanceof GroupDefault)) return undefined;
    const sel = this.selections.get(d.overrideKey());
    return sel?.used && optionText(sel.value) === optionText(d.value) ? sel.src : undefined;
  }

  isDeleted(d: InputDefault): boolean {
    if (!(d instanceof GroupDefault)) return false;
    const del = this.deletions.get(d.overrideKey());
    if (!del) return false;
    return del.name === undefined || del.name === d.name();
  }

  markDeleted(d: InputDefault): void {
    d.deleted = true;
    const del = this.deletions.get(d.overrideKey());
    if (del) del.used = true;
  }

  /** Record the choice of a visited group; a second, different choice for the same key is an error. */
  setKnownChoice(d: InputDefault, treePath: string[]): void {
    if (!(d instanceof GroupDefault)) return;
    const key = d.overrideKey();
    if (!this.known.has(key)) this.known.set(key, d.value);
    else {
      const prev = this.known.get(key) ?? null;
      if (optionText(prev) !== optionText(d.value)) {
        throw new ConfigCompositionError(`Multiple values for ${key}. To override a value use 'override ${key}: ${optionText(prev)}'`, {
          treePath,
          source: d.src,
        });
      }
    }
    const group = d.groupPath();
    let keys = this.keysPerGroup.get(group);
    if (!keys) this.keysPerGroup.set(group, (keys = new Set()));
    keys.add(key);
  }

  /** Every selection must have matched an entry of the defaults tree. */
  ensureSelectionsUsed(): void {
    for (const [key, sel] of this.selections) {
      if (sel.used) continue;
      const group = key.split('@')[0] as string;
      const candidates = [...(this.keysPerGroup.get(group) ?? [])].sort();
      let msg: string;
      if (candidates.length > 1) msg = `Could not override '${key}'.\nDid you mean to override one of ${candidates.join(', ')}?`;
      else if (candidates.length === 1) msg = `Could not override '${key}'.\nDid you mean to override ${candidates[0]}?`;
      else msg = `Could not override '${key}'. No match in the defaults list.`;
      if (sel.containingConfig !== undefined) msg = `In '${sel.containingConfig}': ${msg}`;
      if (sel.fromCommandLine) msg += `\nTo append to your default list use +${sel.input ?? `${key}=${optionText(sel.value)}`}`;
      throw new ConfigCompositionError(msg);
    }
  }

  ensureDeletionsUsed(): void {
    for (const [key, del] of this.deletions) {
      if (del.used) continue;
      const desc = del.name !== undefined ? `${key}=${del.name}` : key;
      const chosen = this.known.get(key);
      throw new ConfigCompositionError(`Could not delete '${desc}'. No match in the defaults list`, {
        hint: chosen !== undefined && del.name !== undefined ? `'${key}' is '${optionText(chosen)}'` : undefined,
      });
    }
  }
}

export function optionText(v: OptionValue | undefined): string {
  if (v === null || v === undefined) return 'null';
  return Array.isArray(v) ? `[${v.join(',')}]` : v;
}
