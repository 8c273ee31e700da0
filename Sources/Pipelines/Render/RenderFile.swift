import Foundation
import GraphvizSupport
import ServiceGraph

extension RenderJob {
    /// Renders one input: the outputs written (paths under the output folder) and what was
    /// found wrong with the input; a failure when it cannot be drawn at all.
    func render(_ file: InputFile, with renderer: Renderer, into directory: URL) -> Result<RenderOutcome, Diagnostic> {
        let digest = InputDigest(file)  // before the input is read to be drawn: a later change shows in the stamp
        return draw(file, with: renderer, into: directory).map { outcome in
            var outcome = outcome
            (outcome.content, outcome.stamp) = (digest.content, digest.stamp)
            return outcome
        }
    }

    private func draw(_ file: InputFile, with renderer: Renderer, into directory: URL) -> Result<RenderOutcome, Diagnostic> {
        do throws(Diagnostic) {
            if view == .cohort {
                return .success(try renderCohort(file, with: renderer, into: directory))
            }
            if file.isEventLog {
                return .success(try renderEventLog(file, with: renderer, into: directory))
            }
            let name = file.displayPath
            let loaded = try LoadedGraph.load(file)
            do {
                try renderer.admit(nodes: loaded.graph.nodes.count)
            } catch {
                throw Diagnostic(file: name, line: nil, message: error.description)
            }
            var admitted = renderer
            admitted.force = true  // admitted above; the view's own nodes (legend, rings) do not count
            if view == .map || view == .pathway { admitted.engine = .neato }  // positions are pinned for neato
            var written: [String] = []
            for (suffix, styled) in try views(of: loaded.graph, name: name) {
                written.append(try write(styled, with: admitted, for: file, suffix: suffix, into: directory))
            }
            return .success(RenderOutcome(outputs: written, problems: loaded.validate().map(RenderManifest.Problem.init)))
        } catch {
            return .failure(error)
        }
    }

    /// Renders one styled graph and writes it atomically; returns the output's path.
    private func write(_ styled: CollaborationGraph, with renderer: Renderer, for file: InputFile, suffix: String,
                       into directory: URL) throws(Diagnostic) -> String {
        let bytes: Data
        do {
            bytes = try renderer.render(styled)
        } catch {
            throw Diagnostic(file: file.displayPath, line: nil, message: error.description)
        }
        let ext = suffix + format.fileExtension
        // A name that is not UTF-8 gives an output of the same bytes, written by them.
        let target = file.isNamedInUTF8 ? PathBytes(file.output(in: directory, extension: ext).path)
            : file.outputPath(in: directory, extension: ext)
        // By the path's bytes, with realpath(3): Foundation's resolvingSymlinksInPath was about
        // 1% of a batch of small drawings.
        guard OutputFolder.contains(target, folder: directory) else {
            throw Diagnostic(file: target.shown, line: nil, message: "not written: it would lie outside the output folder \(directory.path)")
        }
        do {
            try AtomicFile.write(bytes, to: target)
        } catch {
            throw Diagnostic(file: target.shown, line: nil, message: "cannot write: \(OutputPath.reason(error))")
        }
        return target.stored
    }

