#!/usr/bin/env python3
"""Writes a synthetic content directory FACTOR times the size of SOURCE, for load and memory benchmarks:
FACTOR renamed copies of every record, every cross-reference pointing into its own copy, so the result
passes validation like the original. Never shipped; Benchmarks/run makes it in a temporary directory.

  Benchmarks/synthetic.py SOURCE DEST FACTOR
"""
import json
import os
import shutil
import sys



def collections(source):
    """Every collection file by its array of records, read from the schemas as the loader reads them:
    each `schema/NAME.schema.json` but the shared, per-document and metadata ones describes NAME.json."""
    found = {}
    for name in sorted(os.listdir(os.path.join(source, "schema"))):
        stem = name.removesuffix(".schema.json")
        if stem == name or stem in ("common", "document", "library"):
            continue
        with open(os.path.join(source, "schema", name)) as file:
            properties = json.load(file)["properties"]
        found[stem + ".json"] = next(k for k, v in properties.items() if v.get("type") == "array")
    return found

# Human-readable names and aliases must stay unique too (search and the validator compare them: a name
# resolves to one agent).
# A product's `brand` names one of its agent's brand names, so it is renamed the same way.
NAMED = {"name", "term", "title", "label", "brand", "aliases"}
# Keys whose values are fixed vocabularies that may coincide with an id (`estrogen-receptor`).
VOCABULARY = {"receptor", "effect", "status", "kind", "basis", "quality", "code", "labelStatus"}


def identifiers(value, found):
    """Every value of an `id` key anywhere in `value`."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "id" and isinstance(item, str):
                found.add(item)
            else:
                identifiers(item, found)
    elif isinstance(value, list):
        for item in value:
            identifiers(item, found)
    return found


def renamed(value, ids, copy, key=None):
    """`value` with every identifier (and every reference to one) suffixed by the copy number."""
    if isinstance(value, dict):
        return {k: renamed(item, ids, copy, k) for k, item in value.items()}
    if isinstance(value, list):
        return [renamed(item, ids, copy, key) for item in value]
    if isinstance(value, str):
        if value in ids and key not in VOCABULARY:
            return f"{value}-c{copy}"
        if key in NAMED:
            return f"{value} {copy}"
    return value


def main():
    source, dest, factor = sys.argv[1], sys.argv[2], int(sys.argv[3])
    kinds = collections(source)
    files = {name: json.load(open(os.path.join(source, name))) for name in kinds}
    documents = {name: json.load(open(os.path.join(source, "documents", name)))
                 for name in sorted(os.listdir(os.path.join(source, "documents")))}
    ids = set()
    for value in list(files.values()) + list(documents.values()):
        identifiers(value, ids)
    os.makedirs(os.path.join(dest, "documents"), exist_ok=True)
    # The schemas travel with the content: the loader checks every file against them.
    shutil.copytree(os.path.join(source, "schema"), os.path.join(dest, "schema"), dirs_exist_ok=True)
    with open(os.path.join(source, "library.json")) as library, \
            open(os.path.join(dest, "library.json"), "w") as out:
        out.write(library.read())
    for name, key in kinds.items():
        records = [renamed(record, ids, copy) for copy in range(factor) for record in files[name][key]]
        with open(os.path.join(dest, name), "w") as out:
            json.dump({**files[name], key: records}, out, ensure_ascii=False, indent=1)
    for name, document in documents.items():
        for copy in range(factor):
            stem = name.removesuffix(".json")
            with open(os.path.join(dest, "documents", f"{stem}-c{copy}.json"), "w") as out:
                json.dump(renamed(document, ids, copy), out, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
