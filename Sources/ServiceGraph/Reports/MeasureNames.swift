import Foundation

/// What the report calls each measure, and a short explanation of every index, in English and
/// bokmål. The full definitions are in docs/measures.md and docs/pathways.md.
enum MeasureNames {
    /// The name of a measure's key as a reader sees it ("UPC", not "upc").
    static func name(_ key: String, _ language: Language) -> String {
        guard let pair = names[key] else { return key.replacingOccurrences(of: "_", with: " ") }
        return language == .en ? pair.en : pair.nb
    }

    /// The glossary lines for the keys of a table that has an index among them, in the
    /// table's order; keys without an entry are left out.
    static func glossary(for keys: [String], _ language: Language) -> [(term: String, text: String)] {
        var seen = Set<String>()
        return keys.compactMap { key in
            guard let entry = explanations[key], seen.insert(entry.term).inserted else { return nil }
            return (entry.term, language == .en ? entry.en : entry.nb)
        }
    }

    private static let names: [String: (en: String, nb: String)] = [
        "helpers": ("helpers", "hjelpere"), "relatives": ("relatives and network", "familie og nettverk"),
        "services": ("services", "tjenester"), "levels": ("levels", "nivåer"),
        "helper_ties": ("ties between helpers", "bånd mellom hjelpere"), "helper_density": ("density among helpers", "tetthet mellom hjelpere"),
        "helper_groups": ("groups without the user", "grupper uten brukeren"), "fragmentation": ("fragmentation", "fragmentering"),
        "fragmentation_without_relatives": ("fragmentation without relatives", "fragmentering uten familie"),
        "distance_fragmentation": ("distance fragmentation", "avstandsfragmentering"), "key_helper": ("key helper", "nøkkelhjelper"),
        "key_helper_fragmentation": ("fragmentation without the key helper", "fragmentering uten nøkkelhjelperen"),
        "coordinator_reach": ("coordinator reach", "koordinatorens rekkevidde"), "effective_size": ("effective size", "effektiv størrelse"),
        "efficiency": ("efficiency", "effektivitet"), "constraint": ("constraint", "begrensning (constraint)"),
        "care_density": ("care density", "omsorgstetthet"), "fragmented_care_density": ("fragmented care density", "fragmentert omsorgstetthet"),
        "contacts": ("visits", "besøk"), "providers": ("professionals seen", "fagpersoner møtt"),
        "upc": ("UPC", "UPC"), "coc": ("COC", "COC"), "secon": ("SECON", "SECON"), "mmci": ("MMCI", "MMCI"), "hhi": ("HHI", "HHI"),
        "handovers": ("handovers", "overleveringer"), "level_switches": ("level switches (visit to visit)", "nivåbytter (besøk til besøk)"),
        "level_transitions": ("level transitions", "nivåoverganger"), "up_transitions": ("transitions up", "overganger opp"),
        "down_transitions": ("transitions down", "overganger ned"), "censored_transitions": ("censored transitions", "sensurerte overganger"),
        "new_faces": ("new faces", "nye ansikter"), "broken_relations": ("broken relations", "brutte relasjoner"),
        "unbridged_transitions": ("unbridged transitions", "overganger uten bro"),
        "discontinuity_index": ("discontinuity index", "diskontinuitetsindeks"), "discharges": ("index discharges", "indeksutskrivninger"),
        "transfers": ("transfers", "overføringer"), "censored_discharges": ("censored discharges", "sensurerte utskrivninger"),
        "followup_days": ("days to follow-up", "dager til oppfølging"), "followup_7d": ("followed up within 7 days", "fulgt opp innen 7 dager"),
        "followup_30d": ("followed up within 30 days", "fulgt opp innen 30 dager"),
        "followup_municipal_days": ("days to municipal follow-up", "dager til kommunal oppfølging"),
        "followup_municipal_7d": ("municipal follow-up within 7 days", "kommunal oppfølging innen 7 dager"),
        "readmissions_30d": ("readmissions within 30 days", "reinnleggelser innen 30 dager"),
        "readmission_rate_30d": ("30-day readmission rate", "andel reinnlagt innen 30 dager"),
        "referral_wait_days": ("days from referral to visit", "dager fra henvisning til besøk"),
        "concurrency_mean": ("levels at once, mean", "nivåer samtidig, snitt"),
        "concurrency_max": ("levels at once, most", "nivåer samtidig, flest"),
    ]

