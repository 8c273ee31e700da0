import Foundation

/// Writes pathways as an XES log (IEEE 1849-2016) that process-mining tools read (pm4py, ProM,
/// bupaR, Disco): the concept, time, organizational and lifecycle extensions declared, the
/// attributes every trace and event has declared as globals, two classifiers, one trace per
/// user (`concept:name` the user) and one event per pathway event in pathway order:
/// `concept:name` the kind, `time:timestamp` the local time with no offset,
/// `lifecycle:transition` `complete`, `org:resource` the actor and `org:group` the service when
/// known, and `level` and `target` as plain attributes. `XESReader` reads it back to the same
/// pathways with the default mapping.
public enum XESWriter {
    public static func write(_ pathways: [Pathway]) -> String {
        prologue + pathways.map(trace(of:)).joined() + epilogue
    }

    /// What comes before the first trace: the declarations, globals, classifiers.
    public static let prologue = """
        <?xml version="1.0" encoding="UTF-8" ?>
        <log xes.version="1849-2016" xes.features="" xmlns="http://www.xes-standard.org/">
        \t<extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
        \t<extension name="Time" prefix="time" uri="http://www.xes-standard.org/time.xesext"/>
        \t<extension name="Organizational" prefix="org" uri="http://www.xes-standard.org/org.xesext"/>
        \t<extension name="Lifecycle" prefix="lifecycle" uri="http://www.xes-standard.org/lifecycle.xesext"/>
        \t<global scope="trace">
        \t\t<string key="concept:name" value="__INVALID__"/>
        \t</global>
        \t<global scope="event">
        \t\t<string key="concept:name" value="__INVALID__"/>
        \t\t<date key="time:timestamp" value="1970-01-01T00:00:00"/>
        \t\t<string key="lifecycle:transition" value="complete"/>
        \t</global>
        \t<classifier name="Activity" keys="concept:name"/>
        \t<classifier name="Activity and resource" keys="concept:name org:resource"/>
        \t<string key="concept:name" value="samhandling event log"/>

        """

    /// What ends the log, after the last trace.
    public static let epilogue = "</log>\n"

    /// One user's trace, as `write` writes it: for writing a log piece by piece.
    public static func trace(of pathway: Pathway) -> String {
        var out = ""
        func attribute(_ type: String, _ key: String, _ value: String?, indent: String) {
            guard let value, !value.isEmpty else { return }
            out += "\(indent)<\(type) key=\"\(key)\" value=\"\(GraphMLWriter.escaped(value, inAttribute: true))\"/>\n"
        }
        out += "\t<trace>\n"
        attribute("string", "concept:name", pathway.user.rawValue, indent: "\t\t")
        for event in pathway.events {
            out += "\t\t<event>\n"
            attribute("string", "concept:name", event.kind.rawValue, indent: "\t\t\t")
            attribute("date", "time:timestamp", XESTime.text(event.time), indent: "\t\t\t")
            attribute("string", "lifecycle:transition", "complete", indent: "\t\t\t")
            attribute("string", "org:resource", event.actor, indent: "\t\t\t")
            attribute("string", "org:group", event.service, indent: "\t\t\t")
            attribute("string", "level", event.level?.rawValue, indent: "\t\t\t")
            attribute("string", "target", event.target, indent: "\t\t\t")
            out += "\t\t</event>\n"
        }
        return out + "\t</trace>\n"
    }
}
