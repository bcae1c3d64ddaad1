#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Segmenter

/// A document analysed for indexing: its term occurrences with positions, its passages.
struct AnalysedDocument: Sendable {
    var document: IndexDocument
    var text: String { document.text }
    /// Number of precise tokens kept as terms: the document's length (for scoring).
    var length: Int
    /// The position just past the text (where its last passage ends).
    var end: Int = 0
    /// Term bytes, concatenated; each occurrence points into them.
    var termBytes: [UInt8]
    var occurrenceStart: [Int32]
    var occurrenceLength: [Int32]
    var occurrencePosition: [Int32]
    /// Per passage: first position, byte start, byte end (in `text`).
    var passages: [(UInt32, UInt32, UInt32)]
    /// The occurrences grouped by term (done in the parallel analysis, so that the serial
    /// builder only interns each distinct term once and appends): distinct term k is
    /// termBytes[groupStart[k] ..< groupStart[k] + groupLength[k]], with positions
    /// groupPositions[groupOffset[k] ..< groupOffset[k + 1]], ascending.
    var groupStart: [Int32] = []
    var groupLength: [Int32] = []
    var groupOffset: [Int32] = []
    var groupPositions: [UInt32] = []

    /// Fills the groups from the occurrences: a small local interner gives each distinct term
    /// an id (in order of first occurrence), then a counting sort by id lays out each term's
    /// positions. Occurrences come in text order, so each term's positions come out ascending
    /// without a comparison sort (but for the rare sub-word met twice in one token).
    mutating func group() {
        let n = occurrenceStart.count
        var interner = TermInterner(capacity: n)
        var ids = [Int32](repeating: 0, count: n)
        var distinct: [Int32] = []  // occurrence index of each distinct term's first occurrence
        for i in 0..<n {
            let s = Int(occurrenceStart[i])
            let id = interner.id(termBytes, s..<s + Int(occurrenceLength[i]))
            if Int(id) == distinct.count { distinct.append(Int32(i)) }
            ids[i] = id
        }
        // groupOffset[k] ..< groupOffset[k + 1]: term k's slots in groupPositions.
        groupOffset = [Int32](repeating: 0, count: distinct.count + 1)
        for id in ids { groupOffset[Int(id) + 1] += 1 }
        for k in 0..<distinct.count { groupOffset[k + 1] += groupOffset[k] }
        var next = groupOffset
        groupPositions = [UInt32](repeating: 0, count: n)
        for i in 0..<n {
            let id = Int(ids[i])
            groupPositions[Int(next[id])] = UInt32(bitPattern: max(occurrencePosition[i], 0))
            next[id] += 1
        }
        // A term's positions come in occurrence order, which is text order but for a sub-word
        // that also occurs inside the same long token earlier: sort such (short) runs.
        for k in 0..<distinct.count {
            let lo = Int(groupOffset[k]), hi = Int(groupOffset[k + 1])
            var sorted = true
            if hi - lo > 1 { for i in lo + 1..<hi where groupPositions[i] < groupPositions[i - 1] { sorted = false; break } }
            if !sorted { groupPositions[lo..<hi].sort() }
        }
        groupStart = distinct.map { occurrenceStart[Int($0)] }
        groupLength = distinct.map { occurrenceLength[Int($0)] }
    }
}

/// Arrays an analysis thread reuses from one document to the next.
struct AnalysisScratch {
    var tokens: [Token] = []
    /// The text as a folding segmenter read it (empty without folding).
    var folded: [UInt32] = []
    var tokenStarts: [Int] = []
    var tokenPositions: [Int] = []
}