    private static let explanations: [String: (term: String, en: String, nb: String)] = [
        "fragmentation": ("fragmentation",
                          "the share of pairs of helpers who cannot reach each other without the user (0: all connected, 1: none)",
                          "andelen par av hjelpere som ikke når hverandre uten brukeren (0: alle henger sammen, 1: ingen)"),
        "fragmentation_without_relatives": ("fragmentation without relatives",
                                            "the same with family and network taken out too: how much they hold the helpers together",
                                            "det samme med familie og nettverk tatt ut også: hvor mye de holder hjelperne sammen"),
        "distance_fragmentation": ("distance fragmentation",
                                   "as fragmentation, with far-apart pairs counting as partly cut off (Borgatti)",
                                   "som fragmentering, der par langt fra hverandre teller som delvis avskåret (Borgatti)"),
        "key_helper": ("key helper", "the helper whose absence would leave the others most fragmented",
                       "hjelperen som ville etterlate de andre mest fragmentert om hen falt bort"),
        "coordinator_reach": ("coordinator reach", "the share of helpers a coordinator or forum is tied to",
                              "andelen hjelpere en koordinator eller et forum har bånd til"),
        "effective_size": ("effective size", "the user's helpers less their redundancy (Burt): how many independent contacts",
                           "brukerens hjelpere minus overlapp (Burt): hvor mange uavhengige kontakter"),
        "efficiency": ("efficiency", "effective size divided by the number of helpers",
                       "effektiv størrelse delt på antall hjelpere"),
        "constraint": ("constraint", "how much the user's ties run through few, interconnected helpers (Burt; higher: more dependent on them)",
                       "hvor mye brukerens bånd går gjennom få hjelpere som henger sammen (Burt; høyere: mer avhengig av dem)"),
        "care_density": ("care density", "how many users each pair of the user's helpers share, on average (Pollack)",
                         "hvor mange brukere hvert par av brukerens hjelpere deler, i snitt (Pollack)"),
        "upc": ("UPC", "usual provider continuity: the share of visits with the professional seen most",
                "usual provider continuity: andelen besøk hos fagpersonen som ble møtt oftest"),
        "coc": ("COC", "continuity of care: how concentrated the visits are on few professionals (0–1)",
                "continuity of care: hvor samlet besøkene er på få fagpersoner (0–1)"),
        "secon": ("SECON", "sequential continuity: the share of visits with the same professional as the visit before",
                  "sekvensiell kontinuitet: andelen besøk hos samme fagperson som forrige besøk"),
        "mmci": ("MMCI", "modified modified continuity index: few professionals over many visits gives a value near 1",
                 "modifisert kontinuitetsindeks: få fagpersoner over mange besøk gir en verdi nær 1"),
        "hhi": ("HHI", "Herfindahl–Hirschman index: the sum of each professional's squared share of the visits",
                "Herfindahl–Hirschman-indeks: summen av hver fagpersons kvadrerte andel av besøkene"),
        "level_transitions": ("level transition", "a change of the level the user is cared for at, not a visit at another level",
                              "et skifte av nivået brukeren får behandling på, ikke et besøk på et annet nivå"),
        "discontinuity_index": ("discontinuity index", "the share of level transitions that no one bridged (organised discontinuity)",
                                "andelen nivåoverganger uten noen bro (organisert diskontinuitet)"),
        "level_mixing": ("level mixing", "the share of ties that join different levels", "andelen bånd mellom ulike nivåer"),
        "ei_index": ("E–I index", "ties between levels less ties within, over all ties (−1 to 1; Krackhardt & Stern)",
                     "bånd mellom nivåer minus bånd innen, delt på alle (−1 til 1; Krackhardt & Stern)"),
        "betweenness": ("betweenness", "how often a node lies on the shortest paths between others: a broker",
                        "hvor ofte en node ligger på de korteste veiene mellom andre: en mellommann"),
    ]
}
