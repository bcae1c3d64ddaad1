import Foundation
import Testing
@testable import Indexer

/// The blocked term dictionary (TERMINFO, format 9): records round-trip through the blocks and
/// their index, and a segment finds every term it holds, and none it does not.
@Suite struct TermDictionaryTests {
    /// `count` records as a builder makes them: contiguous term bytes, offsets non-decreasing.
    func records(_ count: Int) -> [SegmentFormat.TermRecord] {
        var rng = SystemRandomNumberGenerator()
        var out: [SegmentFormat.TermRecord] = []
        var start: UInt32 = 0, postings: UInt32 = 0, positions: UInt32 = 0
        for _ in 0..<count {
            let length = UInt32.random(in: 1...40, using: &rng)
            let df = [1, 2, 127, 128, 129, 100_000].randomElement(using: &rng) ?? 1
            out.append(SegmentFormat.TermRecord(
                termStart: start, termLength: length, docFreq: UInt32(df), maxTF: UInt32.random(in: 1...70_000, using: &rng),
                minNorm: Float.random(in: 0...3, using: &rng), tfidfBound: Float.random(in: 0...1, using: &rng),
                postingsOffset: postings, positionsOffset: positions))
            start += length
            postings += UInt32.random(in: 1...300_000, using: &rng)
            positions += UInt32.random(in: 0...3_000_000, using: &rng)
        }
        return out
    }

