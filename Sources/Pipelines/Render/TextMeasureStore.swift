import Crypto
import Foundation
import GraphvizSupport
import ServiceGraph

/// The text measurements earlier SVG renders into an output folder made, kept in the folder
/// (`.samhandling-text`), so that a re-run whose texts were all measured before never loads
/// pango. Loading pango, with cairo, harfbuzz, freetype and fontconfig (which reads some forty
/// files of configuration as it starts), was about half of a re-run that draws one changed
/// helper network.
///
/// What pango answers depends on more than the text: on the fonts installed, fontconfig's
/// configuration and the libraries' versions. The file is used only while its *environment
/// stamp* still holds: a SHA-256 of the Graphviz version, the variables fontconfig, pango and gd
/// read, the plugin folder's files, the system's package database (dpkg, rpm, apk, pacman,
/// Homebrew's Cellar), fontconfig's configuration (with the files `FONTCONFIG_FILE` and
/// `FONTCONFIG_PATH` name, and those its `<include>`s name) and the folders of fonts (with its
/// `<dir>`s) and font caches: their files' and folders' sizes and times. Any of those changed,
/// and the file is measured anew. What it cannot see — a font file rewritten in place with its
/// size and time kept, a library changed outside a package manager — `render --force` mends.
///
/// The file holds no label: each measurement is kept under a 128-bit digest of (text, font),
/// SipHash-2-4 keyed with 16 random bytes of the file's own (textcache.c). With that key a
/// guessed label can be confirmed, but none can be read back. `render --force` starts the file
/// anew (a new key, and only what that run measured).
///
/// Layout: the line `samhandling text measures 1`, the stamp (32 bytes), the salt (16 bytes),
/// then `Graphviz.textMeasureSize` bytes per measurement. A file that is not exactly that, or
/// larger than `limit` measurements, is not read.
struct TextMeasureStore {
    static let fileName = ".samhandling-text"
    static let limit = 1 << 16
    private static let magic = Array("samhandling text measures 1\n".utf8)
    private static var headerSize: Int { magic.count + 32 + 16 }

    /// The salt and whether the workers may read the file (it was valid when the run began): what
    /// a render worker needs to use the same measurements.
    struct Setup: Codable, Sendable {
        var salt: [UInt64]
        var readFile: Bool
    }

    /// The file could not be written (the run goes on: the file only saves time).
    struct Failure: Error {
        let path: String
        let reason: String
    }

    private struct Digest: Hashable {
        let a: UInt64, b: UInt64
    }

    let file: URL
    private(set) var salt: (UInt64, UInt64)
    /// Every measurement known, as records: those read, then those added.
    private(set) var records: [UInt8] = []
    private var digests: Set<Digest> = []
    /// Whether the file on disk holds `records` (nothing was added since it was read).
    private var written: Bool
    private let stamp: [UInt8]

    /// The store of `directory`: its file's measurements when the file is whole and its stamp
    /// holds, else (or when not `reading`: `render --force`) none, under a new salt.
    init(directory: URL, reading: Bool = true) {
        file = directory.appendingPathComponent(Self.fileName)
        stamp = Self.environmentStamp()
        if reading, let (salt, records) = Self.read(file, stamp: stamp) {
            self.salt = salt
            written = true
            add(records)
            written = true
        } else {
            var random = SystemRandomNumberGenerator()
            salt = (random.next(), random.next())
            written = false
        }
    }

    var setup: Setup { Setup(salt: [salt.0, salt.1], readFile: written && !records.isEmpty) }

    /// Adds measurements (whole records); a digest already known keeps its first.
    mutating func add(_ measures: [UInt8]) {
        let size = Graphviz.textMeasureSize
        var offset = 0
        while offset + size <= measures.count, digests.count < Self.limit {
            let digest = measures.withUnsafeBytes {
                Digest(a: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self),
                       b: $0.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            }
            if digests.insert(digest).inserted {
                records += measures[offset..<offset + size]
                written = false
            }
            offset += size
        }
    }

    /// Gives this process's Graphviz the salt and the measurements.
    func install() {
        Graphviz.shared.useTextMeasures(salt: salt, known: records)
    }

    /// What a render worker does with `setup`: the salt, and the file's measurements when the
    /// parent found it valid and it still has that salt.
    static func install(_ setup: Setup, directory: URL) {
        guard setup.salt.count == 2 else { return }
        let salt = (setup.salt[0], setup.salt[1])
        var records: [UInt8] = []
        if setup.readFile, let (fileSalt, known) = read(directory.appendingPathComponent(fileName), stamp: nil),
           fileSalt == salt {
            records = known
        }
        Graphviz.shared.useTextMeasures(salt: salt, known: records)
    }

