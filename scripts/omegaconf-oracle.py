#!/usr/bin/env python3
"""The OmegaConf side of scripts/omegaconf-differential.mjs (a dev tool, not part of `npm test`).

Reads one JSON request per line on stdin and writes one JSON answer per line on stdout, in order.
Run it with the system Python that has python3-omegaconf (`/usr/bin/python3`). Request shapes and
answers are described in the header of omegaconf-differential.mjs; values are compared as
Python `repr()` text, so `1` vs `1.0` vs `'1'` vs `True` and key order all show.
"""
import io
import json
import math
import os
import sys
import warnings

import yaml
from omegaconf import DictConfig, ListConfig, OmegaConf
from omegaconf.errors import InterpolationResolutionError

sys.setrecursionlimit(3000)
# Warnings are recorded where they are compared (resolving the whole config); elsewhere silent.
warnings.simplefilter("ignore")

ENV = {
    "FUZZ_STR": "bar",
    "FUZZ_EMPTY": "",
    "FUZZ_INT": "3308",
    "FUZZ_FLOAT": "1.5e3",
    "FUZZ_LIST": "[a, 1, 2.0]",
    "FUZZ_DICT": "{name: m, size: [1, 2]}",
    "FUZZ_INTERP": "${a}",
    "FUZZ_BOOL": "true",
    "FUZZ_NULL": "null",
    "FUZZ_QUOTED": "'x, y'",
}
os.environ.update(ENV)

OmegaConf.register_new_resolver("typed", lambda *a: "args(" + ", ".join(repr(x) for x in a) + ")")
OmegaConf.register_new_resolver("ident", lambda x: x)

MAX_GETS = 40


def decode(spec):
    """The JSON form of a config value: {"$float": x}, {"$int": "digits"}, {"$dict": [[k, v]]}."""
    if isinstance(spec, list):
        return [decode(x) for x in spec]
    if isinstance(spec, dict):
        if "$float" in spec:
            x = spec["$float"]
            return float(x)  # "nan", "inf" and "-inf" arrive as strings
        if "$int" in spec:
            return int(spec["$int"])
        if "$dict" in spec:
            return {decode_key(k): decode(v) for k, v in spec["$dict"]}
        return {k: decode(v) for k, v in spec.items()}
    return spec


def decode_key(k):
    if isinstance(k, dict):
        return decode(k)
    return k


def build(src):
    if "yaml" in src:
        return OmegaConf.load(io.StringIO(src["yaml"]))
    return OmegaConf.create(decode(src["spec"]))


def error_kind(e):
    """A canonical error kind, shared with the tydra side (see errorKind in the .mjs)."""
    name = type(e).__name__
    if isinstance(e, yaml.YAMLError):
        return "load"
    if isinstance(e, InterpolationResolutionError) and type(e) is InterpolationResolutionError:
        msg = str(e)
        if msg.startswith("Recursive interpolation detected") or msg.startswith("Interpolation to parent node detected"):
            return "cycle"
        return "interp"
    return {
        "GrammarParseError": "syntax",
        "InterpolationKeyError": "interp-key",
        "InterpolationToMissingValueError": "interp-missing",
        "InterpolationValidationError": "interp",
        "MissingMandatoryValue": "missing",
        "UnsupportedInterpolationType": "unsupported-resolver",
        "ConfigKeyError": "key",
        "ConfigAttributeError": "key",
        "ConfigIndexError": "key",
        "KeyError": "key",
        "IndexError": "key",
        "ReadonlyConfigError": "readonly",
        "ConfigTypeError": "type",
        "KeyValidationError": "key-validation",
        "ValidationError": "validation",
        "RecursionError": "recursion",
    }.get(name, name)


def err(e):
    out = {"e": error_kind(e), "cls": type(e).__name__, "msg": str(e).split("\n")[0][:300]}
    fk = getattr(e, "full_key", None)
    if fk is not None:
        out["k"] = str(fk)
    return out


def value_repr(x):
    if isinstance(x, (DictConfig, ListConfig)):
        return repr(OmegaConf.to_container(x, resolve=True))
    return repr(x)


def key_text(k):
    if isinstance(k, bool):
        return "true" if k else "false"
    if isinstance(k, float):
        return repr(k) if math.isfinite(k) else ("nan" if math.isnan(k) else ("inf" if k > 0 else "-inf"))
    return str(k)