    @Test func recordsRoundTripFromEveryBlock() throws {
        for count in [0, 1, 7, 8, 9, 15, 16, 17, 33, 500] {
            let written = records(count)
            var out = ByteWriter()
            TermDictionary.encode(written, into: &out)
            do {
                let dictionary = try #require(TermDictionary(OwnedBytes(copying: out.bytes)))
                #expect(dictionary.termCount == count)
                let size = TermDictionary.blockSize
                #expect(dictionary.blockCount == (count + size - 1) / size)
                for b in 0..<dictionary.blockCount {
                    var walk = dictionary.walk(fromBlock: b)
                    var read: [SegmentFormat.TermRecord] = []
                    while let r = walk.next() { read.append(r) }
                    #expect(read == Array(written[(b * size)...]), "count \(count) block \(b)")
                    let first = try #require(dictionary.firstTerm(ofBlock: b))
                    #expect(first.start == Int(written[b * size].termStart) && first.length == Int(written[b * size].termLength))
                }
            }
            // Smaller than format 8's 28 bytes a term even with these wide random values.
            if count >= TermDictionary.blockSize { #expect(out.count < count * 28, "\(out.count) bytes for \(count) terms") }
        }
    }

    /// Terms that are prefixes of one another across block boundaries (a block's first term a
    /// prefix of the term looked up, followed by terms that sort after it): `find` gets every
    /// term and none of the strings between them.
    @Test func findGetsEveryTermAmongPrefixes() throws {
        // Every string of 1–5 letters over a, b, c, sorted: 363 terms, prefix chains everywhere.
        var words: [[UInt8]] = [[]]
        var all: [[UInt8]] = []
        for _ in 1...5 {
            words = words.flatMap { w in [UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "c")].map { w + [$0] } }
            all += words
        }
        all.sort { $0.lexicographicallyPrecedes($1) }
        let kept = all.enumerated().filter { $0.offset % 3 != 1 }.map(\.element)  // leave gaps to miss
        var termBytes: [UInt8] = []
        var written: [SegmentFormat.TermRecord] = []
        for (i, w) in kept.enumerated() {
            written.append(SegmentFormat.TermRecord(termStart: UInt32(termBytes.count), termLength: UInt32(w.count), docFreq: UInt32(i + 1),
                                                    maxTF: 1, minNorm: 0.5, tfidfBound: 0.25,
                                                    postingsOffset: UInt32(i * 10), positionsOffset: UInt32(i * 7)))
            termBytes += w
        }
        var out = ByteWriter()
        TermDictionary.encode(written, into: &out)
        do {
            do {
                let dictionary = try #require(TermDictionary(OwnedBytes(copying: out.bytes)))
                let terms = OwnedBytes(copying: termBytes)
                let index = Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($0.element, $0.offset) })
                for w in all + [[], [UInt8(ascii: "d")], [UInt8(ascii: "a"), 0], [UInt8(ascii: "c"), UInt8(ascii: "c"), UInt8(ascii: "c"), UInt8(ascii: "c"), UInt8(ascii: "c"), UInt8(ascii: "c")]] {
                    let found = w.withUnsafeBytes { dictionary.find($0, terms: terms) }
                    if let i = index[w] {
                        #expect(found == written[i], "\(String(decoding: w, as: UTF8.self))")
                    } else {
                        #expect(found == nil, "\(String(decoding: w, as: UTF8.self))")
                    }
                }
            }
        }
    }

    @Test func truncatedOrOvercountedSectionIsRefusedOrEndsTheWalk() throws {
        let written = records(40)
        var out = ByteWriter()
        TermDictionary.encode(written, into: &out)
        // A term count the section cannot hold: refused.
        var overcounted = out.bytes
        overcounted[0] = 0xFF; overcounted[1] = 0xFF; overcounted[2] = 0xFF
        #expect(TermDictionary(OwnedBytes(copying: overcounted)) == nil)
        // Records cut short: the walk stops (nil), it does not read past the section.
        for cut in [out.count - 1, out.count - 20, TermDictionary.headerSize + 5 * TermDictionary.entrySize + 5] {
            let bytes = Array(out.bytes[0..<cut])
            do {
                guard let dictionary = TermDictionary(OwnedBytes(copying: bytes)) else { continue }
                var walk = dictionary.walk(fromBlock: 0)
                var n = 0
                while walk.next() != nil { n += 1 }
                #expect(n < written.count)
            }
        }
    }

    @Test func segmentFindsEveryTermAndNoOther() throws {
        let path = temporaryIndexPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        var documents = Corpus.documents
        documents.append(IndexDocument(id: "more", text: "生态环境保护，绿色低碳转型，科技自立自强，教育强国建设，健康中国行动，区域协调发展战略，共同富裕，对外开放。"))
        let reader = try Corpus.build(path, documents: documents)
        let segment = try #require(reader.segments.first)
        try segment.checkTables()
        var terms: [[UInt8]] = []
        var walk = segment.dictionary.walk(fromBlock: 0)
        while let record = walk.next() {
            let bytes = try #require(segment.terms.slice(Int(record.termStart), Int(record.termLength)))
            terms.append(bytes.array)
            let info = try #require(segment.lookup(bytes.array))
            #expect(info.docFreq == Int(record.docFreq) && info.postingsOffset == Int(record.postingsOffset)
                    && info.positionsOffset == Int(record.positionsOffset) && info.maxTF == record.maxTF)
        }
        #expect(terms.count == segment.termCount && terms.count > 3 * TermDictionary.blockSize)
        #expect(zip(terms, terms.dropFirst()).allSatisfy { $0.lexicographicallyPrecedes($1) })
        #expect(segment.lookup(Array("乡村振兴".utf8)) != nil)
        // Strings between and around the terms are not found.
        for term in terms {
            #expect(segment.lookup(term + [0]) == nil)
            #expect(segment.lookup(term.dropLast() + [0xFF]) == nil || terms.contains(term.dropLast() + [0xFF]))
        }
        #expect(segment.lookup([]) == nil && segment.lookup([0]) == nil && segment.lookup([0xFF, 0xFF]) == nil)
        // Prefixes: the terms with that prefix, in order.
        var all: [[UInt8]] = []
        segment.forEachTerm(startingWith: []) { bytes, _ in all.append(Array(bytes)) }
        #expect(all == terms)
        for prefix in Set(terms.map { Array($0.prefix(3)) }) {
            var found: [[UInt8]] = []
            segment.forEachTerm(startingWith: prefix) { bytes, _ in found.append(Array(bytes)) }
            #expect(found == terms.filter { $0.starts(with: prefix) })
        }
        // Suffixes: every term ending with the last character of 发展.
        var ending: [[UInt8]] = []
        segment.forEachTerm(endingWith: Array("展".utf8)) { bytes, _ in ending.append(Array(bytes)) }
        #expect(Set(ending) == Set(terms.filter { $0.count >= 3 && Array($0.suffix(3)) == Array("展".utf8) }))
        #expect(ending.contains(Array("发展".utf8)))
    }
}