    /// Writes the file when it does not hold every measurement known, under the render lock,
    /// with what another run wrote there meanwhile (of the same salt and stamp) kept too.
    mutating func save() throws(Failure) {
        guard !written, !records.isEmpty else { return }
        let lockFile = RenderFolderLock.file(in: file.deletingLastPathComponent())
        guard let lock = RenderFolderLock(lockFile) else { throw .init(path: lockFile.path, reason: String(cString: strerror(errno))) }
        defer { lock.release() }
        if let (fileSalt, theirs) = Self.read(file, stamp: stamp), fileSalt == salt { add(theirs) }
        var bytes = Self.magic + stamp
        withUnsafeBytes(of: salt.0) { bytes += $0 }
        withUnsafeBytes(of: salt.1) { bytes += $0 }
        bytes += records
        do {
            try AtomicFile.write(Data(bytes), to: file)
        } catch {
            throw .init(path: file.path, reason: OutputPath.reason(error))
        }
        written = true
    }

    /// The file's salt and records; nil when it is missing, not whole, too large, or (with a
    /// `stamp`) made under another environment.
    private static func read(_ file: URL, stamp: [UInt8]?) -> ((UInt64, UInt64), [UInt8])? {
        let size = Graphviz.textMeasureSize
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
              let length = attributes[.size] as? Int, length >= headerSize, length <= headerSize + limit * size,
              (length - headerSize) % size == 0,
              let data = try? Data(contentsOf: file), data.count == length
        else { return nil }
        let bytes = [UInt8](data)
        guard bytes.starts(with: magic) else { return nil }
        if let stamp, Array(bytes[magic.count..<magic.count + 32]) != stamp { return nil }
        let salt = bytes.withUnsafeBytes {
            ($0.loadUnaligned(fromByteOffset: magic.count + 32, as: UInt64.self),
             $0.loadUnaligned(fromByteOffset: magic.count + 40, as: UInt64.self))
        }
        return (salt, Array(bytes[headerSize...]))
    }

    // MARK: The environment stamp

    /// The variables fontconfig, pango, gd and the dynamic linker read.
    private static let variables = [
        "FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT", "FC_LANG", "HOME", "XDG_CONFIG_HOME",
        "XDG_DATA_HOME", "XDG_DATA_DIRS", "XDG_CACHE_HOME", "LANG", "LANGUAGE", "LC_ALL", "LC_CTYPE",
        "LD_LIBRARY_PATH", "LD_PRELOAD", "DYLD_LIBRARY_PATH", "GVBINDIR", "PANGOCAIRO_BACKEND", "PANGO_RC_FILE",
        "GDFONTPATH", "DOTFONTPATH",
    ]

