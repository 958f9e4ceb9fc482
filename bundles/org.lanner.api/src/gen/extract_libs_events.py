#!/usr/bin/env python3
"""Extracts what a newer libscap event table adds to the one EventTable.java is based on.

The base table (events_e5c53d64.json, the libs of Debian's sysdig) stops at event id 335. Capture
files written by current Falco libraries use ids up to their PPM_EVENT_MAX and append parameters to
existing events. This script reads the public sources of falcosecurity/libs at a given commit
(driver/event_table.c for the events, driver/ppm_events_public.h for the enums) and writes, as
plain data, what gen_event_table.py needs to know those captures:

  - "events": full entries for every id from the base's PPM_EVENT_MAX up to the newer one;
  - "appended": for ids the base already knows, the parameters the newer table appends;
  - "syscalls": the PPM_SC_* names appended after the base's list;
  - "differences": every other way the newer table disagrees with the base for a known id (flags,
    categories, parameter names or types); these are reported, never applied, because capture
    files written by the base's drivers still use the base's meaning.

Usage (from bundles/org.lanner.api):

    python3 src/gen/extract_libs_events.py /work/.mirror/falcosecurity+libs/repo HEAD \
        ../../../shared/spec/events_e5c53d64.json src/gen/events_libs_master.json
"""
import json
import re
import subprocess
import sys


def git_show(repo, commit, path):
    return subprocess.run(['git', '-C', repo, 'show', '%s:%s' % (commit, path)],
                          check=True, capture_output=True, text=True).stdout


def strip_comments(text):
    text = re.sub(r'/\*.*?\*/', ' ', text, flags=re.S)
    return re.sub(r'//[^\n]*', ' ', text)


