extension SearchIndex {
    /// The best hits for `query`, strongest first; ties broken by kind and id so results are stable.
    /// An empty or punctuation-only query has no hits.
    public func search(_ query: String, kinds: Set<Kind>? = nil, limit: Int = 20) -> [Hit] {
        page(query, kinds: kinds ?? Set(self.kinds), offset: 0, limit: limit, scan: false).hits
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
        /// Which of the entry's names matched (its position in `names`); nil for a text match (the snippet
        /// says which word). A position, not the name: a `Scored` holds no reference, so scoring the
        /// candidates retains nothing, and only the hits on the page read their name.
        let namePosition: Int?
    }

    func page(_ query: String, kinds: Set<Kind>, offset: Int, limit: Int, scan: Bool) -> (hits: [Hit], total: Int) {
        let folded = TextFolding.fold(query)
        guard !folded.isEmpty, limit > 0 else { return ([], 0) }
        // Whether each kind is asked for, by its rank: a candidate's kind is then one array read, not a
        // string hashed.
        let wanted = rankedKinds.map(kinds.contains)
        let text = QueryText(folded)
        // Name matches in entry order, at most one per entry.
        var byName: [Scored] = []
        if scan {
            for index in entries.indices where wanted[entries[index].tieRank] {
                let positions = entries[index].names.indices.lazy.map { (position: $0, foundByPrefix: true) }
                if let scored = nameHit(index, positions: positions, text) { byName.append(scored) }
            }
        } else {
            // Candidate names come sorted by entry, then position: each entry's run is scored together.
            let candidates = names.candidates(folded, edits: text.allowedEdits)
            var start = 0
            while start < candidates.count {
                let index = names.owners[candidates[start].number].entry
                var end = start + 1
                while end < candidates.count, names.owners[candidates[end].number].entry == index { end += 1 }
                let positions = candidates[start..<end].lazy.map {
                    (position: names.owners[$0.number].position, foundByPrefix: $0.foundByPrefix)
                }
                if wanted[entries[index].tieRank], let scored = nameHit(index, positions: positions, text) {
                    byName.append(scored)
                }
                start = end
            }
        }
        let everyMatch = Self.merge(byName, textHits(folded, wanted: wanted, scan: scan))
        let ranked = top(everyMatch, count: offset + limit).dropFirst(offset)
        let words = folded.split(separator: " ").map(String.init)
        let hits = ranked.map { scored -> Hit in
            let entry = entries[scored.index]
            var snippet = entry.body.opening
            var matched = scored.namePosition.map { entry.names[$0].original } ?? folded
            if scored.match == .text {
                let found = entry.body.snippet(around: words)
                snippet = found.0
                matched = found.1 ?? folded
            }
            return Hit(
                kind: entry.kind, id: entry.id, parentID: entry.parentID, title: entry.title, snippet: snippet,
                score: scored.score, match: scored.match, matched: matched)
        }
        return (Array(hits), everyMatch.count)
    }

    /// An entry's name match and text match as one, for entries in ascending order in each list: the
    /// stronger of the two, the name's when they score the same.
    private static func merge(_ byName: [Scored], _ byText: [Scored]) -> [Scored] {
        var merged: [Scored] = []
        merged.reserveCapacity(byName.count + byText.count)
        var (name, text) = (0, 0)
        while name < byName.count, text < byText.count {
            let (a, b) = (byName[name], byText[text])
            if a.index < b.index {
                merged.append(a)
                name += 1
            } else if b.index < a.index {
                merged.append(b)
                text += 1
            } else {
                merged.append(b.score > a.score ? b : a)
                name += 1
                text += 1
            }
        }
        merged += byName[name...]
        merged += byText[text...]
        return merged
    }

