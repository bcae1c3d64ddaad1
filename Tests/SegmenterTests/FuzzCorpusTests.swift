import Foundation
import Segmenter
import Testing

/// The kept inputs of the fuzz targets (`Fuzz/Corpus/`: seeds and the inputs the fuzzers
/// found interesting), replayed with the targets' invariants in the ordinary test run, so a
/// regression shows without building the fuzzers.
@Suite struct FuzzCorpus {
    /// The files of `Fuzz/Corpus/<target>/`.
    static func inputs(_ target: String) -> [(name: String, bytes: [UInt8])] {
        let folder = Repo.path("Fuzz/Corpus/" + target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().compactMap { name in
            FileManager.default.contents(atPath: folder + "/" + name).map { (name, Array($0)) }
        }
    }

    @Test func segmenterInputsTileOrFailAtTheirFirstBadByte() throws {
        let inputs = Self.inputs("FuzzSegmenter")
        #expect(inputs.count >= 2, "the seed corpus is missing")
        for (name, input) in inputs {
            // As in the target: `~~` stands for the rest repeated to over 33 KB (more than one chunk).
            var bytes = input
            if input.count > 2 && input.starts(with: [0x7E, 0x7E]) {
                bytes = []
                while bytes.count < 33_500 { bytes += input.dropFirst(2) }
            }
            let firstBad = firstInvalidUTF8Offset(bytes)
            for mode in Segmenter.Mode.allCases {
                var tokens: [Token] = []
                do {
                    try bytes.withUnsafeBufferPointer { _ = try Shared.segmenter.segment(utf8: $0, mode: mode, into: &tokens) }
                    #expect(firstBad == nil, "\(name): invalid UTF-8 accepted")
                    let text = String(decoding: bytes, as: UTF8.self)
                    #expect(tiles(tokens.filter { !$0.isSubword }, text), "\(name) (\(mode)): tokens do not tile")
                    #expect(tokens.allSatisfy { $0.utf8Range.upperBound <= bytes.count && !$0.utf8Range.isEmpty }, "\(name)")
                } catch {
                    #expect(error as? SegmenterError == .invalidUTF8(byteOffset: firstBad ?? -1), "\(name): \(error)")
                }
            }
        }
    }

    @Test func dictionaryInputsParseOrNameTheirLine() throws {
        let inputs = Self.inputs("FuzzDictionary")
        #expect(inputs.count >= 2, "the seed corpus is missing")
        for (name, bytes) in inputs {
            do {
                let file = try DictionaryFile(bytes: bytes, name: name)
                // Written back as `word<TAB>freq<TAB>tag`, the entries read the same.
                let rewritten = file.lines.map { "\($0.word)\t\($0.frequency.map(String.init) ?? "")\t\($0.tag ?? "")\n" }.joined()
                let again = try DictionaryFile(bytes: Array(rewritten.utf8), name: name)
                #expect(again.lines.map(\.word) == file.lines.map(\.word), "\(name)")
                #expect(again.lines.map(\.frequency) == file.lines.map(\.frequency), "\(name)")
                #expect(again.lines.map(\.tag) == file.lines.map(\.tag), "\(name)")
            } catch {
                switch error {
                case .dictionaryNotUTF8(_, let line, let offset): #expect(line >= 1 && offset < bytes.count, "\(name)")
                case .malformedDictionaryLine(_, let line, let reason): #expect(line >= 1 && !reason.isEmpty, "\(name)")
                default: Issue.record("\(name): \(error)")
                }
            }
        }
    }
}
