import ArgumentParser
import Pipelines
import ServiceGraph

extension Samhandling {
    struct Sequences: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sequences",
            abstract: "Each user's care level step by step, for TraMineR: STS or SPELL.",
            discussion: """
                The state of a step is the highest care level c(t) during it (docs/sequences.md): \
                none, municipal, dps or hospital (--states inpatient splits dps and hospital by an \
                open stay). Steps after the data end are missing (NA in STS; no row in SPELL). \
                Inputs are event logs (the tool's CSV, XES, OMOP visit_occurrence; --xes-mapping and \
                --care-sites as for metrics) and graphs with dated contacts; all their users go into one \
                RFC 4180 CSV. In R: seqdef(read.csv(f, check.names = FALSE)[, -1]) for STS, \
                seqformat(read.csv(f), from = "SPELL", to = "STS", process = FALSE) for SPELL.
                """
        )

        @Argument(help: "Event logs, graph files or folders.")
        var paths: [String]

        @Option(name: .shortAndLong, help: "File to write; - for standard output (the default).")
        var out: String?

        @Option(help: "sts (one row per user, one column per step) or spell (one row per run of one state).")
        var format: SequencesJob.Format = .sts

        @OptionGroup var sequence: SequenceOptions

        @Option(help: "What a missing step is written as in STS.")
        var missing = "NA"

        @Option(name: .customLong("episode-gap"), help: "G: a gap between visits longer than this ends a care episode, in days.")
        var episodeGap: Double = 60

        @OptionGroup var period: PeriodOptions
        @OptionGroup(title: "Event logs of other tools") var eventLogs: EventLogOptions

        @Flag(help: "Treat warnings about the inputs as failures (exit 1).")
        var strict = false

        func validate() throws {
            if !(episodeGap >= 0) || !episodeGap.isFinite { throw ValidationError("--episode-gap takes a number of days, 0 or more") }
            if CareStates.allCases.contains(where: { $0.alphabet.contains(missing) }) {
                throw ValidationError("--missing '\(missing)' is the name of a state: name missing steps otherwise (NA, or \"\")")
            }
        }

        func run() throws {
            var job = SequencesJob()
            (job.output, job.format, job.missing, job.strict) = (out, format, missing, strict)
            (job.settings, job.states) = (sequence.settings(episodeGapDays: episodeGap, period: period.period), sequence.states)
            job.eventLogs = try eventLogs.source()
            try job.run(paths)
        }
    }
}

extension SequencesJob.Format: ExpressibleByArgument {}
