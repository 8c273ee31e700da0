import GraphvizSupport
import ServiceGraph
import Foundation
for text in ["digraph { a -> b;\n c -> ;\n}", "digraph { x [kind=bruker, level=kommune]; x -> y [kind=kontakt]; subgraph cluster_a { label=\"A\"; y; z } }", "graph {\n\n\n a -- b\n b -- }", "not a graph", ""] {
  do { let g = try DOTReader.read(text: text); print(g); print(DOTWriter().write(g)) } catch { print("ERR", error, error.line as Any) }
}
do { let d = try Renderer().render(dot: "digraph { a -> b [label=\"<&\\\"æ\"] }"); print(String(decoding: d, as: UTF8.self).suffix(600)) } catch { print("ERR", error) }
do { let d = try Renderer(format: .png).render(dot: "digraph { a -> b }"); print(d.count) } catch { print("ERR", error) }
print(Graphviz.shared.version)
