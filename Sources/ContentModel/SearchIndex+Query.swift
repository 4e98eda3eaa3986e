extension SearchIndex {
    /// The best hits for `query`, strongest first; ties broken by kind and id so results are stable.
    /// An empty or punctuation-only query has no hits.
    public func search(_ query: String, kinds: Set<Kind> = Set(Kind.allCases), limit: Int = 20) -> [Hit] {
        let folded = TextFolding.fold(query)
        guard !folded.isEmpty, limit > 0 else { return [] }
        var best: [Int: Hit] = [:]
        func offer(_ index: Int, _ hit: Hit) {
            if let current = best[index], current.score >= hit.score { return }
            best[index] = hit
        }
        for (index, entry) in entries.enumerated() where kinds.contains(entry.kind) {
            if let hit = nameHit(entry, folded) { offer(index, hit) }
        }
        for (index, hit) in textHits(folded, kinds: kinds) { offer(index, hit) }
        return best.values.sorted {
            ($0.score, $1.kind.rawValue, $1.id) > ($1.score, $0.kind.rawValue, $0.id)
        }.prefix(limit).map { $0 }
    }

    /// Exact, alias, prefix or fuzzy match of the whole query against one of the entry's names.
    private func nameHit(_ entry: Entry, _ query: String) -> Hit? {
        var found: (Match, Double, Name)?
        func consider(_ match: Match, _ score: Double, _ name: Name) {
            if found.map({ $0.1 < score }) ?? true { found = (match, score, name) }
        }
        let allowed = TextFolding.allowedEdits(forLength: query.count)
        for name in entry.names {
            if name.folded == query {
                consider(name.isPrimary ? .exact : .alias, name.isPrimary ? 1000 : 900, name)
            } else if name.folded.hasPrefix(query) || name.words.contains(where: { $0.hasPrefix(query) }) {
                // Shorter names the query covers more of rank higher.
                consider(.prefix, 600 + 100 * Double(query.count) / Double(max(name.folded.count, 1)), name)
            } else if allowed > 0 {
                let distance = EditDistance.between(query, name.folded, limit: allowed)
                if distance <= allowed { consider(.fuzzy, 500 - 50 * Double(distance), name) }
            }
        }
        guard let (match, score, name) = found else { return nil }
        let kindBonus = entry.kind == .agent ? 2.0 : (entry.kind == .glossary ? 1.0 : 0)
        return Hit(
            kind: entry.kind, id: entry.id, parentID: entry.parentID, title: entry.title,
            snippet: entry.body.opening, score: score + kindBonus, match: match, matched: name.original)
    }

    /// Entries whose text holds every word of the query (the last word may be a prefix).
    private func textHits(_ query: String, kinds: Set<Kind>) -> [(Int, Hit)] {
        let words = query.split(separator: " ").map(String.init)
        guard let last = words.last else { return [] }
        var counts: [Int: Int]?
        for (position, word) in words.enumerated() {
            var matches: [Int: Int] = [:]
            for posting in postings[word] ?? [] { matches[posting.entry, default: 0] += posting.count }
            if position == words.count - 1, word.count >= 3 {
                for (key, list) in postings where key != word && key.hasPrefix(last) {
                    for posting in list { matches[posting.entry, default: 0] += posting.count }
                }
            }
            guard let current = counts else {
                counts = matches
                continue
            }
            // Every word must occur: keep only entries matched so far and by this word too.
            var both: [Int: Int] = [:]
            for (entry, count) in current { if let more = matches[entry] { both[entry] = count + more } }
            counts = both
        }
        return (counts ?? [:]).compactMap { index, count in
            let entry = entries[index]
            guard kinds.contains(entry.kind) else { return nil }
            let score = min(200, 100 + 10 * Double(count))
            let (snippet, matched) = entry.body.snippet(around: words)
            return (
                index,
                Hit(
                    kind: entry.kind, id: entry.id, parentID: entry.parentID, title: entry.title,
                    snippet: snippet, score: score, match: .text, matched: matched ?? query)
            )
        }
    }
}
