import ArgumentParser
import GraphvizSupport
import Pipelines
import ServiceGraph

/// `--lang`, for every command that writes words.
struct LanguageOption: ParsableArguments {
    @Option(help: "Language of tables, legends and headings: en or nb.")
    var lang: Language = .en
}

/// `--from` and `--to`: the period a measure counts.
struct PeriodOptions: ParsableArguments {
    @Option(help: "Count only contacts and visits on or after this date (YYYY-MM-DD or YYYY-MM-DDTHH:MM).")
    var from: String?

    @Option(help: "Count only contacts and visits on or before this date (YYYY-MM-DD or YYYY-MM-DDTHH:MM).")
    var to: String?

    func validate() throws {
        if Period(from: from, to: to) == nil {
            throw ValidationError("--from and --to take dates as YYYY-MM-DD or YYYY-MM-DDTHH:MM")
        }
    }

    var period: Period { Period(from: from, to: to) ?? Period() }
}

/// `--by`: measure (or draw) each user again in each calendar period.
struct ByPeriodOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Each user again in each calendar period: month, quarter or year (metrics: measures; render --view map: maps).",
        discussion: "Each period is measured as --from/--to over it would; the periods run from the first date in the input "
            + "to the last (or over --from/--to when given). A map of one period keeps every helper where it stands "
            + "on the map of the whole."))
    var by: PeriodStep?
}

/// `--granularity`: what counts as one provider on a pathway.
struct GranularityOption: ParsableArguments {
    @Option(help: "What counts as one provider on a pathway: professional, service or level.")
    var granularity: Granularity = .professional
}

/// The window and the episode gap, for every command that measures or draws a pathway.
struct PathwayParameters: ParsableArguments {
    @Option(help: "W: the window around a level transition, in days.")
    var window: Double = 30

    @Option(name: .customLong("episode-gap"), help: "G: a gap between visits longer than this ends a care episode, in days.")
    var episodeGap: Double = 60

    func validate() throws {
        if !(window >= 0) || !window.isFinite {
            throw ValidationError("--window takes a number of days, 0 or more")
        }
        if !(episodeGap >= 0) || !episodeGap.isFinite {
            throw ValidationError("--episode-gap takes a number of days, 0 or more")
        }
    }

    var settings: PathwaySettings { PathwaySettings(windowDays: window, episodeGapDays: episodeGap) }
}

/// `--step`, `--align` and `--states`: how each pathway is cut into a care-level sequence
/// (docs/sequences.md), for `sequences` and the cohort view.
struct SequenceOptions: ParsableArguments {
    @Option(help: "One state per day, week or month: the highest care level during it.")
    var step: SequenceStep = .week

    @Option(help: ArgumentHelp(
        "first, calendar or discharge: where each user's step 1 is.",
        discussion: "first: the day of the user's first event; calendar: calendar steps shared by every user, from the data's "
            + "first event (a user is missing before their first); discharge: the day after the user's first index discharge."))
    var align: SequenceAlignment = .first

    @Option(help: "levels (none, municipal, dps, hospital) or inpatient (dps and hospital split into _outpatient and _inpatient).")
    var states: CareStates = .levels

    func settings(episodeGapDays: Double, period: Period = Period()) -> SequenceSettings {
        SequenceSettings(step: step, alignment: align, episodeGapDays: episodeGapDays, period: period)
    }
}

/// `--parts`: a folder named is one event log in parts (a sharded export), for `metrics` and
/// `handovers`.
struct PartsOption: ParsableArguments {
    @Flag(help: ArgumentHelp(
        "Read each folder named as one event log in parts: its .csv logs, in name order, one after another.",
        discussion: "Every part has the same header; a user whose rows run from one part into the next is one user. "
            + "Without it a folder's logs are measured one by one."))
    var parts = false
}

/// `--format table|json|csv`, for the commands that print measures.
struct TableFormatOption: ParsableArguments {
    @Option(help: "Output format: table (for people), json or csv.")
    var format: MetricsFormat = .table
}

extension OutputFormat: ExpressibleByArgument {}
extension LayoutEngine: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
extension MetricsFormat: ExpressibleByArgument {}
extension Granularity: ExpressibleByArgument {}
extension PeriodStep: ExpressibleByArgument {}
extension MetricsReport.Scope: ExpressibleByArgument {}
extension GraphFormat: ExpressibleByArgument {}
extension RenderJob.View: ExpressibleByArgument {}
extension SequenceStep: ExpressibleByArgument {}
extension SequenceAlignment: ExpressibleByArgument {}
extension CareStates: ExpressibleByArgument {}
extension RenderJob.Highlight: ExpressibleByArgument {}
