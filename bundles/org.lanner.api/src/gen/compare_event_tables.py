#!/usr/bin/env python3
"""Lists how two event-table JSON files (events_<commit>.json) disagree beyond appended parameters.

libscap promises that a known event id only ever gains parameters at the end; everything else this
prints is an exception the reader and the syscall state must know about. Usage:

    python3 src/gen/compare_event_tables.py ../../../shared/spec/events_3aa7a83.json \\
        ../../../shared/spec/events_e5c53d64.json
"""
import json
import sys


def compare(older, newer):
    out = []
    for old in older['events']:
        new = newer['events'][old['id']]
        for key in ('enum', 'name', 'category'):
            if old[key] != new[key]:
                out.append('%d %s: %s %r -> %r' % (old['id'], old['enum'], key, old[key], new[key]))
        if sorted(old['flags']) != sorted(new['flags']):
            out.append('%d %s: flags %s -> %s' % (old['id'], old['enum'], old['flags'], new['flags']))
        if new['params'][:len(old['params'])] != old['params']:
            out.append('%d %s: params changed, not appended' % (old['id'], old['enum']))
    names_old, names_new = older['syscalls'], newer['syscalls']
    for i, (a, b) in enumerate(zip(names_old, names_new)):
        if a != b:
            out.append('syscall %d: %r -> %r' % (i, a, b))
    if len(names_new) < len(names_old):
        out.append('syscall list shrank: %d -> %d' % (len(names_old), len(names_new)))
    return out


if __name__ == '__main__':
    differences = compare(json.load(open(sys.argv[1])), json.load(open(sys.argv[2])))
    print('\n'.join(differences) or 'only appended parameters, ids and syscall names')