extension Analyzer {
    /// Analyses a document for the index: its terms and positions (`forEachTerm`, search
    /// mode), and its passages with the position each starts at.
    func analyse(_ document: IndexDocument, splitter: PassageSplitter, scratch: inout AnalysisScratch) -> AnalysedDocument {
        let text = document.text
        var doc = AnalysedDocument(document: document, length: 0, termBytes: [],
                                   occurrenceStart: [], occurrenceLength: [], occurrencePosition: [], passages: [])
        var copy = text
        scratch.tokens.removeAll(keepingCapacity: true)
        scratch.folded.removeAll(keepingCapacity: true)
        scratch.tokenStarts.removeAll(keepingCapacity: true)
        scratch.tokenPositions.removeAll(keepingCapacity: true)
        var end = 0
        copy.withUTF8 { bytes in
            segment(bytes, into: &scratch.tokens, folded: &scratch.folded)
            doc.termBytes.reserveCapacity(bytes.count + bytes.count / 2)
            // At most one occurrence per token: one allocation each instead of doubling.
            doc.occurrenceStart.reserveCapacity(scratch.tokens.count)
            doc.occurrenceLength.reserveCapacity(scratch.tokens.count)
            doc.occurrencePosition.reserveCapacity(scratch.tokens.count)
            let folded = scratch.folded
            let counts = folded.withUnsafeBufferPointer { folded in
                forEachTerm(utf8: bytes, tokens: scratch.tokens, folded: folded, termBytes: &doc.termBytes) { start, length, position, token in
                    if !token.isSubword {
                        scratch.tokenStarts.append(token.utf8Range.lowerBound)
                        scratch.tokenPositions.append(position)
                    }
                    doc.occurrenceStart.append(Int32(start))
                    doc.occurrenceLength.append(Int32(length))
                    doc.occurrencePosition.append(Int32(clamping: position))
                }
            }
            doc.length = counts.length
            end = counts.end
        }
        doc.end = end
        // Passages: the position of the first term at or after each passage's start.
        var t = 0
        for passage in splitter.passages(in: text) {
            while t < scratch.tokenStarts.count && scratch.tokenStarts[t] < passage.utf8Range.lowerBound { t += 1 }
            let first = t < scratch.tokenPositions.count ? scratch.tokenPositions[t] : end
            doc.passages.append((UInt32(clamping: first), UInt32(passage.utf8Range.lowerBound), UInt32(passage.utf8Range.upperBound)))
        }
        doc.group()
        return doc
    }
}

/// Collects analysed documents in memory and writes them as one immutable segment.
final class SegmentBuilder {
    /// Terms and postings, in one value so that `add` can move it out of the object for its
    /// loop (a local has no dynamic exclusivity checks) and back.
    private struct Postings {
        var interner = TermInterner()
        // Postings as flat records in document order (term, doc, tf; positions concatenated),
        // grouped by term only when the segment is written: adding a document appends to four
        // arrays, with no array per term.
        var recordTerm: [Int32] = []
        var recordDoc: [UInt32] = []
        var recordTF: [UInt32] = []
        var allPositions: [UInt32] = []
        var termDocFreq: [Int32] = []
    }
    private var postings = Postings()
    private var interner: TermInterner { postings.interner }
    private var recordTerm: [Int32] { postings.recordTerm }
    private var recordDoc: [UInt32] { postings.recordDoc }
    private var recordTF: [UInt32] { postings.recordTF }
    private var allPositions: [UInt32] { postings.allPositions }
    private var termDocFreq: [Int32] { postings.termDocFreq }
    private var docRecords = ByteWriter()
    private var passageRecords = ByteWriter()
    private var stored = StoredDocumentsWriter()
    private var docLengths: [UInt32] = []
    private(set) var docCount = 0
    private var passageCount = 0
    private var totalLength: UInt64 = 0
    private var totalPassageLength: UInt64 = 0
    /// A rough count of the bytes held, for the memory budget.
    private(set) var estimatedBytes = 0
    /// Threads for encoding postings when writing.
    var threads = 1

    init() {}

