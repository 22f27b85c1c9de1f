#!/usr/bin/env python3
"""Independent checks of Vigie's MISP and STIX 2.1 exports (run by tests/sharing_checkers.rs).

    check_sharing.py IN_DIR OUT_DIR

For every IN_DIR/*.misp.json: PyMISP loads it (MISPEvent(strict_validation=True)), the raw
JSON is validated against PyMISP's event schema (schema-lax.json: the strict schema predates
objects and first_seen), and every attribute and object is checked against MISP's own
describeTypes.json and misp-objects templates as PyMISP ships them: known types, categories
allowed for the type, object relations of the template with its type, requiredOneOf, no
repeated relation that the template does not allow.

For every IN_DIR/*.stix.json: stix2-validator (STIX 2.1) must find it valid with no error;
warnings are reported. The stix2 library must parse it too.

Then it writes OUT_DIR/pymisp_event.json (made with PyMISP) and OUT_DIR/stix2_bundle.json
(made with the stix2 library) for Vigie's importers to read back.

Prints a JSON report on stdout. Exit status: 0 all good, 1 a check failed (details on
stderr), 3 a module is missing (the caller decides whether that is a skip).
"""

import copy
import json
import sys
from pathlib import Path

try:
    import pymisp
    import stix2
    from pymisp import MISPEvent, MISPObject
    from stix2validator import ValidationOptions, validate_string
except ImportError as e:  # pragma: no cover - environment check
    print(f"missing Python module: {e.name} (install: pip install pymisp stix2 stix2-validator)", file=sys.stderr)
    sys.exit(3)

try:
    import jsonschema
except ImportError:  # stix2-validator depends on it; be explicit anyway
    jsonschema = None

DATA = Path(pymisp.__file__).parent / "data"
DESCRIBE = json.loads((DATA / "describeTypes.json").read_text())["result"]
TYPES = set(DESCRIBE["types"])
CATEGORIES = DESCRIBE["category_type_mappings"]

failures: list[str] = []


def fail(where: str, what: str) -> None:
    failures.append(f"{where}: {what}")


def template(name: str) -> dict | None:
    path = DATA / "misp-objects" / "objects" / name / "definition.json"
    return json.loads(path.read_text()) if path.exists() else None


def check_attribute(where: str, a: dict) -> None:
    kind, category = a.get("type"), a.get("category")
    if kind not in TYPES:
        fail(where, f"type {kind!r} is not a MISP type")
    elif category not in CATEGORIES or kind not in CATEGORIES[category]:
        fail(where, f"category {category!r} does not allow type {kind!r}")
    if not isinstance(a.get("value"), str) or a["value"] == "":
        fail(where, "value is not a non-empty string")
    if a.get("to_ids") not in (False, True):
        fail(where, "to_ids is not a boolean")


def check_object(where: str, o: dict, warnings: list[str]) -> None:
    t = template(o["name"])
    if t is None:
        fail(where, f"no misp-objects template named {o['name']!r}")
        return
    if o.get("template_uuid") != t["uuid"]:
        fail(where, f"template_uuid {o.get('template_uuid')} is not {t['uuid']}")
    if str(o.get("template_version")) != str(t["version"]):
        warnings.append(f"{where}: template version {o.get('template_version')}, PyMISP ships {t['version']}")
    relations = [a.get("object_relation") for a in o.get("Attribute", [])]
    for i, a in enumerate(o.get("Attribute", [])):
        rel = a.get("object_relation")
        spec = t["attributes"].get(rel)
        here = f"{where} attribute {i} ({rel})"
        if spec is None:
            fail(here, f"relation {rel!r} is not in template {o['name']}")
            continue
        if spec["misp-attribute"] != a.get("type"):
            fail(here, f"type {a.get('type')!r}, template says {spec['misp-attribute']!r}")
        if "values_list" in spec and a.get("value") not in spec["values_list"]:
            fail(here, f"value {a.get('value')!r} not in the template's values_list")
        if relations.count(rel) > 1 and not spec.get("multiple"):
            fail(here, f"relation {rel!r} repeated but not `multiple`")
        check_attribute(here, a)
    if t.get("requiredOneOf") and not set(t["requiredOneOf"]) & set(relations):
        fail(where, f"needs one of {t['requiredOneOf']}")
    if t.get("required") and not set(t["required"]) <= set(relations):
        fail(where, f"needs all of {t['required']}")
    # PyMISP's own checks of an object against its template.
    obj = MISPObject(o["name"], strict=False)
    obj.from_dict(**copy.deepcopy(o))
    obj._validate()


def check_misp(path: Path) -> dict:
    raw = json.loads(path.read_text(encoding="utf-8"))
    warnings: list[str] = []
    if jsonschema is not None:
        schema = json.loads((DATA / "schema-lax.json").read_text())
        for error in jsonschema.Draft4Validator(schema).iter_errors(raw):
            fail(path.name, f"schema: {error.message} at {list(error.path)}")
    event = MISPEvent(strict_validation=True)
    event.load(copy.deepcopy(raw))  # load() pops the keys it reads
    e = raw["Event"]
    if len(event.attributes) != len(e.get("Attribute", [])) or len(event.objects) != len(e.get("Object", [])):
        fail(path.name, "PyMISP did not load every attribute and object")
    tlp = [t.name for t in event.tags if t.name.startswith("tlp:")]
    if len(tlp) != 1:
        fail(path.name, f"expected one TLP tag, got {tlp}")
    for i, a in enumerate(e.get("Attribute", [])):
        check_attribute(f"{path.name} attribute {i}", a)
    for i, o in enumerate(e.get("Object", [])):
        check_object(f"{path.name} object {i} ({o.get('name')})", o, warnings)
    # PyMISP writes it back without complaint.
    json.loads(event.to_json())
    return {"attributes": len(event.attributes), "objects": len(event.objects), "tags": [t.name for t in event.tags],
            "warnings": warnings}