    /// The styled graphs to render for one input, each with the suffix its output file takes
    /// before the extension: one network, or one map per user (`name.kari.svg` when the file
    /// has several users).
    private func views(of graph: CollaborationGraph, name: String) throws(Diagnostic) -> [(String, CollaborationGraph)] {
        switch view {
        case .network:
            var network = NetworkView(language: language)
            if highlight == .articulation {
                let whole = graph.wholeGraphMeasures()
                network.emphasizedNodes = Set(whole.articulationPoints)
                network.emphasizedEdges = Set(whole.bridges)
            }
            return [("", network.styled(graph))]
        case .map:
            let users = graph.users.map(\.id)
            guard !users.isEmpty else {
                throw Diagnostic(file: name, line: nil, message: "the map view needs a node of kind user; this graph has none")
            }
            let safe = SafeFileName.components(users.map(\.rawValue))
            let mapView = HelperMapView(language: language)
            guard let by else {
                return users.compactMap { user in
                    mapView.styled(graph, user: user).map { (users.count > 1 ? safe[user.rawValue]! + "." : "", $0) }
                }
            }
            // One map per user and period (`name.kari.2024Q1.svg`), each laid out as the whole.
            let dates = graph.dateRange()
            let periods = by.periods(first: dates?.first, last: dates?.last)
            guard let first = periods.first, let last = periods.last else {
                throw Diagnostic(file: name, line: nil, message: "--by needs dated contacts; this graph has no date on any edge")
            }
            let span = first.label == last.label ? first.label : first.label + "–" + last.label
            return users.flatMap { user in
                periods.compactMap { calendar in
                    mapView.styled(graph, user: user, in: calendar, span: span).map { (safe[user.rawValue]! + "." + calendar.label + ".", $0) }
                }
            }
        case .structure:
            do {
                _ = try graph.structureMeasures()  // a reporting cycle is an error, named
            } catch {
                throw Diagnostic(file: name, line: nil, message: error.description)
            }
            return [("", StructureView(language: language).styled(graph))]
        case .cohort:
            return []  // drawn by `renderCohort`, from the graph's or the log's pathways
        case .pathway:
            let extracted = graph.pathways()
            guard !extracted.pathways.isEmpty else {
                throw Diagnostic(file: name, line: nil, message: "the pathway view needs a node of kind user; this graph has none")
            }
            let names = Dictionary(graph.nodes.map { ($0.id.rawValue, $0.htmlAttributes.contains("label") ? $0.id.rawValue : $0.label) }) { a, _ in a }
            let pathwayView = PathwayView(language: language, options: pathway.options(dataEnd: extracted.dataEnd), names: names)
            let several = extracted.pathways.count > 1
            let safe = SafeFileName.components(extracted.pathways.map(\.user.rawValue))
            return extracted.pathways.map { (several ? safe[$0.user.rawValue]! + "." : "", pathwayView.styled($0)) }
        }
    }

    /// One timeline per user of an event log (the only view an event log has); rows that
    /// could not be read are the outcome's problems.
    private func renderEventLog(_ file: InputFile, with renderer: Renderer, into directory: URL) throws(Diagnostic) -> RenderOutcome {
        let reader = EventLogReader(url: file.url, displayName: file.displayPath, source: eventLogs)
        let dataEnd = try reader.latestTime()
        var pending: [(String, CollaborationGraph)] = []
        let view = PathwayView(language: language, options: pathway.options(dataEnd: dataEnd))
        let summary = try reader.forEachPathway(onRestart: { pending.removeAll() }) { pending.append(($0.user.rawValue, view.styled($0))) }
        let safe = SafeFileName.components(pending.map(\.0))
        pending = pending.map { (safe[$0.0]! + ".", $0.1) }
        var neato = renderer
        neato.engine = .neato
        neato.force = true
        var written: [String] = []
        for (suffix, styled) in pending {
            written.append(try write(styled, with: neato, for: file, suffix: suffix, into: directory))
        }
        return RenderOutcome(outputs: written, problems: summary.skipped.map(RenderManifest.Problem.init))
    }

    /// The cohort view of an event log or a graph: one drawing of all its users (`name.cohort.svg`);
    /// rows that could not be read and users left out are the outcome's problems.
    private func renderCohort(_ file: InputFile, with renderer: Renderer, into directory: URL) throws(Diagnostic) -> RenderOutcome {
        let settings = cohort.settings(episodeGapDays: pathway.episodeGapDays)
        let reading = try SequenceReading(file, settings: settings, eventLogs: eventLogs)
        let (sequences, problems) = SequenceReading.combine([reading], settings: settings, states: cohort.states)
        let name = ((file.relativePath as NSString).lastPathComponent as NSString).deletingPathExtension
        var neato = renderer
        neato.engine = .neato
        neato.force = true
        let styled = CohortView(language: language, name: name).styled(sequences)
        let written = try write(styled, with: neato, for: file, suffix: "cohort.", into: directory)
        return RenderOutcome(outputs: [written], problems: problems.map(RenderManifest.Problem.init))
    }
}
