extension SearchIndex {
    /// The best hits for `query`, strongest first; ties broken by kind and id so results are stable.
    /// An empty or punctuation-only query has no hits.
    public func search(_ query: String, kinds: Set<Kind> = Set(Kind.allCases), limit: Int = 20) -> [Hit] {
        page(query, kinds: kinds, offset: 0, limit: limit, scan: false).hits
    }

    /// Hits `offset ..< offset + limit` in ranking order, and how many hits there are in all. Only the hits
    /// returned are built (snippets cut, names copied); the others are counted and ranked as numbers.
    public func page(_ query: String, kinds: Set<Kind>, offset: Int, limit: Int) -> (hits: [Hit], total: Int) {
        page(query, kinds: kinds, offset: offset, limit: limit, scan: false)
    }

    /// `scan: true` scores every entry's names instead of the candidates the indexes give: the results
    /// must be the same (a test holds them to it); only the cost differs.
    func search(_ query: String, kinds: Set<Kind>, limit: Int, scan: Bool) -> [Hit] {
        page(query, kinds: kinds, offset: 0, limit: limit, scan: scan).hits
    }

    /// A match before its hit is built: which entry, how strong, how it matched.
    struct Scored {
        let index: Int
        let score: Double
        let match: Match
        /// The name that matched; nil for a text match (the snippet says which word).
        let name: String?
    }

    func page(_ query: String, kinds: Set<Kind>, offset: Int, limit: Int, scan: Bool) -> (hits: [Hit], total: Int) {
        let folded = TextFolding.fold(query)
        guard !folded.isEmpty, limit > 0 else { return ([], 0) }
        var best: [Int: Scored] = [:]
        func offer(_ scored: Scored) {
            if let current = best[scored.index], current.score >= scored.score { return }
            best[scored.index] = scored
        }
        let text = QueryText(folded)
        let candidates = scan ? Array(entries.indices) : Array(names.candidates(folded, edits: text.allowedEdits))
        for index in candidates where kinds.contains(entries[index].kind) {
            if let scored = nameHit(index, text) { offer(scored) }
        }
        for scored in textHits(folded, kinds: kinds, scan: scan) { offer(scored) }
        let ranked = top(Array(best.values), count: offset + limit).dropFirst(offset)
        let words = folded.split(separator: " ").map(String.init)
        let hits = ranked.map { scored -> Hit in
            let entry = entries[scored.index]
            var snippet = entry.body.opening
            var matched = scored.name ?? folded
            if scored.match == .text {
                let found = entry.body.snippet(around: words)
                snippet = found.0
                matched = found.1 ?? folded
            }
            return Hit(
                kind: entry.kind, id: entry.id, parentID: entry.parentID, title: entry.title, snippet: snippet,
                score: scored.score, match: scored.match, matched: matched)
        }
        return (Array(hits), best.count)
    }

    /// The first `count` of `scored` in ranking order (score, then kind, then id), without sorting all of
    /// them when few are wanted.
    private func top(_ scored: [Scored], count: Int) -> [Scored] {
        func precedes(_ a: Scored, _ b: Scored) -> Bool {
            let (x, y) = (entries[a.index], entries[b.index])
            return (a.score, y.kind.rawValue, y.id) > (b.score, x.kind.rawValue, x.id)
        }
        guard count < scored.count / 4 else { return Array(scored.sorted(by: precedes).prefix(count)) }
        var kept: [Scored] = []
        kept.reserveCapacity(count + 1)
        for item in scored {
            if kept.count == count, let last = kept.last, !precedes(item, last) { continue }
            var low = 0
            var high = kept.count
            while low < high {
                let middle = (low + high) / 2
                if precedes(kept[middle], item) { low = middle + 1 } else { high = middle }
            }
            kept.insert(item, at: low)
            if kept.count > count { kept.removeLast() }
        }
        return kept
    }