    /// The first `count` of `scored` in ranking order (score, then kind, then id), without sorting all of
    /// them when few are wanted.
    private func top(_ scored: [Scored], count: Int) -> [Scored] {
        func precedes(_ a: Scored, _ b: Scored) -> Bool {
            if a.score != b.score { return a.score > b.score }
            let (x, y) = (entries[a.index].tieRank, entries[b.index].tieRank)
            if x != y { return x < y }
            return entries[a.index].id < entries[b.index].id
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

    /// Exact, alias, prefix or fuzzy match of the whole query against the entry's names at `positions`
    /// (ascending): the best, the first of equals. A name the index did not find by prefix (`foundByPrefix`
    /// false: neither it nor any of its words starts with the query) is only tried within the allowed
    /// edits, without reading its bytes.
    private func nameHit(
        _ index: Int, positions: some Sequence<(position: Int, foundByPrefix: Bool)>, _ query: QueryText
    ) -> Scored? {
        let names = entries[index].names  // fields read in place: copying a `Name` retains all of them
        var found: (match: Match, score: Double, position: Int)?
        func consider(_ match: Match, _ score: Double, _ position: Int) {
            if found.map({ $0.score < score }) ?? true { found = (match, score, position) }
        }
        let allowed = query.allowedEdits
        for (position, foundByPrefix) in positions {
            if foundByPrefix, names[position].bytes == query.bytes {
                let isPrimary = names[position].isPrimary
                consider(isPrimary ? .exact : .alias, isPrimary ? 1000 : 900, position)
            } else if foundByPrefix,
                names[position].bytes.starts(with: query.bytes)
                    || names[position].wordBytes.contains(where: { $0.starts(with: query.bytes) })
            {
                // Shorter names the query covers more of rank higher.
                let length = names[position].length
                consider(.prefix, 600 + 100 * Double(query.length) / Double(max(length, 1)), position)
            } else if allowed > 0 {
                let distance =
                    query.pattern?.distance(to: names[position].scalars, limit: allowed)
                    ?? EditDistance.between(query.scalars, names[position].scalars, limit: allowed)
                if distance <= allowed { consider(.fuzzy, 500 - 50 * Double(distance), position) }
            }
        }
        guard let found else { return nil }
        let kind = entries[index].kind
        let kindBonus = kind == .agent ? 2.0 : (kind == .glossary ? 1.0 : 0)
        return Scored(index: index, score: found.score + kindBonus, match: found.match, namePosition: found.position)
    }

    /// Entries whose text holds every word of the query (the last word may be a prefix). Per entry, arrays
    /// (not dictionaries) keep how many of the words it holds so far and how often: an entry that misses
    /// a word drops out. The rarest word is read first; once the entries still in are few beside a
    /// word's postings, each is looked up there by binary search (postings are in entry order) instead
    /// of the postings being read, so a common word costs little after a rare one.
    /// In ascending entry order.
    private func textHits(_ query: String, wanted: [Bool], scan: Bool) -> [Scored] {
        let words = query.split(separator: " ").map(String.init)
        guard let last = words.last else { return [] }
        // Each word's posting lists (the last word's include those of the words it begins, when it has 3+
        // characters) and how many postings they hold in all.
        var perWord: [(lists: [[(entry: Int, count: Int)]], total: Int)] = words.enumerated().map { position, word in
            var lists = [postings[word] ?? []]
            if position == words.count - 1, word.count >= 3 {
                for key in scan ? Array(postings.keys) : wordsStarting(with: last)
                where key != word && key.hasPrefix(last) {
                    lists.append(postings[key] ?? [])
                }
            }
            return (lists, lists.reduce(0) { $0 + $1.count })
        }
        if !scan { perWord.sort { $0.total < $1.total } }
        var wordsHeld = [Int32](repeating: 0, count: entries.count)
        var occurrences = [Int32](repeating: 0, count: entries.count)
        var candidates: [Int] = []
        for (position, (lists, total)) in perWord.enumerated() {
            let before = Int32(position)
            if !scan, position > 0, candidates.count * 16 < total {
                for entry in candidates where wordsHeld[entry] == before {
                    for list in lists {
                        if let count = Self.count(of: entry, in: list) {
                            wordsHeld[entry] = before + 1
                            occurrences[entry] += Int32(count)
                        }
                    }
                }
            } else {
                for list in lists {
                    for posting in list {
                        let held = wordsHeld[posting.entry]
                        guard held == before || held == before + 1 else { continue }  // missed an earlier word
                        if held == before {
                            wordsHeld[posting.entry] = before + 1
                            if position == 0 { candidates.append(posting.entry) }
                        }
                        occurrences[posting.entry] += Int32(posting.count)
                    }
                }
            }
            candidates.removeAll { wordsHeld[$0] != before + 1 }
        }
        // The first word's entries, in the order of its lists: sorted, as `merge` needs.
        candidates.sort()
        return candidates.compactMap { index in
            guard wanted[entries[index].tieRank] else { return nil }
            return Scored(
                index: index, score: min(200, 100 + 10 * Double(occurrences[index])), match: .text, namePosition: nil)
        }
    }

    /// How often `entry` occurs in `list` (sorted by entry), by binary search; nil when it does not.
    private static func count(of entry: Int, in list: [(entry: Int, count: Int)]) -> Int? {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].entry < entry { low = middle + 1 } else { high = middle }
        }
        return low < list.count && list[low].entry == entry ? list[low].count : nil
    }

    /// The vocabulary's words that start with `prefix`, by binary search.
    private func wordsStarting(with prefix: String) -> [String] {
        let key = Array(prefix.utf8)
        var index = NameIndex.lowerBound(key, in: vocabulary)
        var words: [String] = []
        while index < vocabulary.count, vocabulary[index].key.starts(with: key) {
            words.append(vocabulary[index].value)
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
    /// The scalars prepared for many edit distances; nil when no edit is allowed (a query of 4 characters
    /// or fewer) or the query is too long for that (more than `EditDistance.Pattern.maxCount` scalars).
    let pattern: EditDistance.Pattern?
    /// In characters, as names are measured.
    let length: Int
    let allowedEdits: Int

    init(_ folded: String) {
        self.folded = folded
        bytes = Array(folded.utf8)
        scalars = folded.unicodeScalars.map(\.value)
        length = folded.count
        allowedEdits = TextFolding.allowedEdits(forLength: length)
        pattern = allowedEdits > 0 ? EditDistance.Pattern(scalars) : nil
    }
}
