import Testing
@testable import Indexer

/// A length read from a file (a store block's raw length) is checked against the zstd frame's
/// own header before memory is set aside for it (a fuzzed block table asked for 2 GiB per read).
@Suite struct ZstdLengths {
    @Test func aLengthTheFrameDoesNotDeclareIsRefused() throws {
        let text = Array(String(repeating: "全过程人民民主。", count: 200).utf8)
        let compressor = try #require(Zstd.Compressor(dictionary: []))
        var writer = ByteWriter()
        let written = compressor.compress(text, appendingTo: &writer)
        #expect(written != nil)
        let decompressor = Zstd.Decompressor(dictionary: .empty)
        let f = OwnedBytes(copying: writer.bytes)
        #expect(Zstd.Decompressor.declares(f, rawLength: text.count))
        #expect(!Zstd.Decompressor.declares(f, rawLength: text.count + 1))
        #expect(!Zstd.Decompressor.declares(f, rawLength: 1 << 31))
        #expect(!Zstd.Decompressor.declares(f, rawLength: -1))
        #expect(decompressor.decompress(f, rawLength: text.count)?.array == text)
        #expect(decompressor.decompressPlain(f, rawLength: text.count)?.array == text)
        #expect(decompressor.decompress(f, rawLength: 1 << 31) == nil)
        #expect(decompressor.decompressPlain(f, rawLength: text.count - 1) == nil)
        // Not a frame at all: its first bytes are no zstd magic number.
        #expect(!Zstd.Decompressor.declares(try #require(f.suffix(from: 4)), rawLength: text.count))
    }
}
