import ArgumentParser
import Foundation
import Pipelines
import ServiceGraph

extension Samhandling {
    struct Anonymize: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "anonymize",
            abstract: "Replace the people in a graph with stable pseudonyms, so it can be shared.",
            discussion: """
                Users, relatives and professionals get pseudonyms from a keyed hash (HMAC-SHA256) \
                of their id: with the same --key file, the same person gets the same pseudonym in \
                every file. Only an allow-list of attributes is kept (kinds, roles, levels, services, \
                dates, FTE, tiers; labels of services and units); every kept text is checked for \
                every part of every person's name, and nothing is written if one survives. \
                --shift-dates moves each user's dates by one offset of whole days. A new key is \
                written only where --key names it — never beside the output unless you put it \
                there. Keep the key apart from the data: with it, pseudonyms can be checked against \
                guessed names.
                """
        )

        @Argument(help: "The graph to anonymise (any format).")
        var input: String

        @Argument(help: "Where to write the result (format from the extension, as convert); - for standard output.")
        var output: String

        @Option(help: "Output format: dot, graphml, json, csv (a folder) or events (an event-log CSV).")
        var to: GraphFormat?

        @Option(help: "Key file: read if it exists, else created there (32 random bytes, hex).")
        var key: String?

        @Flag(help: "Move every date of a user by one offset of up to ±182 days.")
        var shiftDates = false

        func validate() throws {
            if let key, URL(fileURLWithPath: key).standardizedFileURL == URL(fileURLWithPath: output).standardizedFileURL {
                throw ValidationError("--key must not be the output file")
            }
            if output == OutputPath.standardOutput && to == .csv {
                throw ValidationError("a CSV folder cannot go to standard output: give --to dot, graphml, json or events")
            }
        }

        func run() throws {
            var job = AnonymizeJob(input: input, output: output)
            (job.format, job.keyFile, job.shiftDates) = (to, key, shiftDates)
            try job.run()
        }
    }
}
