#!/usr/bin/env python3
"""Writes the seed corpus of the fuzz tests (docs/building.md, "Fuzzing") from inputs this
project owns, each under 4 KiB (libFuzzer's default maximum input length):
- captures: our own recordings (rules/tests/captures), trimmed to their header blocks and first
  events, plain and gzip;
- rules: slices of our rules files (rules/), cut at item boundaries;
- configuration: our shipped lanner.yaml without its comments, and with -o overrides.
Findings that the fuzzers save next to these seeds are kept; this script only rewrites seed-* files.

Run from the repository root: scripts/fuzz-seeds.py
"""
import gzip
import os
import struct

SOURCES = [
    "rules/tests/captures/clear-log-activities.scap",
    "rules/tests/captures/launch-privileged-container.scap",  # holds a container event (JSON)
    "rules/tests/captures/read-sensitive-file-untrusted.scap",
]
CAPTURE_TARGETS = [
    "bundles/org.lanner.scap/src/test/resources/org/lanner/scap/internal/ScapReaderFuzzTestInputs/readCapture",
    "bundles/org.lanner.syscall/src/test/resources/org/lanner/syscall/internal/CaptureParseFuzzTestInputs/parseCapture",
]
LIMIT = 3800
EVENT_BLOCKS = {0x204, 0x208, 0x216, 0x217, 0x221, 0x222}


def blocks(data):
    at = 0
    while at + 8 <= len(data):
        _, length = struct.unpack_from("<II", data, at)
        if length < 12 or at + length > len(data):
            return
        yield data[at:at + length]
        at += length


def trimmed(data):
    out = bytearray()
    seen_event = False
    for b in blocks(data):
        kind = struct.unpack_from("<I", b, 0)[0]
        if kind in EVENT_BLOCKS:
            seen_event = True
            if len(out) + len(b) > LIMIT:
                break
        elif seen_event:
            break
        out += b
    return bytes(out)


RULES_TARGET = "bundles/org.lanner.rules/src/test/resources/org/lanner/rules/RulesLoaderFuzzTestInputs/loadRules"
CONFIG_TARGET = ("bundles/org.lanner.config/src/test/resources/org/lanner/config/internal/"
                 "ConfigLoaderFuzzTestInputs/loadConfig")


def items(path):
    """The top-level items of a rules file, each with its lines, comments dropped."""
    out = []
    for line in open(path, encoding="utf-8"):
        if line.startswith("#") or not line.strip():
            continue
        if line.startswith("- ") or not out:
            out.append("")
        out[-1] += line
    return out


def slice_of(all_items, start, limit=3800):
    text = ""
    for item in all_items[start:]:
        if len(text) + len(item) > limit:
            break
        text += item
    return text


def write(target, name, data):
    os.makedirs(target, exist_ok=True)
    with open(os.path.join(target, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def rules_seeds():
    rules = items("rules/lanner_rules.yaml")
    first_rule = next(i for i, x in enumerate(rules) if x.startswith("- rule:"))
    with_exceptions = next(i for i, x in enumerate(rules) if x.startswith("- rule:") and "exceptions:" in x)
    write(RULES_TARGET, "seed-lanner-rules-head", slice_of(rules, 0))
    write(RULES_TARGET, "seed-lanner-rules-first-rules", slice_of(rules, first_rule))
    write(RULES_TARGET, "seed-lanner-rules-exceptions", slice_of(rules, with_exceptions))


def config_seeds():
    lines = [x for x in open("bundles/org.lanner.config/src/main/resources/org/lanner/config/lanner.yaml", encoding="utf-8")
             if x.strip() and not x.lstrip().startswith("#")]
    shipped = "".join(lines)
    write(CONFIG_TARGET, "seed-shipped-lanner-yaml", shipped)
    write(CONFIG_TARGET, "seed-shipped-lanner-yaml-overrides", shipped + "#-o priority=warning\n"
          "#-o file_output.enabled=true\n#-o rules_file[1]=/tmp/r.yaml\n#-o syscall_event_drops.actions=[log, alert]\n")


def main():
    rules_seeds()
    config_seeds()
    for src in SOURCES:
        raw = open(src, "rb").read()
        if raw[:2] == b"\x1f\x8b":
            raw = gzip.decompress(raw)
        small = trimmed(raw)
        name = os.path.basename(src)[:-len(".scap")]
        for target in CAPTURE_TARGETS:
            os.makedirs(target, exist_ok=True)
            with open(os.path.join(target, "seed-" + name), "wb") as f:
                f.write(small)
            if src == SOURCES[0]:
                with open(os.path.join(target, "seed-" + name + "-gz"), "wb") as f:
                    f.write(gzip.compress(small, mtime=0))


if __name__ == "__main__":
    main()
