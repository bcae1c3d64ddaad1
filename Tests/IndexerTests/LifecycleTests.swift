import Foundation
import Testing
@testable import Indexer
import Segmenter

@Suite struct IndexLifecycle {
    @Test func deletesAndUpdates() throws {
        let path = temporaryIndexPath()
        _ = try Corpus.build(path)
        do {
            let writer = try IndexWriter(directory: path, create: false)
            #expect(writer.delete(id: "grain"))
            #expect(!writer.delete(id: "grain"))
            #expect(!writer.delete(id: "no-such-id"))
            // Update: the same id again replaces the document.
            try writer.add([IndexDocument(id: "rural", title: "新", text: "建设宜居宜业和美乡村。")])
            try writer.commit()
        }
        let reader = try IndexReader(directory: path)
        #expect(reader.documentCount == 5)
        #expect(try Corpus.ids(reader, "粮食安全").isEmpty)
        #expect(try Corpus.ids(reader, "乡村振兴").isEmpty)
        #expect(try Corpus.ids(reader, "宜居") == ["rural"])
        #expect(try reader.search("宜居", analyzer: Corpus.queryAnalyzer, options: SearchOptions()).first?.title == "新")
    }

    @Test func mergeKeepsResults() throws {
        let path = temporaryIndexPath()
        let writer = try IndexWriter(directory: path, create: true)
        // Three commits: three segments; then a delete.
        for chunk in [Corpus.documents[0..<2], Corpus.documents[2..<4], Corpus.documents[4...]] {
            try writer.add(Array(chunk))
            try writer.commit()
        }
        writer.delete(id: "cppcc")
        try writer.commit()
        let before = try IndexReader(directory: path)
        #expect(before.segmentCount == 3)
        let queries = ["粮食安全", "加快 发展", "乡村振兴 OR 协商民主", "\"加快 发展\"", "协商"]
        let expected = try queries.map { try before.search($0, analyzer: Corpus.queryAnalyzer, options: SearchOptions()) }
        try writer.merge()
        let after = try IndexReader(directory: path)
        #expect(after.segmentCount == 1)
        #expect(after.documentCount == 5)
        #expect(after.storedDocumentCount == 5)
        for (q, hits) in zip(queries, expected) {
            let now = try after.search(q, analyzer: Corpus.queryAnalyzer, options: SearchOptions())
            #expect(Set(now.map(\.id)) == Set(hits.map(\.id)), "\(q)")
        }
        // The old segment files are gone; the old reader still works on its mapped files.
        let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasPrefix("seg-") }
        #expect(names.count == 2)  // one .idx and one .store
        #expect(try before.search("粮食安全", analyzer: Corpus.queryAnalyzer, options: SearchOptions()).count == expected[0].count)
    }

    @Test func aSecondWriterIsRefused() throws {
        let path = temporaryIndexPath()
        let writer = try IndexWriter(directory: path, create: true)
        #expect(throws: IndexError.locked(path: path)) {
            _ = try IndexWriter(directory: path, create: false)
        }
        _ = writer
    }

    @Test func readersKeepTheirSnapshotDuringCommits() async throws {
        let path = temporaryIndexPath()
        _ = try Corpus.build(path)
        let reader = try IndexReader(directory: path)
        let baseline = try Corpus.ids(reader, "粮食安全")
        await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    for _ in 0..<50 {
                        guard let ids = try? Corpus.ids(reader, "粮食安全"), Set(ids) == Set(baseline) else { return false }
                    }
                    return true
                }
            }
            group.addTask {
                do {
                    let writer = try IndexWriter(directory: path, create: false)
                    for i in 0..<5 {
                        try writer.add([IndexDocument(id: "new\(i)", text: "粮食安全和乡村振兴。")])
                        writer.delete(id: "grain")
                        try writer.commit()
                    }
                    try writer.merge()
                    return true
                } catch { return false }
            }
            for await ok in group { #expect(ok) }
        }
        #expect(reader.documentCount == 6)
        let fresh = try IndexReader(directory: path)
        #expect(fresh.documentCount == 10)
        #expect(Set(try Corpus.ids(fresh, "粮食安全")) == Set(["rural", "new0", "new1", "new2", "new3", "new4"]))
    }

    @Test func uncommittedWorkIsInvisibleAndCleanedUp() throws {
        let path = temporaryIndexPath()
        _ = try Corpus.build(path)
        do {
            let writer = try IndexWriter(directory: path, create: false)
            writer.memoryBudget = 1  // flush a segment file at once
            try writer.add([IndexDocument(id: "pending", text: "尚未提交的文件。")])
            writer.delete(id: "rural")
            // The writer goes away without committing (as a killed process would).
        }
        let reader = try IndexReader(directory: path)
        #expect(reader.documentCount == 6)
        #expect(try Corpus.ids(reader, "乡村振兴") == ["rural"])
        // The next writer removes the orphaned segment files.
        _ = try IndexWriter(directory: path, create: false)
        let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasPrefix("seg-") }
        #expect(names.count == 2)
    }
}

