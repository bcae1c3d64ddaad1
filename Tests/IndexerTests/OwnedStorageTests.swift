import Foundation
import Testing
@testable import Indexer
import Segmenter

/// The owning types that hold the indexer's pointer work (`OwnedBuffer`, `OwnedBytes`,
/// `ByteWriter`): their operations against plain arrays, their bounds, and lifetimes.
struct OwnedStorageTests {
    @Test func ownedBufferReadsWritesAndCopiesLikeAnArray() {
        var rng = SystemRandomNumberGenerator()
        let source = (0..<1000).map { _ in UInt32.random(in: 0...UInt32.max, using: &rng) }
        let buffer = OwnedBuffer<UInt32>(repeating: 7, count: 600)
        var model = [UInt32](repeating: 7, count: 600)
        for _ in 0..<200 {
            let length = Int.random(in: 0...40, using: &rng)
            let from = Int.random(in: 0...(source.count - length), using: &rng)
            let to = Int.random(in: 0...(model.count - length), using: &rng)
            buffer.copy(from: source, source: from..<from + length, to: to)
            model.replaceSubrange(to..<to + length, with: source[from..<from + length])
            let i = Int.random(in: 0..<model.count, using: &rng)
            buffer[i] &+= 3
            model[i] &+= 3
        }
        #expect(Array(buffer) == model)
        #expect(buffer.array(10..<50) == Array(model[10..<50]))
        #expect(Array(buffer[100..<120]) == Array(model[100..<120]))
        #expect(Array(OwnedBuffer(copying: source)) == source)
        #expect(OwnedBuffer<Int>(repeating: 1, count: -3).isEmpty)
    }

