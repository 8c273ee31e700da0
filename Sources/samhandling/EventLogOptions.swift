import ArgumentParser
import Foundation
import Pipelines
import ServiceGraph

/// `--xes-mapping` and `--care-sites`: how the field's event logs are read (docs/formats.md),
/// for every command that reads event logs.
struct EventLogOptions: ParsableArguments {
    @Option(name: .customLong("xes-mapping"),
            help: "A CSV (field,attribute,default) saying which XES attributes give user, time, kind, actor, service, level, target.")
    var xesMapping: String?

    @Option(name: .customLong("care-sites"), help: "A CSV (care_site_id,level) giving the level of each OMOP care site.")
    var careSites: String?

    /// The files read; a problem in one is reported with its line and ends the command (exit 1).
    func source() throws -> EventLogSource {
        var source = EventLogSource()
        do throws(Diagnostic) {
            if let xesMapping {
                source.xes = try XESMapping.read(text: TextFile.read(URL(fileURLWithPath: xesMapping), displayName: xesMapping), file: xesMapping)
            }
            if let careSites {
                source.careSiteLevels = try EventLogSource.careSiteLevels(
                    text: TextFile.read(URL(fileURLWithPath: careSites), displayName: careSites), file: careSites)
            }
        } catch {
            Console.error(error.description)
            throw InputFailure()
        }
        return source
    }
}