    func add(_ doc: AnalysedDocument) {
        let ordinal = UInt32(docCount)
        docCount += 1
        // One intern per distinct term (the grouping was done in the parallel analysis).
        let distinct = doc.groupStart.count
        var p = Postings(interner: TermInterner())
        swap(&p, &postings)
        defer { swap(&p, &postings) }
        var added = 0
        for k in 0..<distinct {
            let s = Int(doc.groupStart[k])
            let tid = Int(p.interner.id(doc.termBytes, s..<s + Int(doc.groupLength[k])))
            if tid == p.termDocFreq.count { p.termDocFreq.append(0) }
            p.termDocFreq[tid] += 1
            let lo = Int(doc.groupOffset[k]), hi = Int(doc.groupOffset[k + 1])
            p.allPositions.append(from: doc.groupPositions, lo..<hi)
            p.recordTerm.append(Int32(tid))
            p.recordDoc.append(ordinal)
            p.recordTF.append(UInt32(hi - lo))
            added += 8 + (hi - lo) * 4
        }
        estimatedBytes += added
        // The index keeps what search reads (length, passages' first positions); ids, titles,
        // texts and passage byte ranges go to the store.
        let storedBefore = stored.byteCount
        stored.add(doc.document, passages: doc.passages.map { ($0.1, $0.2) })
        SegmentFormat.DocsRecord(length: UInt32(doc.length), firstPassage: UInt32(passageCount),
                                 passageOffset: UInt32(passageRecords.count)).encode(into: &docRecords)
        for (i, p) in doc.passages.enumerated() {
            // First positions: the first absolute, then gaps (varints).
            passageRecords.varint(i == 0 ? p.0 : p.0 &- doc.passages[i - 1].0)
            let next = i + 1 < doc.passages.count ? doc.passages[i + 1].0 : UInt32(clamping: doc.end)
            totalPassageLength += UInt64(next >= p.0 ? next - p.0 : 0)
        }
        // Then where the last passage ends (the text's end position), as a gap.
        if let last = doc.passages.last {
            let end = UInt32(clamping: doc.end)
            passageRecords.varint(end >= last.0 ? end - last.0 : 0)
        }
        passageCount += doc.passages.count
        docLengths.append(UInt32(doc.length))
        totalLength += UInt64(doc.length)
        estimatedBytes += stored.byteCount - storedBefore + 64
    }

