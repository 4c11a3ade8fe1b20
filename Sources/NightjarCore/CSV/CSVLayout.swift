// What the CSV reader settles from the header before reading records.

/// The shape of the records of one file, fixed before the workers start:
/// the delimiter, the number of fields, which fields become which output
/// columns and with which forced type, and the missing-value strings.
struct CSVLayout: Sendable {
  /// The field separator.
  let delimiter: UInt8
  /// The first byte of a comment line, or nil.
  let comment: UInt8?
  /// Fields per record.
  let fieldCount: Int
  /// For each field of a record: its output column, or -1 when skipped.
  let outputOfField: [Int]
  /// The output column names, in order (for messages).
  let names: [String]
  /// The forced type of each output column, or nil to infer it.
  let forced: [ColumnType?]
  /// The strings read as missing.
  let missing: CSVMissingValues
  /// Whether blank lines are skipped or read as rows of missing values.
  let skipBlankLines: Bool

  /// The number of output columns.
  var outputCount: Int { names.count }
}

/// The missing-value strings, grouped by length for a quick test.
struct CSVMissingValues: Sendable {
  /// Whether the empty field is missing.
  let hasEmpty: Bool
  /// The non-empty strings' bytes, indexed by length.
  private let byLength: [[[UInt8]]]

  init(_ values: Set<String>) {
    hasEmpty = values.contains("")
    var byLength: [[[UInt8]]] = []
    // Sorted so that the table does not depend on hashing.
    for value in values.sorted() where !value.isEmpty {
      let bytes = Array(value.utf8)
      while byLength.count <= bytes.count { byLength.append([]) }
      byLength[bytes.count].append(bytes)
    }
    self.byLength = byLength
  }

  /// Whether the `count` bytes at `start` are one of the strings.
  @inline(__always)
  func contains(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    if count == 0 { return hasEmpty }
    guard count < byLength.count else { return false }
    for candidate in byLength[count] {
      var same = true
      for index in 0..<count where candidate[index] != start[index] {
        same = false
        break
      }
      if same { return true }
    }
    return false
  }
}
