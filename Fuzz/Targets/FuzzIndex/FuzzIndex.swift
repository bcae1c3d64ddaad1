#if canImport(Glibc)
import Glibc
#endif
import Indexer
import Segmenter

// Fuzz target: a mutated index → open, search (every strategy, passages, filters), read stored
// documents, trends, verify. The input's first byte picks the file it replaces — 0: the
// segment's .idx, 1: its .store, 2: the manifest, 3: the recorded analysis — and the rest is
// that file's new bytes; the other files stay as a small index of the team's sentences made
// at start-up. The kept corpus holds the real files, so libFuzzer mutates real segments.
// Invariant: any input gives an error or an answer — never a crash, a hang or an answer that
// points outside the index (hits name stored documents; scores are finite).

/// Stops the run (libFuzzer saves the input) when an invariant does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant: \(message())") }
}

/// The seed index: its directory and its files' names and bytes.
let seed: (directory: String, files: [(name: String, bytes: [UInt8])]) = {
    var template = Array("/tmp/segtool-fuzz-index-XXXXXX".utf8CString)
    guard let made = mkdtemp(&template) else { fatalError("mkdtemp failed") }
    let directory = String(cString: made)
    do {
        let index = try Index.create(at: directory + "/index")
        let writer = try index.writer()
        try writer.add([
            IndexDocument(id: "a", title: "乡村", text: "全面推进乡村振兴，加快建设农业强国。\n乡村振兴要守住粮食安全底线。",
                          date: DocumentDate("2021-03"), fields: ["source": "report"]),
            IndexDocument(id: "b", text: "粮食安全是国之大者。加快发展现代农业。", date: DocumentDate("2022")),
            IndexDocument(id: "c", text: "推动高质量发展，建设社会主义现代化国家。"),
        ])
        try writer.commit()
    } catch { fatalError("cannot build the seed index: \(error)") }
    let names = ["seg-000001.idx", "seg-000001.store", "manifest", "analysis"]
    let files = names.map { name -> (String, [UInt8]) in
        let path = directory + "/index/" + name
        guard let f = fopen(path, "rb") else { fatalError("cannot read \(path)") }
        defer { fclose(f) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, f)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return (name, bytes)
    }
    return (directory, files)
}()

/// Writes `bytes` to `path` (replacing it).
func write(_ bytes: [UInt8], to path: String) {
    guard let f = fopen(path, "wb") else { fatalError("cannot write \(path)") }
    _ = bytes.withUnsafeBytes { fwrite($0.baseAddress, 1, $0.count, f) }
    fclose(f)
}

/// A fresh copy of the seed index with one file replaced; returns its directory.
func mutatedIndex(_ input: UnsafeBufferPointer<UInt8>) -> String {
    let directory = seed.directory + "/run"
    mkdir(directory, 0o755)
    for (i, file) in seed.files.enumerated() {
        let replaced = input.count > 0 && Int(input[0]) % seed.files.count == i
        write(replaced ? Array(input.dropFirst()) : file.bytes, to: directory + "/" + file.name)
    }
    write([], to: directory + "/stopwords.txt")
    return directory
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzIndex(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    let directory = mutatedIndex(input)
    guard let index = try? Index.open(at: directory), let searcher = try? index.searcher() else { return 0 }
    let queries = ["乡村振兴", "粮食安全 农业", "发展 OR 乡村 OR 国家", "\"加快 发展\"", "乡村振兴 -\"粮食 安全\"", "\"社会主义 现代化\""]
    for query in queries {
        for passages in [false, true] {
            for filter in [SearchFilter(), SearchFilter(from: DocumentDate("2021"), fields: ["source": ["report"]])] {
                guard let hits = try? searcher.search(query, top: 5, passages: passages, filter: filter) else { continue }
                for hit in hits {
                    require(hit.score.isFinite, "a score of \(hit.score)")
                    require(hit.passageRange.lowerBound >= 0 && hit.passageRange.lowerBound <= hit.passageRange.upperBound,
                            "passage range \(hit.passageRange)")
                    _ = try? searcher.document(id: hit.id)
                }
            }
        }
    }
    _ = try? searcher.trend(["乡村振兴", "加快 发展"], by: .year)
    _ = try? searcher.reader.verify()
    return 0
}
