import Testing
@testable import Segmenter

/// The prebuilt lexicon image (`LexiconImage`, embedded by `CLexiconImage`): the binary has
/// one, it is the one of the text it embeds, and its tables are exactly those that parsing
/// the text at run time builds.
@Suite struct LexiconImageTests {
    /// An image of `lexicon` in 64-byte aligned memory, as the binary embeds it; `body` gets
    /// the lexicon read from it (the memory is freed after `body`).
    static func withImage<R>(of lexicon: Lexicon, fingerprint: UInt64 = 42, mutate: (inout [UInt8]) -> Void = { _ in },
                             readFingerprint: UInt64? = nil, offset: Int = 0, _ body: (Lexicon?) -> R) -> R {
        var bytes = LexiconImage.write(lexicon, fingerprint: fingerprint)
        mutate(&bytes)
        let memory = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count + offset, alignment: 64)
        defer { memory.deallocate() }
        bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: memory[offset...]).copyMemory(from: $0) }
        let read = LexiconImage.read(UnsafeRawBufferPointer(rebasing: memory[offset...]), fingerprint: readFingerprint ?? fingerprint)
        return body(read)
    }

    static func sampleLexicon() -> Lexicon {
        Lexicon([
            .init(word: "全过程人民民主", frequency: 5000, tag: "nz", origin: .builtin(file: "lexicon/a.txt")),
            .init(word: "习近平", tag: "nr", origin: .builtin(file: "lexicon/a.txt")),
            .init(word: "ＧＤＰ", frequency: 10, origin: .builtin(file: "lexicon/b.txt")),
            .init(word: "全过程", origin: .builtin(file: "lexicon/b.txt")),
            .init(word: "习近平", frequency: 7, tag: "nr", origin: .builtin(file: "lexicon/b.txt")),  // replaces
            .init(word: "𠀀字", frequency: 0, origin: .builtin(file: "lexicon/b.txt")),
        ])
    }

    @Test func theBinaryHasACurrentImage() throws {
        // Nil when the build made no image of the lexicon files this binary embeds (a stale
        // one is refused): rerun the build (if a lexicon file was added since SwiftPM last
        // evaluated the plugin, touch Package.swift first).
        let prebuilt = try #require(BuiltinDictionary.prebuilt)
        #expect(BuiltinDictionary.loadsPrebuiltImage)
        #expect(prebuilt.count == (try BuiltinDictionary.loaded.get().lexicon.count))
        // Nothing was copied: the tables are the image's memory.
        #expect(prebuilt.edges.slots.isBorrowed && prebuilt.deepEdges.slots.isBorrowed)
        #expect(prebuilt.pairNodes.slots.isBorrowed && prebuilt.nodes.isBorrowed)
    }

    /// `forEachTaggedEntry` gives what `entries` gives for the entries with a tag, in the same
    /// order: on the prebuilt image, on the sample read from an image and then changed (an
    /// entry added after the image's, one replaced, one removed), and on the parsed sample.
    @Test func taggedEntriesAreTheEntriesWithATag() throws {
        func check(_ lexicon: Lexicon) {
            var seen: [String] = []
            lexicon.forEachTaggedEntry { word, tag in seen.append("\(word)/\(tag)") }
            let expected = lexicon.entries.compactMap { entry in entry.tag.map { "\(entry.word)/\($0)" } }
            #expect(seen == expected)
            #expect(!seen.isEmpty)
        }
        check(try #require(BuiltinDictionary.prebuilt))
        check(Self.sampleLexicon())
        Self.withImage(of: Self.sampleLexicon()) { read in
            guard var lexicon = read else {
                Issue.record("the sample's image was not read")
                return
            }
            check(lexicon)
            lexicon.insert(.init(word: "人民代表大会", frequency: 9, tag: "nt", origin: .user(file: "<runtime>")))
            lexicon.insert(.init(word: "全过程", tag: "n", origin: .user(file: "<runtime>")))
            let removed = lexicon.remove("习近平")
            #expect(removed)
            check(lexicon)
        }
    }

    @Test func prebuiltTablesEqualTheTablesBuiltFromTheText() throws {
        let prebuilt = try #require(BuiltinDictionary.prebuilt)
        let parsed = try BuiltinDictionary.parseText().get()
        #expect(prebuilt.count > 5000)
        let (a, b) = (prebuilt.parts, parsed.parts)
        #expect(a.edges == b.edges)
        #expect(a.deepEdges == b.deepEdges)
        #expect(a.pairNodes == b.pairNodes)
        #expect(a.nodes == b.nodes)
        #expect(a.entries == b.entries)
        #expect(a.costs == b.costs)
        #expect(a.isUser == b.isUser)
        #expect(a.startsBMP == b.startsBMP && a.pairFilter == b.pairFilter)
        #expect(a.liveCount == b.liveCount && a.singleScalarWords == b.singleScalarWords && a.maxWordLength == b.maxWordLength)
        #expect(prebuilt.entries == parsed.entries)
    }

    @Test func sameTokensAsFromTheText() throws {
        let prebuilt = try #require(BuiltinDictionary.prebuilt)
        let fromImage = try Segmenter(lexicon: prebuilt)
        let fromText = try Segmenter(lexicon: BuiltinDictionary.parseText().get())
        // Our own sample text, and every word of the lexicon inside a sentence.
        let sample = try FileBytes.contents(of: Self.packageDirectory + "/Samples/government-report.txt")
        var texts = [String(decoding: sample, as: UTF8.self)]
        texts += prebuilt.entries.prefix(3000).map { "我们要坚持\($0.word)的原则，推进\($0.word)。" }
        for text in texts {
            for mode in Segmenter.Mode.allCases {
                #expect(fromImage.tokens(in: text, mode: mode) == fromText.tokens(in: text, mode: mode))
            }
        }
    }

    @Test func aChangedCopyLeavesTheImageAlone() throws {
        let prebuilt = try #require(BuiltinDictionary.prebuilt)
        var changed = prebuilt
        var expected = try BuiltinDictionary.parseText().get()
        changed.insert(.init(word: "甲乙丙丁戊己", frequency: 5000, tag: "nz", origin: .user(file: "mine.txt")))
        expected.insert(.init(word: "甲乙丙丁戊己", frequency: 5000, tag: "nz", origin: .user(file: "mine.txt")))
        let removedFromImage = changed.remove("全过程人民民主")
        let removedFromText = expected.remove("全过程人民民主")
        #expect(removedFromImage && removedFromText)
        #expect(changed.parts == expected.parts)
        #expect(changed.contains("甲乙丙丁戊己") && !changed.contains("全过程人民民主"))
        #expect(!prebuilt.contains("甲乙丙丁戊己") && prebuilt.contains("全过程人民民主"))
        #expect(prebuilt.edges.slots.isBorrowed && !changed.edges.slots.isBorrowed)
    }

    @Test func roundTrip() {
        let lexicon = Self.sampleLexicon()
        Self.withImage(of: lexicon) { read in
            #expect(read?.parts == lexicon.parts)
            #expect(read?.entry(for: "习近平") == .init(word: "习近平", frequency: 7, tag: "nr", origin: .builtin(file: "lexicon/b.txt")))
            #expect(read?.contains("GDP") == true)
            #expect(read?.count == 5)
        }
        Self.withImage(of: Lexicon()) { read in #expect(read?.parts == Lexicon().parts) }
    }

    @Test func refusesAnImageOfOtherFilesOrDamaged() {
        let lexicon = Self.sampleLexicon()
        Self.withImage(of: lexicon, readFingerprint: 43) { #expect($0 == nil) }
        Self.withImage(of: lexicon, offset: 8) { #expect($0 == nil) }  // misaligned
        Self.withImage(of: lexicon, mutate: { $0.removeLast(64) }) { #expect($0 == nil) }  // truncated
        Self.withImage(of: lexicon, mutate: { $0 = Array($0.prefix(100)) }) { #expect($0 == nil) }
        Self.withImage(of: lexicon, mutate: { $0[0] ^= 1 }) { #expect($0 == nil) }  // magic
        Self.withImage(of: lexicon, mutate: { $0[8] = 9 }) { #expect($0 == nil) }  // version
        // A section offset past the end; an edge table whose size is not a power of two.
        Self.withImage(of: lexicon, mutate: { $0[16 * 8 + 5] = 0x7F }) { #expect($0 == nil) }
        Self.withImage(of: lexicon, mutate: { $0[17 * 8] &+= 16 }) { #expect($0 == nil) }
        Self.withImage(of: lexicon, mutate: { $0 = [] }) { #expect($0 == nil) }
    }

    @Test func fingerprintSeesNamesBytesAndOrder() {
        func fp(_ files: [(String, [UInt8])]) -> UInt64 {
            var raw: [(name: String, bytes: UnsafeRawBufferPointer)] = []
            let copies = files.map { ($0.0, UnsafeMutableRawBufferPointer.allocate(byteCount: max($0.1.count, 1), alignment: 1), $0.1) }
            defer { copies.forEach { $0.1.deallocate() } }
            for (name, memory, bytes) in copies {
                bytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: memory[0..<bytes.count]).copyMemory(from: $0) }
                raw.append((name, UnsafeRawBufferPointer(rebasing: memory[0..<bytes.count])))
            }
            return LexiconImage.fingerprint(of: raw)
        }
        let a = fp([("lexicon/a.txt", Array("习近平 nr\n".utf8)), ("lexicon/b.txt", Array("全过程\n".utf8))])
        #expect(a == fp([("lexicon/a.txt", Array("习近平 nr\n".utf8)), ("lexicon/b.txt", Array("全过程\n".utf8))]))
        #expect(a != fp([("lexicon/b.txt", Array("全过程\n".utf8)), ("lexicon/a.txt", Array("习近平 nr\n".utf8))]))
        #expect(a != fp([("lexicon/a.txt", Array("习近平 nr\n".utf8)), ("lexicon/c.txt", Array("全过程\n".utf8))]))
        #expect(a != fp([("lexicon/a.txt", Array("习近平 nz\n".utf8)), ("lexicon/b.txt", Array("全过程\n".utf8))]))
        #expect(a != fp([("lexicon/a.txt", Array("习近平 nr\n".utf8)), ("lexicon/b.txt", Array("全过程\n\0".utf8))]))
        #expect(a != fp([("lexicon/a.txt", Array("习近平 nr\n".utf8))]))
    }

    /// The package's root, from this file's path.
    static var packageDirectory: String {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/LexiconTests/LexiconImageTests.swift
        return parts.joined(separator: "/")
    }
}