    /// Writes `<name>.idx` and `<name>.store` into `directory` (fsynced).
    func write(directory: String, name: String) throws(IndexError) {
        var out = ByteWriter()
        out.append(SegmentFormat.magic)
        out.u32(SegmentFormat.version)
        out.u32(0)
        var sections: [(Int, Int)] = []
        func begin() -> Int { out.align(8); return out.count }

        // The store is compressed, written and fsynced on another thread while the index is
        // grouped, encoded and assembled here.
        let storeWritten = DispatchGroup()
        let storeError = StoreWriteResult()
        let storePath = directory + "/" + name + ".store"
        stored.threads = threads
        let storeJob = UncheckedSendable((stored, storePath, storeError))
        stored = StoredDocumentsWriter()
        storeWritten.enter()
        DispatchQueue.global().async {
            let (documents, path, result) = storeJob.value
            do throws(IndexError) {
                guard let bytes = documents.serialized() else { throw .io(path: path, reason: "compression failed (out of memory?)") }
                try FileIO.writeDurably(bytes, to: path)
            } catch { result.error = error }
            storeWritten.leave()
        }
        // Nothing returns or throws before the store write is waited for.
        defer { storeWritten.wait() }

        // Terms sorted by bytes.
        let termOrder = (0..<interner.count).sorted { a, b in
            interner.bytes(Int32(a)).lexicographicallyPrecedes(interner.bytes(Int32(b)))
        }
        var s = begin()
        var termStarts: [Int] = []
        for t in termOrder {
            termStarts.append(out.count - s)
            out.append(interner.bytes(Int32(t)))
        }
        let termBytesCount = out.count - s
        sections.append((s, termBytesCount))

        // Postings and positions are built first (their offsets go into TERMINFO): in chunks
        // of terms with about equal numbers of postings, encoded in parallel, then joined.
        let averageLength = SegmentFormat.averageLength(totalLength: totalLength, docCount: docCount)
        let parts = max(1, min(threads, termOrder.count))
        var bounds = [0]
        if parts > 1 {
            let total = recordTerm.count
            var sum = 0
            for (rank, t) in termOrder.enumerated() {
                sum += Int(termDocFreq[t])
                if sum * parts >= total * bounds.count && bounds.count < parts { bounds.append(rank + 1) }
            }
        }
        if bounds.last != termOrder.count { bounds.append(termOrder.count) }
        let slots = Slots<TermChunk>(count: bounds.count - 1)
        // Each thread writes its own slot; the builder is only read meanwhile.
        let ranges = bounds
        let grouped = groupPostings()
        // The records are grouped now: free them before encoding (a builder writes once).
        postings.recordTerm = []
        postings.recordDoc = []
        postings.recordTF = []
        postings.allPositions = []
        let shared = UncheckedSendable((self, slots, grouped))
        DispatchQueue.concurrentPerform(iterations: bounds.count - 1) { c in
            let (builder, out, groups) = shared.value
            out[c] = builder.encode(termOrder[ranges[c]..<ranges[c + 1]], groups: groups, averageLength: averageLength)
        }
        let chunks = slots.values
        var postings = ByteWriter()
        var positions = ByteWriter()
        var records: [SegmentFormat.TermRecord] = []
        records.reserveCapacity(termOrder.count)
        var rank = 0
        for chunk in chunks {
            guard let chunk else { continue }
            let postingsBase = postings.count, positionsBase = positions.count
            postings.append(chunk.postings)
            positions.append(chunk.positions)
            for record in chunk.records {
                let postingsStart = postingsBase + record.postingsStart, positionsStart = positionsBase + record.positionsStart
                guard postingsStart <= Int(UInt32.max), positionsStart <= Int(UInt32.max) else {
                    throw .io(path: directory + "/" + name + ".idx", reason: "segment too large (over 4 GiB of postings); lower the memory budget")
                }
                let termEnd = rank + 1 < termStarts.count ? termStarts[rank + 1] : termBytesCount
                records.append(SegmentFormat.TermRecord(
                    termStart: UInt32(termStarts[rank]), termLength: UInt32(termEnd - termStarts[rank]),
                    docFreq: record.docFreq, maxTF: record.maxTF, minNorm: record.minNorm, tfidfBound: record.tfidfBound,
                    postingsOffset: UInt32(postingsStart), positionsOffset: UInt32(positionsStart)))
                rank += 1
            }
        }
        // Rice decoders load 8 bytes at a time: the sections they read end with zeros.
        postings.append(repeatElement(0, count: RiceCoding.padding))
        positions.append(repeatElement(0, count: RiceCoding.padding))
        s = begin(); TermDictionary.encode(records, into: &out); sections.append((s, out.count - s))
        // POSTINGS and POSITIONS start on a cache line: with the smaller term dictionary they
        // had moved, and top-k queries were 2–3% slower than format 8's on the same postings
        // (Benchmarks/RESULTS.md, format 9).
        out.align(64); s = begin(); out.append(postings); sections.append((s, out.count - s))
        out.align(64); s = begin(); out.append(positions); sections.append((s, out.count - s))
        s = begin(); out.append(docRecords); sections.append((s, out.count - s))
        s = begin(); out.append(passageRecords); sections.append((s, out.count - s))
        s = begin()
        out.u32(UInt32(docCount)); out.u32(UInt32(passageCount)); out.u64(totalLength); out.u64(totalPassageLength)
        sections.append((s, out.count - s))

        out.align(8)
        var footer = ByteWriter()
        for (offset, length) in sections {
            footer.u64(UInt64(offset)); footer.u64(UInt64(length))
            footer.u32(out.checksum(offset..<offset + length)); footer.u32(0)
        }
        let footerCRC = footer.checksum()
        let bodyCRC = out.checksum()  // everything before the footer, padding included
        out.append(footer)
        out.u32(footerCRC); out.u32(bodyCRC)
        out.append(SegmentFormat.endMagic)

        try FileIO.writeDurably(out.bytes, to: directory + "/" + name + ".idx")
        storeWritten.wait()
        if let error = storeError.error { throw error }
    }
}

/// The outcome of writing a store on another thread. `@unchecked Sendable`: written by that
/// thread only, read after waiting for it.
private final class StoreWriteResult: @unchecked Sendable {
    var error: IndexError?
}

/// The postings, positions and term records of a run of terms, with offsets relative to the
/// run (the writer joins runs encoded in parallel).
struct TermChunk {
    struct Record {
        var docFreq: UInt32
        var maxTF: UInt32
        var minNorm: Float
        var tfidfBound: Float
        var postingsStart: Int
        var positionsStart: Int
    }
    var postings = ByteWriter()
    var positions = ByteWriter()
    var records: [Record] = []
}

/// The postings grouped by term, contiguous: term t's documents and tfs are
/// `docs[termStart[t] ..< termStart[t + 1]]` (ascending) and `tfs[…]`, its positions
/// `positions[positionStart[t] ..< positionStart[t + 1]]`, posting after posting. Made by one
/// thread, then read by the encoding threads.
struct GroupedPostings: Sendable {
    var termStart: OwnedBuffer<Int>
    var docs: OwnedBuffer<UInt32>
    var tfs: OwnedBuffer<UInt32>
    var positionStart: OwnedBuffer<Int>
    var positions: OwnedBuffer<UInt32>
}

