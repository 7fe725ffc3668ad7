// The YAML reader's public surface. `slow.ts` is deliberately not re-exported: it imports `yaml`.
export type { YamlMap, YamlNode, YamlPair, YamlParseResult, YamlScalar, YamlSeq } from './ast.js';
export { TAG_PREFIX } from './ast.js';
export { YamlScalarError, YamlSyntaxError, linePos } from './errors.js';
export { BAIL, parseYamlFast } from './fast.js';
export type { Bail } from './fast.js';
export { keyIdentity } from './key-identity.js';
export { parseYaml } from './parse.js';
export { constructScalar, resolvePlainScalar, resolveTaggedScalar } from './resolve-scalar.js';
export type { ResolvedScalar, ScalarRole } from './resolve-scalar.js';
