/// One of the document's comparison tables, rebuilt as rows × columns with stable ids.
public struct Comparison: Codable, Sendable, Hashable, Identifiable {
    public let id: String
    public let title: String
    public let description: String
    public let provenance: [Provenance]
    /// The columns after the row label, e.g. `serms`, `traditional`.
    public let columns: [Column]
    public let rows: [Row]

    public struct Column: Codable, Sendable, Hashable, Identifiable {
        public let id: String
        public let title: String
    }

    public struct Row: Codable, Sendable, Hashable, Identifiable {
        public let id: String
        public let label: String
        /// One cell per column, in column order.
        public let cells: [Cell]
    }

    public struct Cell: Codable, Sendable, Hashable {
        public let column: String
        public let text: String
        public let notes: [String]
    }
}
