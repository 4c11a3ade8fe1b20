// Reading numbers straight into the frame's arrays, when the records of
// every piece can be counted first.

#if canImport(Glibc)
import Glibc
#endif

extension CSVReader {
  /// The number of records each piece holds, when that can be known
  /// before parsing: the file has no quote character (so every line start
  /// is a record start), no row limit applies, and the columns are few
  /// enough for `uninitializedArrays`. Nil otherwise. Counting is a
  /// parallel pass of memchr over the file, a small fraction of parsing.
  func recordCounts(_ bytes: UnsafeBufferPointer<UInt8>, plan: Plan,
                    starts: [Int]) -> [Int]?
  {
    guard let base = bytes.baseAddress, options.rowLimit == nil,
      plan.layout.outputCount <= 512
    else {
      return nil
    }
    let stops = Array(starts.dropFirst()) + [bytes.count]
    let layout = plan.layout
    let counts = CSVReader.parallelMap(starts.count, threads: threadCount) {
      index -> Int? in
      CSVReader.countRecords(
        base, from: starts[index], to: stops[index], end: bytes.count,
        comment: layout.comment, skipBlankLines: layout.skipBlankLines)
    }
    var result: [Int] = []
    for count in counts {
      guard let count else { return nil }
      result.append(count)
    }
    return result.reduce(0, +) > 0 ? result : nil
  }

  /// The records whose line starts in [start, stop), counted as the
  /// parser reads them (blank lines only when they are kept, comment
  /// lines never); nil when a quote occurs in the range.
  static func countRecords(
    _ base: UnsafePointer<UInt8>, from start: Int, to stop: Int, end: Int,
    comment: UInt8?, skipBlankLines: Bool
  ) -> Int? {
    guard stop > start else { return 0 }
    if memchr(base + start, 0x22, stop - start) != nil { return nil }
    let last = base + end
    let comment = comment.map { Int($0) } ?? -1
    var p = base + start
    var records = 0
    while p < base + stop {
      let first = p.pointee
      let blank = first == 0x0A
        || (first == 0x0D && (p + 1 == last || p[1] == 0x0A))
      if blank ? !skipBlankLines : Int(first) != comment { records += 1 }
      p = CSVChunk.lineEnd(p, last) + 1
    }
    return records
  }

  /// Reads the pieces with numbers written into the frame's own arrays
  /// (no second copy); nil when a piece's records differ from its count,
  /// so that the caller reads the file again with buffers.
  func readDirect(_ bytes: UnsafeBufferPointer<UInt8>, plan: Plan,
                  starts: [Int], counts: [Int], name: String)
    throws(NightjarError) -> DataFrame?
  {
    let layout = plan.layout
    let rows = counts.reduce(0, +)
    var offsets: [Int] = []
    var offset = 0
    for count in counts {
      offsets.append(offset)
      offset += count
    }
    var outcome: Result<[CSVChunk]?, NightjarError> = .success(nil)
    let arrays = CSVReader.uninitializedArrays(
      layout.outputCount, rows: rows
    ) { columns in
      let targets = counts.indices.map {
        CSVDirectTarget(columns: columns, offset: offsets[$0],
                        rows: counts[$0])
      }
      do throws(NightjarError) {
        outcome = .success(try readChunks(
          bytes, plan: plan, starts: starts, name: name, direct: targets))
      } catch {
        outcome = .failure(error)
      }
      // Every value of the arrays must be set before they are handed
      // over: columns that are not numbers (and all of them after a
      // failure) are filled with NaN.
      let chunks = (try? outcome.get()) ?? nil
      for column in 0..<layout.outputCount {
        let state = chunks.map {
          CSVReader.finalState(column, $0, layout: layout)
        }
        if state == nil || state == .text {
          columns[column].update(repeating: .nan, count: rows)
        }
      }
    }
    guard let chunks = try outcome.get() else { return nil }
    return try merge(chunks, plan: plan, numbers: arrays)
  }

  /// `count` arrays of `rows` Float64 values, given to `body` as raw
  /// pointers to fill (every value must be set) before they are returned.
  ///
  /// Swift lends an array's uninitialized storage only inside the
  /// closure of `init(unsafeUninitializedCapacity:)`, so the arrays are
  /// made one inside the other, recursively, and `body` runs innermost
  /// with all of them lent (depth `count`, bounded by the caller).
  static func uninitializedArrays(
    _ count: Int, rows: Int,
    _ body: ([UnsafeMutablePointer<Double>]) -> Void
  ) -> [[Double]] {
    var pointers: [UnsafeMutablePointer<Double>] = []
    var arrays: [[Double]] = []
    func nest(_ remaining: Int) {
      guard remaining > 0 else {
        body(pointers)
        return
      }
      let array = [Double](unsafeUninitializedCapacity: max(rows, 1)) {
        buffer, initialized in
        guard let base = buffer.baseAddress else { return }
        LargeMemory.adviseHugePages(UnsafeMutableRawPointer(base),
                                    bytes: rows * 8)
        pointers.append(base)
        nest(remaining - 1)
        initialized = rows
      }
      arrays.append(array)
    }
    nest(count)
    return arrays.reversed()
  }
}