    /// A SHA-256 of what text measurements depend on besides the text (see the type's comment).
    static func environmentStamp(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> [UInt8] {
        var stamp = Stamp(environment: environment)
        return stamp.digest()
    }

    /// The stamp's text as it is made: each path once, with its device, inode, size and time.
    private struct Stamp {
        let environment: [String: String]
        let home: String
        var text = ""
        var seen: Set<String> = []
        /// Fontconfig's `<include>` and `<dir>` found in the configuration stamped so far.
        var included: [(path: String, files: Bool)] = []
        var budget = 20_000  // paths stamped at most: a tree larger than that is stamped as far as this goes

        init(environment: [String: String]) {
            self.environment = environment
            home = environment["HOME"] ?? ""
        }

        mutating func digest() -> [UInt8] {
            text = "graphviz \(Graphviz.libraryVersion)\nrecord \(Graphviz.textMeasureSize) \(1.littleEndian == 1)\n"
            for name in variables { text += "\(name)=\(environment[name] ?? "-")\n" }
            let configHome = environment["XDG_CONFIG_HOME"] ?? home + "/.config"
            let dataHome = environment["XDG_DATA_HOME"] ?? home + "/.local/share"
            let cacheHome = environment["XDG_CACHE_HOME"] ?? home + "/.cache"
            let environment = environment
            func listed(_ name: String) -> [String] { (environment[name] ?? "").split(separator: ":").map(String.init).filter { !$0.isEmpty } }
            // Files whose contents matter: each is stamped, and so is every file in the folders
            // (Linux, then macOS with Homebrew), fontconfig's own included.
            // (/etc/fonts/conf.d's links are stamped through to the files they name.)
            var withFiles = ["/etc/fonts", configHome + "/fontconfig", home + "/.fonts.conf",
                             home + "/.fonts.conf.d", "/var/lib/dpkg/status", "/lib/apk/db/installed",
                             "/opt/homebrew/etc/fonts", "/usr/local/etc/fonts"]
            withFiles += listed("FONTCONFIG_FILE") + listed("FONTCONFIG_PATH") + listed("GDFONTPATH") + listed("DOTFONTPATH")
            if let plugins = Graphviz.pluginFolder { withFiles.append(plugins) }
            // Folders of fonts, caches and installed packages: their folders are stamped (a font
            // added or removed changes its folder's time, as fontconfig itself checks).
            let foldersOnly = ["/usr/share/fonts", "/usr/local/share/fonts", home + "/.fonts", dataHome + "/fonts",
                               "/var/cache/fontconfig", cacheHome + "/fontconfig", "/var/lib/rpm", "/var/lib/pacman/local",
                               "/System/Library/Fonts", "/Library/Fonts", home + "/Library/Fonts"]
            for path in withFiles { stamp(path, files: true) }
            for path in foldersOnly { stamp(path, files: false) }
            for path in ["/opt/homebrew/Cellar", "/usr/local/Cellar"] { stamp(path, files: false, depthLimit: 2) }
            while !included.isEmpty {
                let (path, files) = included.removeFirst()
                stamp(path, files: files)
            }
            return Array(SHA256.hash(data: Data(text.utf8)))
        }

        mutating func stamp(_ path: String, files: Bool, depth: Int = 0, depthLimit: Int = 16) {
            guard budget > 0, seen.insert(path).inserted else { return }
            budget -= 1
            var info = stat()
            guard stat(path, &info) == 0 else {
                text += "\(path) -\n"
                return
            }
            text += "\(path) \(info.st_dev) \(info.st_ino) \(info.st_size) \(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)\n"
            if files, info.st_mode & S_IFMT == S_IFREG, path.hasSuffix(".conf"), info.st_size <= 1 << 20 { findIncluded(in: path) }
            guard info.st_mode & S_IFMT == S_IFDIR, depth < depthLimit,
                  let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
            for name in names.sorted() {
                let child = path + "/" + name
                if !files {
                    var childInfo = stat()
                    guard stat(child, &childInfo) == 0, childInfo.st_mode & S_IFMT == S_IFDIR else { continue }
                }
                stamp(child, files: files, depth: depth + 1, depthLimit: depthLimit)
            }
        }

        /// Fontconfig's `<include>` (configuration: stamped with its files) and `<dir>` (fonts:
        /// folders) in the configuration file at `path`, as fontconfig resolves them: `~/` is the
        /// home folder, `prefix="xdg"` the XDG folder; a relative `<dir>` is beside the file with
        /// `prefix="relative"`, else in the current folder; a relative `<include>` is in the
        /// configuration folders (`FONTCONFIG_PATH`, `/etc/fonts`).
        mutating func findIncluded(in path: String) {
            guard let data = FileManager.default.contents(atPath: path) else { return }
            let bytes = [UInt8](data)
            let folder = (path as NSString).deletingLastPathComponent
            let configFolders = (environment["FONTCONFIG_PATH"] ?? "").split(separator: ":").map(String.init) + ["/etc/fonts"]
            for (tag, files) in [("include", true), ("dir", false)] {
                let open = Array("<\(tag)".utf8), close = Array("</\(tag)>".utf8)
                var at = 0
                while let start = Self.find(open, in: bytes, from: at) {
                    at = start + open.count
                    guard at < bytes.count, [UInt8(ascii: ">"), UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n")].contains(bytes[at]),
                          let tagEnd = bytes[at...].firstIndex(of: UInt8(ascii: ">")) else { continue }
                    if bytes[tagEnd - 1] == UInt8(ascii: "/") { continue }  // <dir/>: no path, and no end tag of its own
                    guard let end = Self.find(close, in: bytes, from: tagEnd) else { continue }
                    let attributes = String(decoding: bytes[at..<tagEnd], as: UTF8.self)
                        .replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "'", with: "\"")
                    var target = String(decoding: bytes[(tagEnd + 1)..<end], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    at = end + close.count
                    if target.isEmpty || target.contains("<") { continue }
                    if attributes.contains("prefix=\"xdg\"") {
                        let xdg = tag == "include" ? environment["XDG_CONFIG_HOME"] ?? home + "/.config"
                            : environment["XDG_DATA_HOME"] ?? home + "/.local/share"
                        included.append((xdg + "/" + target, files))
                    } else if target.hasPrefix("~/") {
                        included.append((home + target.dropFirst(), files))
                    } else if target.hasPrefix("/") {
                        included.append((target, files))
                    } else if tag == "include" {
                        for configFolder in configFolders { included.append((configFolder + "/" + target, files)) }
                    } else if attributes.contains("prefix=\"relative\"") {
                        included.append((folder + "/" + target, files))
                    } else {
                        included.append((FileManager.default.currentDirectoryPath + "/" + target, files))
                    }
                }
            }
        }

        /// Where `needle` first occurs in `bytes` at or after `from`.
        static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
            guard let first = needle.first, bytes.count >= needle.count else { return nil }
            var index = from
            while index <= bytes.count - needle.count {
                guard let hit = bytes[index...(bytes.count - needle.count)].firstIndex(of: first) else { return nil }
                if bytes[hit..<hit + needle.count].elementsEqual(needle) { return hit }
                index = hit + 1
            }
            return nil
        }
    }
}