    /// Exact, alias, prefix or fuzzy match of the whole query against one of the entry's names.
    private func nameHit(_ index: Int, _ query: QueryText) -> Scored? {
        let entry = entries[index]
        var found: (Match, Double, Name)?
        func consider(_ match: Match, _ score: Double, _ name: Name) {
            if found.map({ $0.1 < score }) ?? true { found = (match, score, name) }
        }
        let allowed = query.allowedEdits
        for name in entry.names {
            if name.bytes == query.bytes {
                consider(name.isPrimary ? .exact : .alias, name.isPrimary ? 1000 : 900, name)
            } else if name.bytes.starts(with: query.bytes)
                || name.wordBytes.contains(where: { $0.starts(with: query.bytes) })
            {
                // Shorter names the query covers more of rank higher.
                consider(.prefix, 600 + 100 * Double(query.length) / Double(max(name.length, 1)), name)
            } else if allowed > 0 {
                let distance = EditDistance.between(query.scalars, name.scalars, limit: allowed)
                if distance <= allowed { consider(.fuzzy, 500 - 50 * Double(distance), name) }
            }
        }
        guard let (match, score, name) = found else { return nil }
        let kindBonus = entry.kind == .agent ? 2.0 : (entry.kind == .glossary ? 1.0 : 0)
        return Scored(index: index, score: score + kindBonus, match: match, name: name.original)
    }

    /// Entries whose text holds every word of the query (the last word may be a prefix). Per entry, arrays
    /// (not dictionaries) keep how many of the words it holds so far and how often: an entry that misses
    /// a word drops out, and the cost follows the postings read.
    private func textHits(_ query: String, kinds: Set<Kind>, scan: Bool) -> [Scored] {
        let words = query.split(separator: " ").map(String.init)
        guard let last = words.last else { return [] }
        var wordsHeld = [Int32](repeating: 0, count: entries.count)
        var occurrences = [Int32](repeating: 0, count: entries.count)
        var touched: [Int] = []
        for (position, word) in words.enumerated() {
            var lists = [postings[word] ?? []]
            if position == words.count - 1, word.count >= 3 {
                for key in scan ? Array(postings.keys) : wordsStarting(with: last)
                where key != word && key.hasPrefix(last) {
                    lists.append(postings[key] ?? [])
                }
            }
            let before = Int32(position)
            for list in lists {
                for posting in list {
                    let held = wordsHeld[posting.entry]
                    guard held == before || held == before + 1 else { continue }  // missed an earlier word
                    if held == before {
                        wordsHeld[posting.entry] = before + 1
                        if position == 0 { touched.append(posting.entry) }
                    }
                    occurrences[posting.entry] += Int32(posting.count)
                }
            }
        }
        return touched.compactMap { index in
            guard wordsHeld[index] == words.count, kinds.contains(entries[index].kind) else { return nil }
            return Scored(
                index: index, score: min(200, 100 + 10 * Double(occurrences[index])), match: .text, name: nil)
        }
    }

    /// The vocabulary's words that start with `prefix`, by binary search.
    private func wordsStarting(with prefix: String) -> [String] {
        let key = Array(prefix.utf8)
        var index = NameIndex.lowerBound(key, in: vocabulary)
        var words: [String] = []
        while index < vocabulary.count, vocabulary[index].key.starts(with: key) {
            words.append(vocabulary[index].entry)
            index += 1
        }
        return words
    }
}

/// A folded query in every form name matching needs, computed once per search.
struct QueryText {
    let folded: String
    let bytes: [UInt8]
    let scalars: [UInt32]
    /// In characters, as names are measured.
    let length: Int
    let allowedEdits: Int

    init(_ folded: String) {
        self.folded = folded
        bytes = Array(folded.utf8)
        scalars = folded.unicodeScalars.map(\.value)
        length = folded.count
        allowedEdits = TextFolding.allowedEdits(forLength: length)
    }
}