def check_stix(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    results = validate_string(text, ValidationOptions(version="2.1"))
    warnings: list[str] = []
    # One JSON object (a bundle) gives ObjectValidationResults; a file, a list of them.
    for r in getattr(results, "object_results", None) or [results]:
        for e in r.errors:
            fail(path.name, f"{r.object_id}: {getattr(e, 'message', e)}")
        warnings.extend(f"{r.object_id}: {getattr(w, 'message', w)}" for w in r.warnings)
    if not results.is_valid:
        fail(path.name, "stix2-validator: not valid")
    parsed = stix2.parse(text, allow_custom=True)
    return {"valid": results.is_valid, "objects": len(parsed.objects), "warnings": warnings}


def write_pymisp_event(out: Path) -> None:
    event = MISPEvent()
    event.uuid = "a3f1c7de-3b0a-4b8e-9d41-6f2a7c9e0b15"
    event.info = "Événement PyMISP / حدث"
    event.add_tag("tlp:green")
    event.add_tag('misp-galaxy:disarm-techniques="Harass"')
    event.add_attribute("url", "https://exemple.info/a?b='c'", comment="shared link")
    event.add_attribute("domain", "bad.example")
    event.add_attribute("AS", "64500")
    event.add_attribute("ip-src", "198.51.100.7")
    event.add_attribute("text", "#الحقيقة", comment="hashtag: seen 20 times")
    account = MISPObject("twitter-account", strict=True)
    account.add_attribute("name", value="@akhbar_now", first_seen="2026-01-02T03:04:05+00:00")
    event.add_object(account)
    telegram = MISPObject("telegram-account", strict=True)
    telegram.add_attribute("username", value="qanat_al_haqiqa")
    event.add_object(telegram)
    post = MISPObject("microblog", strict=True)
    post.add_attribute("post", value="Elle ment depuis le début.")
    event.add_object(post)
    (out / "pymisp_event.json").write_text(event.to_json(), encoding="utf-8")


def write_stix2_bundle(out: Path) -> None:
    identity = stix2.Identity(id="identity--b7e3c2a1-9f4d-4e6b-8a2c-1d3e5f7a9b0c", name="CERT X",
                              identity_class="organization")
    tlp = stix2.MarkingDefinition(
        id="marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", created="2022-10-01T00:00:00.000Z",
        name="TLP:GREEN", extensions={"extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d": {
            "extension_type": "property-extension", "tlp_2_0": "green"}})
    common = {"created_by_ref": identity.id, "object_marking_refs": [tlp.id]}
    campaign = stix2.Campaign(name="Campagne stix2", first_seen="2026-01-02T03:04:05Z", **common)
    indicators = [
        stix2.Indicator(pattern="[url:value = 'https://exemple.info/l\\'article']", pattern_type="stix",
                        valid_from="2026-01-02T03:04:05Z", **common),
        stix2.Indicator(pattern="[user-account:account_login = '@akhbar_now' AND user-account:account_type = 'twitter']",
                        pattern_type="stix", valid_from="2026-01-02T03:04:05Z", **common),
        stix2.Indicator(pattern="[domain-name:value = 'bad.example'] OR [ipv4-addr:value = '198.51.100.7']",
                        pattern_type="stix", valid_from="2026-01-02T03:04:05Z", **common),
        stix2.Indicator(pattern=f"[file:hashes.'SHA-256' = '{'ab' * 32}']", pattern_type="stix",
                        valid_from="2026-01-02T03:04:05Z", **common),
    ]
    relationships = [stix2.Relationship(i, "indicates", campaign, **common) for i in indicators]
    bundle = stix2.Bundle(identity, tlp, campaign, *indicators, *relationships)
    (out / "stix2_bundle.json").write_text(bundle.serialize(pretty=True), encoding="utf-8")


def main() -> int:
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    report = {"pymisp": pymisp.__version__, "stix2": stix2.__version__, "misp": {}, "stix": {}}
    for path in sorted(src.glob("*.misp.json")):
        try:
            report["misp"][path.name] = check_misp(path)
        except Exception as e:  # noqa: BLE001 - any exception is a failed check
            fail(path.name, f"PyMISP: {type(e).__name__}: {e}")
    for path in sorted(src.glob("*.stix.json")):
        try:
            report["stix"][path.name] = check_stix(path)
        except Exception as e:  # noqa: BLE001
            fail(path.name, f"STIX: {type(e).__name__}: {e}")
    if not list(src.glob("*.misp.json")) or not list(src.glob("*.stix.json")):
        fail(str(src), "no *.misp.json or no *.stix.json to check")
    write_pymisp_event(out)
    write_stix2_bundle(out)
    print(json.dumps(report, indent=1, ensure_ascii=False))
    for f in failures:
        print(f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