@Suite struct DamagedFiles {
    func segmentFile(_ path: String) throws -> String {
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: path).first { $0.hasSuffix(".idx") })
        return path + "/" + name
    }

    /// A segment of another format version (an index built by an older segtool) is refused
    /// with an error that says to rebuild, not as damage.
    @Test func olderFormatIsRefusedWithRebuildAdvice() throws {
        let path = temporaryIndexPath()
        _ = try Corpus.build(path)
        let file = try segmentFile(path)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        for version: UInt8 in [7, 8] {
            var data = original
            data[8] = version; data[9] = 0; data[10] = 0; data[11] = 0  // the version after the magic
            try data.write(to: URL(fileURLWithPath: file))
            #expect(throws: IndexError.outdatedFormat(file: file, version: Int(version))) { _ = try IndexReader(directory: path) }
            let message = IndexError.outdatedFormat(file: file, version: Int(version)).description
            #expect(message.contains("rebuild the index") && message.contains("format \(version)") && message.hasPrefix(file))
            #expect(message.contains("reads format 9 only"))
        }
    }

    @Test func truncatedSegmentIsAnErrorNamingTheFile() throws {
        let path = temporaryIndexPath()
        _ = try Corpus.build(path)
        let file = try segmentFile(path)
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        for cut in [0, 10, data.count / 2, data.count - 1] {
            try data.prefix(cut).write(to: URL(fileURLWithPath: file))
            do {
                _ = try IndexReader(directory: path)
                Issue.record("opened a segment truncated to \(cut) bytes")
            } catch {
                guard case .corrupt(let f, _) = error else { Issue.record("\(error)"); continue }
                #expect(f == file)
            }
        }
    }

    @Test func flippedBytesAreCaught() throws {
        let path = temporaryIndexPath()
        _ = try Corpus.build(path)
        let file = try segmentFile(path)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        var rng = SplitMix(seed: 7)
        var caught = 0
        for _ in 0..<60 {
            var data = original
            let at = Int(rng.next() % UInt64(data.count))
            data[at] ^= 0x5A
            try data.write(to: URL(fileURLWithPath: file))
            do {
                let reader = try IndexReader(directory: path)
                try reader.verify()
                Issue.record("a flipped byte at \(at) went unnoticed")
            } catch {
                caught += 1
            }
            // Whatever happened, searching a damaged index never crashes.
            if let reader = try? IndexReader(directory: path) {
                _ = try? reader.search("粮食安全 OR 乡村振兴", analyzer: Corpus.queryAnalyzer, options: SearchOptions())
                _ = try? reader.search("\"加快 发展\"", analyzer: Corpus.queryAnalyzer, options: SearchOptions(passages: true))
            }
        }
        #expect(caught == 60)
    }

    /// Every byte of the sections that opening does not checksum (postings, positions,
    /// documents, passages), damaged one at a time: searches of every kind give an error or
    /// results, never a crash or a runaway allocation.
    @Test func everyByteOfTheSearchedSectionsDamaged() throws {
        let path = temporaryIndexPath()
        _ = try Corpus.build(path)
        let file = try segmentFile(path)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        // The footer's section table: offset u64, length u64, crc u32, pad u32 per section.
        let table = original.count - (SegmentFormat.footerSize)
        func u64(_ at: Int) -> Int { (0..<8).reduce(0) { $0 | Int(original[at + $1]) << (8 * $1) } }
        var damaged = 0
        for section in [SegmentFormat.Section.postings, .positions, .docs, .passages] {
            let offset = u64(table + section.rawValue * 24), length = u64(table + section.rawValue * 24 + 8)
            #expect(length > 0, "\(section)")
            for at in offset..<offset + length {
                var data = original
                data[at] ^= 0xFF
                try data.write(to: URL(fileURLWithPath: file))
                guard let reader = try? IndexReader(directory: path) else { continue }
                for (query, passages) in [("粮食安全 OR 乡村振兴", false), ("加快 发展", false), ("\"加快 发展\"", true), ("乡村振兴", true)] {
                    for ranking in [Ranking.tfidf, .bm25] {
                        if let hits = try? reader.search(query, analyzer: Corpus.queryAnalyzer, options: SearchOptions(ranking: ranking, passages: passages)) {
                            for hit in hits { _ = try? reader.bestPassage(of: hit, query: Query(query, analyzer: Corpus.queryAnalyzer), ranking: ranking) }
                        }
                    }
                }
                #expect(throws: IndexError.self) { try reader.verify() }
                damaged += 1
            }
        }
        try original.write(to: URL(fileURLWithPath: file))
        #expect(damaged > 50)
    }

    @Test func damagedStoreIsCaught() throws {
        let path = temporaryIndexPath()
        _ = try Corpus.build(path)
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: path).first { $0.hasSuffix(".store") })
        let file = path + "/" + name
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        var rng = SplitMix(seed: 11)
        for _ in 0..<30 {
            var data = original
            data[Int(rng.next() % UInt64(data.count))] ^= 0x21
            try data.write(to: URL(fileURLWithPath: file))
            #expect(throws: IndexError.self) { try IndexReader(directory: path).verify() }
            // Searching never crashes, whatever the damage.
            if let reader = try? IndexReader(directory: path) {
                _ = try? reader.search("粮食安全", analyzer: Corpus.queryAnalyzer, options: SearchOptions(passages: true))
            }
        }
        try original.write(to: URL(fileURLWithPath: file))
        try IndexReader(directory: path).verify()
    }

    @Test func damagedManifestAndForeignFiles() throws {
        let path = temporaryIndexPath()
        _ = try Corpus.build(path)
        let manifest = path + "/manifest"
        var text = try String(contentsOfFile: manifest, encoding: .utf8)
        text = text.replacingOccurrences(of: "generation 1", with: "generation 2")
        try text.write(toFile: manifest, atomically: true, encoding: .utf8)
        #expect(throws: IndexError.corrupt(file: manifest, reason: "checksum mismatch")) { _ = try IndexReader(directory: path) }
        #expect(throws: IndexError.notAnIndex(path: "/nonexistent-index")) { _ = try IndexReader(directory: "/nonexistent-index") }
    }

    @Test func aKilledWriterLeavesTheLastCommit() throws {
        // Kill a child `segtool index add` in the middle of a large add; the index must open
        // with exactly the documents of the last commit.
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("segtool")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else { return }
        let path = temporaryIndexPath()
        _ = try Corpus.build(path)
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("big-\(UUID().uuidString).jsonl")
        var lines = ""
        for i in 0..<20000 { lines += "{\"id\":\"k\(i)\",\"text\":\"第\(i)次会议强调坚持发扬全过程人民民主，推进乡村振兴和粮食安全。\"}\n" }
        try lines.write(to: input, atomically: true, encoding: .utf8)
        for delay in [0.05, 0.3, 0.8] {
            let process = Process()
            process.executableURL = binary
            process.arguments = ["index", "add", "--index", path, "--memory-mb", "1", input.path]
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let reader = try IndexReader(directory: path)
            #expect(reader.documentCount == 6 || reader.documentCount == 20006, "after a kill at \(delay) s: \(reader.documentCount)")
            try reader.verify()
            if reader.documentCount == 20006 { break }
        }
    }
}