extension SegmentBuilder {
    /// Groups the posting records by term: a counting sort that moves the data (stable, so
    /// each term's documents stay ascending), reading the records in order, so that encoding
    /// then reads every term's postings contiguously.
    func groupPostings() -> GroupedPostings {
        let terms = termDocFreq.count
        let recordTerm = postings.recordTerm, recordDoc = postings.recordDoc, recordTF = postings.recordTF
        let source = postings.allPositions
        let termDocFreq = self.termDocFreq
        let termStart = OwnedBuffer<Int>(repeating: 0, count: terms + 1)
        let positionStart = OwnedBuffer<Int>(repeating: 0, count: terms + 1)
        let docs = OwnedBuffer<UInt32>(repeating: 0, count: recordTerm.count)
        let tfs = OwnedBuffer<UInt32>(repeating: 0, count: recordTerm.count)
        let positions = OwnedBuffer<UInt32>(repeating: 0, count: source.count)
        for r in 0..<recordTerm.count { positionStart[Int(recordTerm[r]) + 1] += Int(recordTF[r]) }
        for t in 0..<terms {
            termStart[t + 1] = termStart[t] + Int(termDocFreq[t])
            positionStart[t + 1] += positionStart[t]
        }
        // Where each term's next posting and next positions go.
        let fill = OwnedBuffer<Int>(count: terms + 1) { termStart[$0] }
        let positionFill = OwnedBuffer<Int>(count: terms + 1) { positionStart[$0] }
        var at = 0
        for r in 0..<recordTerm.count {
            let t = Int(recordTerm[r]), tf = Int(recordTF[r])
            docs[fill[t]] = recordDoc[r]
            tfs[fill[t]] = recordTF[r]
            fill[t] += 1
            positions.copy(from: source, source: at..<at + tf, to: positionFill[t])
            positionFill[t] += tf
            at += tf
        }
        return GroupedPostings(termStart: termStart, docs: docs, tfs: tfs, positionStart: positionStart, positions: positions)
    }

