import Foundation
import Testing
@testable import ServiceGraph

/// The two tables of texts say the same things: a translator who leaves a text out, or adds a
/// ring, hears of it here.
@Suite struct WordsTests {
    @Test func everyLanguageNamesEveryRingAndMonth() {
        for language in Language.allCases {
            #expect(language.map.ringNames.count == HelperMapView.ringMinimums.count, "\(language)")
            #expect(language.pathway.months.count == 12, "\(language)")
        }
    }

    @Test func keyedTextsHaveTheSameKeysInEveryLanguage() {
        let en = Words.en, nb = Words.nb
        #expect(Set(en.comparison.headings.keys) == Set(nb.comparison.headings.keys))
        #expect(Set(en.report.quality.keys) == Set(nb.report.quality.keys))
        #expect(Set(en.measures.names.keys) == Set(nb.measures.names.keys))
        #expect(Set(en.measures.explanations.keys) == Set(nb.measures.explanations.keys))
    }

    @Test func columnHeadersHaveOneTextPerColumnInEveryLanguage() {
        let en = Words.en, nb = Words.nb
        #expect(en.report.transitionColumns.count == nb.report.transitionColumns.count)
        #expect(en.report.followupColumns.count == nb.report.followupColumns.count)
        #expect(en.report.unitColumns.count == nb.report.unitColumns.count)
        #expect(en.report.qualityColumns.count == nb.report.qualityColumns.count)
        #expect(en.report.indexColumns.count == nb.report.indexColumns.count)
        #expect(en.structure.unitColumns.count == nb.structure.unitColumns.count)
    }

    @Test func theComparisonTableHasAHeadingForEveryColumnItShows() {
        let shown = MunicipalityComparison.columns.filter { !["input", "main_mh_node", "model_reason"].contains($0) }
        for language in Language.allCases {
            #expect(shown.allSatisfy { language.comparison.headings[$0] != nil }, "\(language)")
        }
    }

    @Test func textsWithFiguresPutThemWhereTheSentenceSaysSo() {
        #expect(Language.en.pathway.stay("St. Olav", "2024-03-01", "2024-03-15") == "stay St. Olav 2024-03-01–2024-03-15")
        #expect(Language.nb.pathway.stay("St. Olav", "2024-03-01", "2024-03-15") == "opphold St. Olav 2024-03-01–2024-03-15")
        #expect(Language.en.reorganisation.changes("Eide") == "Eide — changes")
        #expect(Language.nb.reorganisation.changes("Eide") == "Eide — endringer")
        #expect(Language.nb.name(of: nil) == "Ukjent nivå")
        #expect(Language.en.yesNo(false) == "no" && Language.nb.yesNo(true) == "ja")
    }
}
