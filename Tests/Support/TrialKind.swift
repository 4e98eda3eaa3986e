import Foundation

/// A kind of record the tests add as data: a schema declaring `x-record-kind` (trials of agents) and
/// the records of its file, for a copy of the bundled content.
public enum TrialKind {
    public static let declaration =
        #"{"type": "trial", "noun": "trial", "title": "title", "refers": {"agents": "agent"}}"#

    public static func schema(declaring declaration: String = declaration) -> String {
        #"""
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "x-record-kind": \#(declaration),
          "type": "object",
          "properties": {
            "$schema": {"$ref": "common.schema.json#/$defs/schemaKey"},
            "trials": {"type": "array", "items": {"$ref": "#/$defs/trial"}}
          },
          "required": ["trials"],
          "additionalProperties": false,
          "$defs": {
            "trial": {
              "type": "object",
              "properties": {
                "id": {"$ref": "common.schema.json#/$defs/slug"},
                "title": {"$ref": "common.schema.json#/$defs/text"},
                "agents": {"$ref": "common.schema.json#/$defs/slugList"},
                "provenance": {"$ref": "common.schema.json#/$defs/provenance"}
              },
              "required": ["id", "title", "agents", "provenance"],
              "additionalProperties": false
            }
          }
        }
        """#
    }

    /// Two trials as a file holds them: `p1` names tamoxifen and a label source.
    public static var records: [[String: Any]] {
        [
            [
                "id": "p1", "title": "Breast Cancer Prevention Trial", "agents": ["tamoxifen"],
                "provenance": [["source": "label-evista-2023"]],
            ],
            [
                "id": "star", "title": "Study of Tamoxifen and Raloxifene", "agents": ["tamoxifen", "raloxifene"],
                "provenance": [],
            ],
        ]
    }

    /// The records as `trials.json` holds them, after `change`.
    public static func file(_ change: (inout [[String: Any]]) -> Void = { _ in }) throws -> String {
        var records = records
        change(&records)
        return String(decoding: try JSONSerialization.data(withJSONObject: ["trials": records]), as: UTF8.self)
    }
}
