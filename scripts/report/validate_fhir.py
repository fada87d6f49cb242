#!/usr/bin/env python3
"""Validates an Eventide FHIR export against FHIR R4 (4.0.1) with the independent
`fhir.resources` models (pydantic), then checks what the models do not: the bundle is a
collection, every fullUrl is unique and matches its resource, every reference resolves
inside the bundle, and status codes come from the R4 value sets.

Usage: validate_fhir.py BUNDLE.json [SECOND_EXPORT.json]
With a second export of the same log, also checks that resource ids are identical."""

import json
import sys

import fhir.resources
from fhir.resources.bundle import Bundle

R4_STATUS = {
    "MedicationStatement": {"active", "completed", "entered-in-error", "intended", "stopped", "on-hold", "unknown", "not-taken"},
    "MedicationAdministration": {"in-progress", "not-done", "on-hold", "completed", "entered-in-error", "stopped", "unknown"},
    "Observation": {"registered", "preliminary", "final", "amended", "corrected", "cancelled", "entered-in-error", "unknown"},
    "MedicationDispense": {"preparation", "in-progress", "cancelled", "on-hold", "completed", "entered-in-error", "stopped", "declined", "unknown"},
}
EXPECTED = {"Patient", "Medication", "MedicationStatement", "MedicationAdministration", "Observation"}


def fail(message):
    print(f"FHIR validation FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def references(node):
    """Every `reference` string anywhere in a resource."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "reference" and isinstance(value, str):
                yield value
            else:
                yield from references(value)
    elif isinstance(node, list):
        for item in node:
            yield from references(item)


def check(path):
    if fhir.resources.__fhir_version__ != "4.0.1":
        fail(f"fhir.resources models FHIR {fhir.resources.__fhir_version__}, not R4 4.0.1")
    with open(path, encoding="utf-8") as f:
        raw = json.load(f)
    try:
        Bundle.parse_obj(raw)  # every resource in the entries is parsed by its own model
    except Exception as e:  # noqa: BLE001 - report whatever the validator says
        fail(f"{path}: {e}")
    if raw.get("type") != "collection":
        fail("Bundle.type must be collection")
    entries = raw.get("entry", [])
    urls = [e.get("fullUrl") for e in entries]
    if len(set(urls)) != len(urls):
        fail("duplicate fullUrl")
    counts = {}
    for e in entries:
        r = e["resource"]
        kind = r["resourceType"]
        counts[kind] = counts.get(kind, 0) + 1
        if e["fullUrl"] != f"urn:uuid:{r['id']}":
            fail(f"fullUrl {e['fullUrl']} does not match id {r['id']}")
        if kind in R4_STATUS and r.get("status") not in R4_STATUS[kind]:
            fail(f"{kind}/{r['id']} has status {r.get('status')!r}, not an R4 code")
        for ref in references(r):
            if ref not in urls:
                fail(f"{kind}/{r['id']} refers to {ref}, which is not in the bundle")
    if counts.get("Patient") != 1:
        fail(f"expected exactly one Patient, found {counts.get('Patient', 0)}")
    missing = EXPECTED - set(counts)
    if missing:
        fail(f"no {', '.join(sorted(missing))} in the bundle")
    summary = ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    print(f"{path}: valid FHIR R4 Bundle (fhir.resources {fhir.resources.__version__}): {summary}")
    return raw


def ids(raw):
    return sorted((e["resource"]["resourceType"], e["resource"]["id"]) for e in raw["entry"])


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        fail(__doc__)
    first = check(sys.argv[1])
    if len(sys.argv) == 3:
        second = check(sys.argv[2])
        if ids(first) != ids(second):
            fail("resource ids differ between two exports of the same log")
        print("ids are identical across the two exports")
