# shellcheck shell=bash
# content_collections: the name of every top-level content file (agents, classes, ...), one per line,
# read from the schemas: each Resources/schema/NAME.schema.json describes NAME.json, except the shared
# definitions (common) and the per-document schema (document, for documents/*.json). A new kind of
# record is a new schema and its file; no list here to extend.
content_collections() {
  local schema name
  for schema in Resources/schema/*.schema.json; do
    name="$(basename "$schema" .schema.json)"
    case "$name" in common | document) ;; *) echo "$name" ;; esac
  done
}

# is_content_collection NAME: whether NAME.json is a file the loader reads.
is_content_collection() {
  local name
  for name in $(content_collections); do [ "$name" = "$1" ] && return 0; done
  return 1
}
