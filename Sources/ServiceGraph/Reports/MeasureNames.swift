import Foundation

/// What the report calls each measure, and a short explanation of every index (the texts are in
/// `Words.measures`, a table per language). The full definitions are in docs/measures.md and
/// docs/pathways.md.
enum MeasureNames {
    /// The name of a measure's key as a reader sees it ("UPC", not "upc").
    static func name(_ key: String, _ language: Language) -> String {
        language.measures.names[key] ?? key.replacingOccurrences(of: "_", with: " ")
    }

    /// The glossary lines for the keys of a table that has an index among them, in the
    /// table's order; keys without an entry are left out.
    static func glossary(for keys: [String], _ language: Language) -> [(term: String, text: String)] {
        var seen = Set<String>()
        return keys.compactMap { key in
            guard let term = terms[key], let text = language.measures.explanations[key], seen.insert(term).inserted else { return nil }
            return (term, text)
        }
    }

    /// The term each explanation explains, in every language (a reader looks the index up by it).
    private static let terms: [String: String] = [
        "fragmentation": "fragmentation",
        "fragmentation_without_relatives": "fragmentation without relatives",
        "distance_fragmentation": "distance fragmentation",
        "key_helper": "key helper",
        "coordinator_reach": "coordinator reach",
        "effective_size": "effective size",
        "efficiency": "efficiency",
        "constraint": "constraint",
        "care_density": "care density",
        "upc": "UPC",
        "coc": "COC",
        "secon": "SECON",
        "mmci": "MMCI",
        "hhi": "HHI",
        "level_transitions": "level transition",
        "discontinuity_index": "discontinuity index",
        "level_mixing": "level mixing",
        "ei_index": "E–I index",
        "betweenness": "betweenness",
    ]
}
