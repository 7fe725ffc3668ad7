/**
 * OmegaConf 2.3 merge semantics: dicts merge deeply, lists are replaced, a `???` in the source
 * never overwrites an existing value, a scalar over a dict replaces it, and merging a dict into a
 * key that holds an interpolation to a dict merges into a copy of that dict.
 */
import { ConfigKeyError, ConfigTypeError } from './errors.js';
import { cloneNode, type DictNode, type ListNode, type Node, ValueNode, isContainer, isInterpolation, isMissing } from './nodes.js';
import { dereference } from './select.js';

/** Merge `src` into `dest` in place. `root` is the tree `dest` belongs to (to dereference interpolations). */
export function mergeInto(dest: DictNode | ListNode, src: DictNode | ListNode, root: Node = dest, path: (string | number)[] = []): void {
  if (dest.kind === 'dict' && src.kind === 'dict') mergeDict(dest, src, root, path);
  else if (dest.kind === 'list' && src.kind === 'list') {
    dest.items.length = 0;
    for (const item of src.items) dest.items.push(cloneNode(item));
  } else throw new ConfigTypeError(`Cannot merge ${label(dest)} with ${label(src)}`, { path, source: src.src });
}

function label(n: DictNode | ListNode): string {
  return n.kind === 'dict' ? 'DictConfig' : 'ListConfig';
}

function mergeDict(dest: DictNode, src: DictNode, root: Node, path: (string | number)[]): void {
  for (const [key, srcNode] of src.entries) {
    let destNode = dest.entries.get(key);
    if (destNode === undefined) {
      if (dest.flags?.struct) {
        throw new ConfigKeyError(`Key '${key}' is not in struct`, { path: [...path, key], source: srcNode.src });
      }
      dest.entries.set(key, cloneNode(srcNode));
      const kt = src.keyTypes?.get(key);
      if (kt) (dest.keyTypes ??= new Map()).set(key, kt);
      continue;
    }
    if (isInterpolation(destNode) && isContainer(srcNode)) {
      // Merging into `b: ${a}` merges into a copy of what `a` points to.
      const target = dereference(root, [...path, key]);
      if (target && isContainer(target)) {
        destNode = cloneNode(target);
        dest.entries.set(key, destNode);
      }
    }
    if (isContainer(destNode)) {
      if (isContainer(srcNode)) mergeInto(destNode, srcNode, root, [...path, key]);
      else if (!isMissing(srcNode)) dest.entries.set(key, replaceValue(srcNode as ValueNode, destNode));
    } else if (isContainer(srcNode)) {
      dest.entries.set(key, cloneNode(srcNode));
    } else if (!isMissing(srcNode)) {
      dest.entries.set(key, replaceValue(srcNode, destNode));
    }
  }
}

/** The source value, remembering the one it replaced (provenance history). */
export function replaceValue(src: ValueNode, previous: Node): ValueNode {
  return new ValueNode(src.type, src.value, src.src, previous);
}
