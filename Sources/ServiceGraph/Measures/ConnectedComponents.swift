import Foundation

extension SimpleGraph {
    /// Labels each node with its connected component, numbered from 0 in order of the lowest
    /// node index in each; blocked nodes get -1 and do not connect anything.
    ///
    /// Degenerate cases: the empty graph has no components; an isolated node is a component
    /// of its own.
    /// - Complexity: O(V + E).
    public func componentLabels(blocked: [Bool]? = nil) -> (labels: [Int], count: Int) {
        var labels = [Int](repeating: -1, count: nodeCount)
        var count = 0
        var stack: [Int32] = []
        for start in 0..<nodeCount where labels[start] == -1 && !(blocked?[start] ?? false) {
            labels[start] = count
            stack.append(Int32(start))
            while let v = stack.popLast() {
                for w in neighbors(of: Int(v)) where labels[Int(w)] == -1 && !(blocked?[Int(w)] ?? false) {
                    labels[Int(w)] = count
                    stack.append(w)
                }
            }
            count += 1
        }
        return (labels, count)
    }

    /// Breadth-first distances from `source` (-1 where unreachable), never entering blocked nodes.
    /// - Complexity: O(V + E).
    public func distances(from source: Int, blocked: [Bool]? = nil) -> [Int32] {
        var distance = [Int32](repeating: -1, count: nodeCount)
        var queue = [Int32](repeating: 0, count: nodeCount)
        var head = 0, tail = 0
        distance[source] = 0
        queue[tail] = Int32(source)
        tail += 1
        while head < tail {
            let v = Int(queue[head])
            head += 1
            for w in neighbors(of: v) where distance[Int(w)] == -1 && !(blocked?[Int(w)] ?? false) {
                distance[Int(w)] = distance[v] + 1
                queue[tail] = w
                tail += 1
            }
        }
        return distance
    }
}