    @Test func byteWriterWritesLittleEndianAndChecksumsItsRanges() {
        var w = ByteWriter()
        w.u32(0x0403_0201)
        w.u64(0x0C0B_0A09_0807_0605)
        w.f32(1.5)
        w.varint(300)
        w.align(8)
        let expected: [UInt8] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] + withUnsafeBytes(of: Float(1.5).bitPattern.littleEndian, Array.init)
            + [0xAC, 0x02, 0, 0, 0, 0, 0, 0]
        #expect(w.bytes == expected)
        #expect(w.checksum() == CRC32.checksum(expected))
        #expect(w.checksum(3..<11) == CRC32.checksum(Array(expected[3..<11])))
        // A checksum continued over two ranges is the checksum of the two joined.
        #expect(w.checksum(8..<12, continuing: w.checksum(0..<4, continuing: CRC32.start)) ^ 0xFFFF_FFFF
                == CRC32.checksum(Array(expected[0..<4] + expected[8..<12])))
        // The CRC of "123456789" (the standard check value of CRC-32/IEEE).
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func appendUnsafeKeepsWhatWasWrittenAndNothingOnFailure() {
        var w = ByteWriter(bytes: [9])
        let n = w.appendUnsafe(capacity: 16) { target in
            for i in 0..<5 { target[i] = UInt8(i + 1) }
            return 5
        }
        #expect(n == 5 && w.bytes == [9, 1, 2, 3, 4, 5])
        #expect(w.appendUnsafe(capacity: 16) { _ in nil } == nil)
        #expect(w.appendUnsafe(capacity: 4) { _ in 5 } == nil)  // more than the room given: refused
        #expect(w.bytes == [9, 1, 2, 3, 4, 5])
    }

    @Test func ownedBytesReadsAreBoundsCheckedAndSlicesKeepTheirOwner() throws {
        var w = ByteWriter()
        w.u32(0xDEAD_BEEF); w.u64(42); w.varint(1_000_000); w.append(Array("中国".utf8))
        var slice: OwnedBytes?
        do {
            // The only reference to the memory is the slice's once this scope ends.
            let bytes = OwnedBytes(copying: w.bytes)
            #expect(bytes.u32(0) == 0xDEAD_BEEF && bytes.u64(4) == 42)
            #expect(bytes.u32(bytes.count - 3) == nil && bytes.u32(-1) == nil && bytes.u8(bytes.count) == nil)
            #expect(bytes.slice(5, bytes.count) == nil && bytes.slice(-1, 2) == nil)
            slice = bytes.slice(12, bytes.count - 12)
        }
        let rest = try #require(slice)
        let (value, next) = try #require(rest.varint(0))
        #expect(value == 1_000_000)
        #expect(rest.suffix(from: next)?.string == "中国")
        #expect(rest.suffix(from: next)?.equals(Array("中国".utf8)) == true)
        #expect(rest.checksum() == CRC32.checksum(Array(w.bytes[12...])))
        #expect(OwnedBytes.empty.isEmpty && OwnedBytes.empty.slice(0, 0)?.count == 0)
    }

    @Test func storeBlocksRoundTripThroughZstdIntoOwnedBytes() throws {
        // Texts of our own, repeated so that a dictionary is trained.
        let sentence = Array("全面推进乡村振兴，加快建设农业强国。粮食安全是国之大者，各地加快发展现代农业。".utf8)
        var contents = ByteWriter()
        var rng = SystemRandomNumberGenerator()
        while contents.count < 200 << 10 {
            contents.append(sentence.shuffled(using: &rng).prefix(Int.random(in: 20...sentence.count, using: &rng)))
        }
        var samples: [UInt8] = [], sizes: [Int] = []
        for i in 0..<40 {
            samples += contents.bytes[(i * 4096)..<(i * 4096 + 4096)]
            sizes.append(4096)
        }
        let dictionary = Zstd.trainDictionary(samples, sampleSizes: sizes, capacity: 8 << 10)
        #expect(!dictionary.isEmpty)
        // Training is deterministic: the store's bytes depend only on its documents.
        #expect(Zstd.trainDictionary(samples, sampleSizes: sizes, capacity: 8 << 10) == dictionary)
        let compressor = try #require(Zstd.Compressor(dictionary: dictionary))
        let decompressor = Zstd.Decompressor(dictionary: OwnedBytes(copying: dictionary))
        var out = ByteWriter()
        let range = 1000..<(1000 + 16 << 10)
        let written = try #require(compressor.compress(contents, range, appendingTo: &out))
        #expect(written == out.count && written < range.count)
        let frame = OwnedBytes(copying: out.bytes)
        let back = try #require(decompressor.decompress(frame, rawLength: range.count))
        #expect(back.array == Array(contents.bytes[range]))
        // A length other than the frame's own is refused before anything is allocated.
        #expect(decompressor.decompress(frame, rawLength: range.count + 1) == nil)
        #expect(decompressor.decompress(try #require(frame.slice(0, frame.count - 1)), rawLength: range.count) == nil)
    }

    /// Documents analysed on several threads into one batch's slots (the analysis job): every
    /// document's analysis arrives, in order, as on one thread.
    @Test func parallelAnalysisFillsEverySlot() throws {
        let analyzer = Analyzer(segmenter: Shared.segmenter)
        let documents = (0..<64).map { i in
            IndexDocument(id: "d\(i)", title: nil, text: String(repeating: Corpus.documents[i % Corpus.documents.count].text, count: 1 + i % 3))
        }
        let parallel = AnalysisJob(documents: documents, analyzer: analyzer, splitter: PassageSplitter())
        DispatchQueue.concurrentPerform(iterations: 8) { parallel.run(part: $0, of: 8) }
        let serial = AnalysisJob(documents: documents, analyzer: analyzer, splitter: PassageSplitter())
        serial.run(part: 0, of: 1)
        let a = parallel.results.values, b = serial.results.values
        #expect(a.count == 64 && a.allSatisfy { $0 != nil })
        for (x, y) in zip(a, b) {
            #expect(x?.document.id == y?.document.id && x?.termBytes == y?.termBytes && x?.groupPositions == y?.groupPositions)
        }
    }
}
