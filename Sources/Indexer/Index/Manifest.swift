/// The list of an index's live segments and their deletions: the one file a commit replaces
/// atomically. Text, checksummed:
///
/// ```text
/// segtool-index 1
/// generation 7
/// segment seg-000003 docs 1500 deletes seg-000003.del-7
/// segment seg-000004 docs 200 deletes -
/// crc32 1a2b3c4d
/// ```
struct Manifest: Equatable {
    struct Entry: Equatable {
        var name: String
        var docs: Int
        var deletes: String?
    }

    static let fileName = "manifest"
    var generation = 0
    var segments: [Entry] = []

    func serialized() -> [UInt8] {
        var body = "segtool-index 1\ngeneration \(generation)\n"
        for s in segments { body += "segment \(s.name) docs \(s.docs) deletes \(s.deletes ?? "-")\n" }
        let crc = CRC32.checksum(Array(body.utf8))
        return Array((body + "crc32 \(String(crc, radix: 16))\n").utf8)
    }

    static func parse(_ bytes: [UInt8], path: String) throws(IndexError) -> Manifest {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let crcLine = text.ranges(of: "\ncrc32 ").last else {
            throw .corrupt(file: path, reason: "no checksum line")
        }
        let body = String(text[..<text.index(after: crcLine.lowerBound)])
        let crcText = text[crcLine.upperBound...].trimmingNewlines()
        guard let crc = UInt32(crcText, radix: 16), crc == CRC32.checksum(Array(body.utf8)) else {
            throw .corrupt(file: path, reason: "checksum mismatch")
        }
        var manifest = Manifest()
        for (i, line) in body.split(separator: "\n").enumerated() {
            let f = line.split(separator: " ").map(String.init)
            if i == 0 {
                guard f == ["segtool-index", "1"] else { throw .corrupt(file: path, reason: "unsupported format `\(line)`") }
            } else if f.count == 2 && f[0] == "generation", let g = Int(f[1]) {
                manifest.generation = g
            } else if f.count == 6 && f[0] == "segment" && f[2] == "docs" && f[4] == "deletes", let docs = Int(f[3]),
                      Self.isSafeName(f[1]), f[5] == "-" || Self.isSafeName(f[5]) {
                manifest.segments.append(Entry(name: f[1], docs: docs, deletes: f[5] == "-" ? nil : f[5]))
            } else {
                throw .corrupt(file: path, reason: "line \(i + 1): unexpected `\(line)`")
            }
        }
        return manifest
    }

    /// File names in a manifest are plain names in the index folder.
    static func isSafeName(_ name: String) -> Bool {
        !name.isEmpty && !name.contains("/") && name != "." && name != ".."
    }
}

extension Substring {
    fileprivate func trimmingNewlines() -> String {
        var s = self
        while let l = s.last, l == "\n" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}

/// A segment's deleted documents: "SEGTDEL1", count u32, sorted ordinals u32, crc32 u32.
enum DeletionFile {
    static let magic: [UInt8] = Array("SEGTDEL1".utf8)

    static func serialize(_ ordinals: Set<Int>) -> [UInt8] {
        var w = ByteWriter()
        w.append(magic)
        w.u32(UInt32(ordinals.count))
        for o in ordinals.sorted() { w.u32(UInt32(o)) }
        w.u32(CRC32.checksum(w.bytes))
        return w.bytes
    }

    static func parse(_ bytes: [UInt8], path: String, docCount: Int) throws(IndexError) -> Set<Int> {
        guard bytes.count >= 16, Array(bytes[0..<8]) == magic else { throw .corrupt(file: path, reason: "not a deletion file") }
        let count = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
        guard bytes.count == 12 + 4 * count + 4 else { throw .corrupt(file: path, reason: "size does not match its count") }
        func u32(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16 | Int(bytes[at + 3]) << 24 }
        guard UInt32(u32(bytes.count - 4)) == CRC32.checksum(Array(bytes[0..<(bytes.count - 4)])) else {
            throw .corrupt(file: path, reason: "checksum mismatch")
        }
        var out = Set<Int>()
        for i in 0..<count {
            let o = u32(12 + 4 * i)
            guard o < docCount else { throw .corrupt(file: path, reason: "document \(o) out of range") }
            out.insert(o)
        }
        return out
    }
}