def split_top(text):
    """Splits text at commas that are not inside braces, parentheses or strings."""
    parts, depth, cur, in_str = [], 0, [], False
    i = 0
    while i < len(text):
        c = text[i]
        if in_str:
            cur.append(c)
            if c == '\\':
                cur.append(text[i + 1])
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
            cur.append(c)
        elif c in '{(':
            depth += 1
            cur.append(c)
        elif c in '})':
            depth -= 1
            cur.append(c)
        elif c == ',' and depth == 0:
            parts.append(''.join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    if ''.join(cur).strip():
        parts.append(''.join(cur).strip())
    return parts


def unbrace(text):
    text = text.strip()
    assert text.startswith('{') and text.endswith('}'), text
    return text[1:-1]


def matching_brace(text, start):
    depth, in_str = 0, False
    i = start
    while i < len(text):
        c = text[i]
        if in_str:
            if c == '\\':
                i += 1
            elif c == '"':
                in_str = False
        elif c == '"':
            in_str = True
        elif c == '{':
            depth += 1
        elif c == '}':
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise SystemExit('unbalanced braces')


BASE_CATEGORIES = {'EC_UNKNOWN', 'EC_OTHER', 'EC_FILE', 'EC_NET', 'EC_IPC', 'EC_MEMORY', 'EC_PROCESS',
                   'EC_SLEEP', 'EC_SYSTEM', 'EC_SIGNAL', 'EC_USER', 'EC_TIME', 'EC_PROCESSING',
                   'EC_IO_READ', 'EC_IO_WRITE', 'EC_IO_OTHER', 'EC_WAIT', 'EC_SCHEDULER', 'EC_INTERNAL'}


def parse_table(source, event_ids):
    body = strip_comments(source)
    start = body.index('g_event_info[]')
    body = body[body.index('{', start) + 1:]
    events = {}
    for m in re.finditer(r'\[(PPME_\w+)\]\s*=\s*', body):
        brace = body.index('{', m.end())
        end = matching_brace(body, brace)
        fields = split_top(body[brace + 1:end])
        enum = m.group(1)
        name = json.loads(fields[0])
        cats = [c.strip() for c in fields[1].split('|')]
        base = [c for c in cats if c in BASE_CATEGORIES]
        kinds = [c for c in cats if c not in BASE_CATEGORIES]
        flags = [f.strip() for f in fields[2].split('|') if f.strip() != 'EF_NONE']
        nparams = int(fields[3])
        params = []
        if len(fields) > 4:
            for p in split_top(unbrace(fields[4])):
                pf = split_top(unbrace(p))
                info = ', '.join(pf[3:]) if len(pf) > 3 else ''
                params.append({'name': json.loads(pf[0]), 'type': pf[1], 'fmt': pf[2], 'info': info})
        if len(params) != nparams:
            raise SystemExit('%s declares %d params but lists %d' % (enum, nparams, len(params)))
        events[event_ids[enum]] = {
            'id': event_ids[enum], 'enum': enum, 'name': name,
            'category': base[0] if base else 'EC_UNKNOWN', 'kinds': kinds,
            'flags': flags, 'params': params,
        }
    return events


def syscall_names(header):
    """(name, code) of every PPM_SC_X(NAME, code) entry; the names are the lower-case enum names."""
    return [(name.lower(), int(value)) for name, value in re.findall(r'PPM_SC_X\((\w+),\s*(\d+)\)', header)]


def main(repo, commit, base_path, out_path):
    full_commit = subprocess.run(['git', '-C', repo, 'rev-parse', commit], check=True,
                                 capture_output=True, text=True).stdout.strip()
    header = strip_comments(git_show(repo, full_commit, 'driver/ppm_events_public.h'))
    table = git_show(repo, full_commit, 'driver/event_table.c')
    m = re.search(r'typedef\s+enum\s*\{([^}]*PPME_GENERIC_E[^}]*)\}\s*ppm_event_code', header, re.S)
    codes = {n: int(v) for n, v in re.findall(r'(PPME_\w+|PPM_EVENT_MAX)\s*=\s*(\d+)', m.group(1))}
    event_max = codes.pop('PPM_EVENT_MAX')
    events = parse_table(table, codes)
    assert sorted(events) == list(range(event_max)), 'ids must be contiguous'

    base = json.load(open(base_path))
    base_max = base['PPM_EVENT_MAX']
    appended, differences = {}, []
    for old in base['events']:
        new = events[old['id']]
        if new['enum'] != old['enum']:
            differences.append({'id': old['id'], 'what': 'enum', 'base': old['enum'], 'newer': new['enum']})
        for key in ('name', 'category'):
            if new[key] != old[key]:
                differences.append({'id': old['id'], 'what': key, 'base': old[key], 'newer': new[key]})
        if sorted(new['flags']) != sorted(old['flags']):
            differences.append({'id': old['id'], 'what': 'flags', 'base': old['flags'], 'newer': new['flags']})
        for i, (po, pn) in enumerate(zip(old['params'], new['params'])):
            for key in ('name', 'type', 'fmt', 'info'):
                if po[key] != pn[key]:
                    differences.append({'id': old['id'], 'what': 'param %d %s' % (i, key),
                                        'base': po[key], 'newer': pn[key]})
        if len(new['params']) < len(old['params']):
            differences.append({'id': old['id'], 'what': 'fewer params', 'base': len(old['params']),
                                'newer': len(new['params'])})
        elif len(new['params']) > len(old['params']):
            appended[str(old['id'])] = new['params'][len(old['params']):]

    by_code = dict((v, n) for n, v in syscall_names(header))
    # Unused codes (commented out upstream) stay null.
    names = [by_code.get(i) for i in range(max(by_code) + 1)]
    base_sc = base['syscalls']
    sc_differences = [{'code': i, 'base': b, 'newer': n} for i, (b, n) in enumerate(zip(base_sc, names)) if b != n]

    out = {
        'source': 'falcosecurity/libs %s: driver/event_table.c, driver/ppm_events_public.h' % full_commit,
        'base': base_path.split('/')[-1],
        'base_PPM_EVENT_MAX': base_max,
        'PPM_EVENT_MAX': event_max,
        'events': [events[i] for i in range(base_max, event_max)],
        'appended': appended,
        'syscalls': names[len(base_sc):],
        'differences': differences,
        'syscall_differences': sc_differences,
    }
    with open(out_path, 'w') as f:
        json.dump(out, f, indent=1)
        f.write('\n')
    print('%s: %d new events, %d events with appended params, %d new syscall names, %d differences, '
          '%d syscall name differences' % (out_path, event_max - base_max, len(appended),
                                           len(out['syscalls']), len(differences), len(sc_differences)))


if __name__ == '__main__':
    main(*sys.argv[1:5])