def child(node, k):
    if not isinstance(node, (DictConfig, ListConfig)):
        raise TypeError(f"'{type(node).__name__}' object is not subscriptable")
    return node[k]


def paths(container, prefix, out):
    if len(out) >= MAX_GETS:
        return
    if isinstance(container, dict):
        items = list(container.items())
    elif isinstance(container, list):
        items = list(enumerate(container))
    else:
        return
    for k, v in items:
        p = prefix + [(k, isinstance(container, list))]
        out.append(p)
        paths(v, p, out)


def display(path):
    return [k if is_index else key_text(k) for k, is_index in path]


def outputs(cfg, req):
    res = {}
    try:
        raw = OmegaConf.to_container(cfg, resolve=False)
        res["raw"] = {"v": repr(raw)}
    except Exception as e:  # noqa: BLE001
        res["raw"] = err(e)
        return res
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        try:
            res["resolved"] = {"v": repr(OmegaConf.to_container(cfg, resolve=True))}
        except Exception as e:  # noqa: BLE001
            res["resolved"] = err(e)
        res["warnings"] = sorted({str(x.message) for x in w})
    if req.get("gets", True):
        gets = []
        ps = []
        paths(raw, [], ps)
        for p in ps[:MAX_GETS]:
            try:
                node = cfg
                for k, _ in p:
                    node = child(node, k)
                gets.append([display(p), {"v": value_repr(node)}])
            except Exception as e:  # noqa: BLE001
                gets.append([display(p), err(e)])
        for extra in req.get("extraGets", []):
            try:
                node = cfg
                for k in extra:
                    node = child(node, k)
                gets.append([extra, {"v": value_repr(node)}])
            except Exception as e:  # noqa: BLE001
                gets.append([extra, err(e)])
        res["gets"] = gets
    if req.get("yaml", True):
        try:
            text = OmegaConf.to_yaml(cfg)
            res["yaml"] = {"v": text}
            try:
                back = OmegaConf.to_container(OmegaConf.load(io.StringIO(text)), resolve=False)
                res["yamlRoundtrip"] = repr(back) == repr(raw)
            except Exception:  # noqa: BLE001
                res["yamlRoundtrip"] = False
        except Exception as e:  # noqa: BLE001
            res["yaml"] = err(e)
    return res


def handle(req):
    op = req["op"]
    if op == "roundtrip":
        # Does this YAML text read back as the given raw repr?
        try:
            back = OmegaConf.to_container(OmegaConf.load(io.StringIO(req["text"])), resolve=False)
            return {"v": repr(back)}
        except Exception as e:  # noqa: BLE001
            return {"load": err(e)}
    try:
        cfgs = [build(s) for s in (req["srcs"] if op == "merge" else [req["src"]])]
    except Exception as e:  # noqa: BLE001
        return {"load": err(e)}
    cfg = cfgs[0]
    if req.get("struct"):
        OmegaConf.set_struct(cfg, True)
    if req.get("readonly"):
        OmegaConf.set_readonly(cfg, True)
    try:
        if op == "merge":
            for other in cfgs[1:]:
                cfg.merge_with(other)
        elif op == "update":
            for u in req["updates"]:
                OmegaConf.update(cfg, u["key"], decode(u["value"]), merge=u["merge"], force_add=u["forceAdd"])
        elif op == "select":
            kw = {"throw_on_missing": req.get("throwOnMissing", False)}
            if "default" in req:
                kw["default"] = decode(req["default"])
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                hit = OmegaConf.select(cfg, req["key"], **kw)
            if isinstance(hit, (DictConfig, ListConfig)):
                # tydra's selectKey returns the container resolved.
                return {"select": {"v": repr(OmegaConf.to_container(hit, resolve=True))}}
            return {"select": {"v": repr(hit)}}
    except Exception as e:  # noqa: BLE001
        return {"op": err(e)}
    return outputs(cfg, req)


def main():
    sys.stdin.reconfigure(encoding="utf-8")
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        try:
            ans = handle(req)
        except RecursionError as e:
            ans = {"crash": err(e)}
        except Exception as e:  # noqa: BLE001
            ans = {"crash": err(e)}
        sys.stdout.write(json.dumps(ans) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
