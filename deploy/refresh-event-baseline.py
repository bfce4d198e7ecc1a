#!/usr/bin/env python3
"""Rewrites docs/events/compatibility-baseline.json from the current schemas (after an additive change only:
EventSchemaCompatibilityTest refuses breaking ones)."""
import glob, json, os, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
base = {}
for f in sorted(glob.glob(os.path.join(root, 'docs/events/*/*.schema.json'))):
    service = os.path.basename(os.path.dirname(f))
    name = os.path.basename(f).replace('.schema.json', '')
    d = json.load(open(f))
    props = {k: (v['type'] if 'type' in v else ('enum' if 'enum' in v else 'any')) for k, v in d.get('properties', {}).items()}
    base['ai.marketplace.%s.%s' % (service, name)] = {'required': sorted(d.get('required', [])), 'properties': props}
json.dump(base, open(os.path.join(root, 'docs/events/compatibility-baseline.json'), 'w'), indent=1, sort_keys=True)
print('baseline: %d event types' % len(base))