    /// Encodes the postings and positions of `terms` (ids, in the order they are written).
    func encode(_ terms: ArraySlice<Int>, groups: GroupedPostings, averageLength: Double) -> TermChunk {
        var chunk = TermChunk()
        chunk.records.reserveCapacity(terms.count)
        var docBuffer = [UInt32](repeating: 0, count: SegmentFormat.blockSize)
        var tfBuffer = [UInt32](repeating: 0, count: SegmentFormat.blockSize)
        // The block's tfs as they are (for the positions' code; an array slice is read faster
        // than a slice of the grouped buffer).
        var blockTFs = [UInt32](repeating: 0, count: SegmentFormat.blockSize)
        var positionBuffer: [UInt32] = []
        var patched = ByteWriter(), rice = ByteWriter()
        var scales: [Int] = [], scratch = PositionCoding.Scratch()
        for t in terms {
            // Slices of the grouped arrays: indexed from d0 and p0.
            let d0 = groups.termStart[t], p0 = groups.positionStart[t]
            let docs = groups.docs[d0..<groups.termStart[t + 1]]
            let tfs = groups.tfs[d0..<groups.termStart[t + 1]]
            let pos = groups.positions
            let blockCount = (docs.count + SegmentFormat.blockSize - 1) / SegmentFormat.blockSize
            let postingsStart = chunk.postings.count
            let positionsStart = chunk.positions.count
            // Block table placeholder (none for a one-block list: the term record has its bounds).
            let tableStart = chunk.postings.count
            let tableSize = blockCount > 1 ? blockCount * SegmentFormat.blockInfoSize : 0
            chunk.postings.append(repeatElement(0, count: tableSize))
            var table = ByteWriter()
            var maxTF: UInt32 = 0, minNorm = Double.infinity
            var termBound: Float = 0
            var p = 0
            var previousDoc: UInt32 = 0
            for b in 0..<blockCount {
                let lo = b * SegmentFormat.blockSize, hi = min(docs.count, lo + SegmentFormat.blockSize)
                let n = hi - lo
                var blockMaxTF: UInt32 = 0, blockMinNorm = Double.infinity
                var blockBound: Float = 0
                let blockPositionsStart = chunk.positions.count - positionsStart
                positionBuffer.removeAll(keepingCapacity: true)
                for i in lo..<hi {
                    let d = docs[d0 + i]
                    docBuffer[i - lo] = i == 0 ? d : d - previousDoc
                    previousDoc = d
                    let tf = tfs[d0 + i]
                    tfBuffer[i - lo] = tf - 1
                    blockTFs[i - lo] = tf
                    let length = docLengths[Int(d)]
                    blockMaxTF = max(blockMaxTF, tf)
                    blockMinNorm = min(blockMinNorm, Ranking.bm25Norm(tf: tf, length: length, averageLength: averageLength))
                    blockBound = max(blockBound, Float(Scorer.tfidfFactor(tf: tf, length: length)))
                    // Positions of this posting: first absolute, then deltas.
                    var last: UInt32 = 0
                    for k in 0..<Int(tf) {
                        let v = pos[p0 + p + k]
                        positionBuffer.append(k == 0 ? v : v - last)
                        last = v
                    }
                    p += Int(tf)
                }
                scales.removeAll(keepingCapacity: true)
                for i in lo..<hi { scales.append(Int(PositionCoding.scale(length: Int(docLengths[Int(docs[d0 + i])])))) }
                PositionCoding.encode(positionBuffer, tfs: blockTFs[0..<n], scales: scales, scratch: &scratch, into: &chunk.positions)
                let dataOffset = chunk.postings.count - postingsStart
                // Document gaps: PFOR or Rice, whichever is smaller (Rice flagged by 0x40).
                patched.removeAll()
                rice.removeAll()
                PatchedFrame.encode(docBuffer, count: n, into: &patched)
                RiceCoding.encode(docBuffer, count: n, into: &rice)
                // Then the tfs (tf − 1), unless all are 1 (flagged by 0x80 in the gaps' first byte).
                let allOnes = tfBuffer[0..<n].allSatisfy { $0 == 0 }
                let useRice = blockCount <= Self.riceMaxBlocks && rice.count < patched.count
                let gaps = useRice ? rice : patched
                let flags = (useRice ? SegmentFormat.riceDocsFlag : 0) | (allOnes ? SegmentFormat.allOnesFlag : 0)
                chunk.postings.u8(gaps.bytes[0] | flags)
                chunk.postings.append(gaps.bytes[1...])
                if !allOnes {
                    RiceCoding.encode(tfBuffer, count: n, into: &chunk.postings)
                }
                SegmentFormat.BlockRecord(lastDoc: docs[d0 + hi - 1], dataOffset: UInt32(clamping: dataOffset),
                                          positionsOffset: UInt32(clamping: blockPositionsStart), tfidfBound: blockBound,
                                          maxTF: blockMaxTF, minNorm: Self.floatBelow(blockMinNorm)).encode(into: &table)
                maxTF = max(maxTF, blockMaxTF)
                minNorm = min(minNorm, blockMinNorm)
                termBound = max(termBound, blockBound)
            }
            if tableSize > 0 {
                chunk.postings.overwrite(tableStart..<tableStart + tableSize, with: table)
            }
            chunk.records.append(TermChunk.Record(
                docFreq: UInt32(docs.count), maxTF: maxTF, minNorm: Self.floatBelow(minNorm), tfidfBound: termBound,
                postingsStart: postingsStart, positionsStart: positionsStart))
        }
        return chunk
    }

    /// Lists of at most this many blocks code a block's document gaps with Rice when that is
    /// smaller than PFOR; longer lists keep PFOR, which decodes faster: with Rice wherever
    /// smaller, the 100 MB benchmark index is 0.398× its text instead of 0.405×, but
    /// frequent-word, AND and OR queries take ~15% longer (Benchmarks/RESULTS.md).
    static let riceMaxBlocks = 8

    /// The largest Float not above `value` (a lower bound that survives the narrowing);
    /// 0 for a non-finite or negative value.
    static func floatBelow(_ value: Double) -> Float {
        guard value.isFinite, value > 0 else { return 0 }
        var f = Float(value)
        if Double(f) > value { f = f.nextDown }
        return max(f, 0)
    }
}
