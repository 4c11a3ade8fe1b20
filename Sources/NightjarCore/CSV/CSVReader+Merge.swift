// After the workers: the pieces' columns joined into the frame's.

#if canImport(Glibc)
import Glibc
#endif

extension CSVReader {
  /// The frame made of the pieces' columns, one after the other; the
  /// columns are joined in parallel. `numbers` holds the frame's arrays
  /// when the pieces wrote their numbers there directly.
  func merge(_ chunks: [CSVChunk], plan: Plan, numbers: [[Double]]?)
    throws(NightjarError) -> DataFrame
  {
    let layout = plan.layout
    let rowCount = chunks.reduce(0) { $0 + $1.rows }
    let columns = CSVReader.parallelMap(layout.outputCount,
                                        threads: threadCount) { column in
      CSVReader.mergeColumn(column, chunks, layout: layout,
                            rowCount: rowCount, numbers: numbers?[column])
    }
    try Cancellation.check()
    return DataFrame(uncheckedNames: layout.names, columns: columns,
                     rowCount: rowCount)
  }

  /// Column `column` of the frame from every piece.
  static func mergeColumn(_ column: Int, _ chunks: [CSVChunk],
                          layout: CSVLayout, rowCount: Int,
                          numbers: [Double]?) -> Column
  {
    let state = finalState(column, chunks, layout: layout)
    if state == .text { return mergeText(column, chunks, rowCount: rowCount) }
    if let numbers {
      return state == .boolean ? .boolean(numbers) : .number(numbers)
    }

    // Numbers and booleans: the pieces' values copied end to end (a piece
    // whose column was all missing holds NaN already).
    let values = [Double](unsafeUninitializedCapacity: rowCount) {
      buffer, initialized in
      if let base = buffer.baseAddress {
        LargeMemory.adviseHugePages(
          UnsafeMutableRawPointer(base), bytes: rowCount * 8)
      }
      var offset = 0
      for chunk in chunks where chunk.rows > 0 {
        if let source = chunk.numbers[column] {
          (buffer.baseAddress.unsafelyUnwrapped + offset)
            .update(from: source, count: chunk.rows)
        } else {
          (buffer.baseAddress.unsafelyUnwrapped + offset)
            .initialize(repeating: .nan, count: chunk.rows)
        }
        offset += chunk.rows
      }
      initialized = rowCount
    }
    return state == .boolean ? .boolean(values) : .number(values)
  }

  /// The type of `column` in the frame: what the pieces agree on; a
  /// column with no values is a number column unless its type is forced.
  static func finalState(_ column: Int, _ chunks: [CSVChunk],
                         layout: CSVLayout) -> CSVColumnState
  {
    let state = chunks.reduce(CSVColumnState.unknown) {
      $0.joined($1.states[column])
    }
    guard state == .unknown else { return state }
    switch layout.forced[column] {
    case .boolean?: return .boolean
    case .text?: return .text
    default: return .number
    }
  }

  /// A text column: the pieces' levels joined in order (so the levels
  /// stay in order of first appearance) and their codes renumbered.
  static func mergeText(_ column: Int, _ chunks: [CSVChunk],
                        rowCount: Int) -> Column
  {
    let table = CSVLevelTable()
    var codes = [Int32](repeating: -1, count: rowCount)
    var offset = 0
    for chunk in chunks {
      defer { offset += chunk.rows }
      guard let local = chunk.levels[column], let source = chunk.codes[column]
      else {
        continue
      }
      // Each local level's code in the frame, found by its bytes.
      let remap = (0..<local.count).map { code -> Int32 in
        local.level(code).withUnsafeBufferPointer { bytes in
          guard let start = bytes.baseAddress else {
            return table.code(emptyField, 0).code
          }
          return table.code(start, bytes.count).code
        }
      }
      for row in 0..<chunk.rows where source[row] >= 0 {
        codes[offset + row] = remap[Int(source[row])]
      }
    }
    let levels = (0..<table.count).map {
      String(decoding: table.level($0), as: UTF8.self)
    }
    return .text(codes: codes, levels: levels)
  }

  /// A valid address for the empty value (never read).
  private static let emptyField: UnsafePointer<UInt8> = {
    let byte = UnsafeMutablePointer<UInt8>.allocate(capacity: 1)
    byte.initialize(to: 0)
    return UnsafePointer(byte)
  }()
}
