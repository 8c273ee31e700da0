import Crypto
import Foundation
import ServiceGraph

/// What says an input file is still the file whose bytes were hashed, without reading it: its
/// device and inode, its size, its modification and change times (nanoseconds), and when the
/// stamp was taken (the clock read before `stat`).
///
/// The rule, as git's index and make use file times, with the race they guard against closed:
/// a stamp vouches for the file when `stat` now gives the same device, inode, size, modification
/// and change time, **and** both times were at least `settle` (3 s) before the stamp was taken.
/// A file written again in the same tick of the file system's clock as the write the stamp saw
/// could keep its times; one written after the stamp was taken gets times of that moment or
/// later, so once the recorded times are settled, any later write shows (3 s is more than the
/// coarsest clock of the file systems in use, FAT's 2 s). The change time, which no program can
/// set back (unlike the modification time, which `touch -d`, `cp -p` and `rsync -t` do), is
/// among them. Not covered: a file system whose clock runs behind this machine's by more than
/// that (a network share), as for git; `--force` renders everything again.
///
/// A stamp that does not vouch costs a read and a hash, never a wrong answer; a run that finds a
/// stamp not yet settled, and the content unchanged, records a newer one.
struct InputStamp: Codable, Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modified: Int64
    var changed: Int64
    var checked: Int64

    static let settle: Int64 = 3_000_000_000

    /// The stamp of a regular file at `path`; nil when it is not one (a CSV folder has none).
    init?(_ path: PathBytes) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        guard let info = path.status(), info.st_mode & S_IFMT == S_IFREG else { return nil }
        (device, inode, size) = (UInt64(info.st_dev), UInt64(info.st_ino), Int64(info.st_size))
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        changed = Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec)
        checked = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }

    init(device: UInt64, inode: UInt64, size: Int64, modified: Int64, changed: Int64, checked: Int64) {
        (self.device, self.inode, self.size) = (device, inode, size)
        (self.modified, self.changed, self.checked) = (modified, changed, checked)
    }

    /// Whether the file, stamped again now (`current`), holds the bytes it held when this stamp
    /// was taken (the rule above).
    func vouches(for current: InputStamp) -> Bool {
        device == current.device && inode == current.inode && size == current.size
            && modified == current.modified && changed == current.changed
            && max(modified, changed) <= checked - Self.settle
    }
}

/// An input's content as its outputs' cache key takes it: the SHA-256 of its bytes (a folder's
/// files, in order: a CSV folder, a Network Canvas export, egor's tables), with the stamp of the
/// file taken before it was read.
struct InputDigest {
    /// Hex; nil when the input could not be read (its key then matches nothing).
    var content: String?
    var stamp: InputStamp?

    init(_ file: InputFile) {
        // A regular file has a stamp; only what has none can be a folder graph.
        stamp = InputStamp(file.path)
        if stamp == nil, let bytes = Self.folderBytes(file.url) {
            content = SHA256.hash(data: bytes).hexadecimal
        } else {
            content = (try? file.bytes()).map { SHA256.hash(data: $0).hexadecimal }
        }
    }

    /// The bytes of a graph that is a folder, in the order `GraphFiles` tells them apart; nil
    /// for a file.
    static func folderBytes(_ url: URL) -> Data? {
        if CSVFolder.isGraphFolder(url) { return CSVFolder.bytes(of: url) }
        if NetworkCanvasExport.isExportFolder(url) { return NetworkCanvasExport.bytes(of: url) }
        if EgorTables.isEgorFolder(url) { return EgorTables.bytes(of: url) }
        return nil
    }
}
