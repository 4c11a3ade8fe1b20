// One column of a data frame: numbers, booleans or categorical text.

/// The values of one data frame column.
///
/// - `number`: Float64 values; NaN marks a missing value. Integers are
///   stored as Float64 too (exact up to 2^53).
/// - `boolean`: 1 for true, 0 for false, NaN for missing, in Float64, so
///   that a boolean column can go straight into a numeric matrix.
/// - `text`: categorical strings. `codes[i]` indexes `levels`, -1 marks a
///   missing value. Every operation of NightjarCore keeps the levels
///   exactly the distinct values present, in order of first appearance
///   (row 1 first), so that two columns with the same values compare
///   equal and "first appearance" orders (value counts ties, groups of a
///   `groupBy` that does not sort) are well defined.
///
/// Equality treats missing values as equal to each other (NaN == NaN
/// here), so frames read twice compare equal.
public enum Column: Sendable, Equatable {
  /// Float64 values, NaN for missing.
  case number([Double])
  /// 1 (true), 0 (false) or NaN (missing).
  case boolean([Double])
  /// Codes into `levels` (-1 for missing); levels distinct, in order of
  /// first appearance.
  case text(codes: [Int32], levels: [String])

  /// The number of values (rows).
  public var count: Int {
    switch self {
    case .number(let values), .boolean(let values): return values.count
    case .text(let codes, _): return codes.count
    }
  }

  /// What the column holds.
  public var type: ColumnType {
    switch self {
    case .number: return .number
    case .boolean: return .boolean
    case .text: return .text
    }
  }

  /// The values as Float64 for number and boolean columns (booleans as 0
  /// and 1), nil for text.
  public var numbers: [Double]? {
    switch self {
    case .number(let values), .boolean(let values): return values
    case .text: return nil
    }
  }

  /// The values as strings, nil for missing ones. Numbers are written as
  /// `DataFrame.format(number:)` does ("3" for 3.0); booleans as "true" or
  /// "false".
  public var strings: [String?] {
    switch self {
    case .number(let values):
      return values.map { $0.isNaN ? nil : Column.format(number: $0) }
    case .boolean(let values):
      return values.map { $0.isNaN ? nil : ($0 != 0 ? "true" : "false") }
    case .text(let codes, let levels):
      return codes.map { $0 < 0 ? nil : levels[Int($0)] }
    }
  }

  /// About the bytes the values take: 8 a number or boolean, 4 a text
  /// code, and each level's UTF-8 bytes with 16 more for the string
  /// itself. Storage shared between copies is counted in each.
  public var byteCount: Int {
    switch self {
    case .number(let values), .boolean(let values): return values.count * 8
    case .text(let codes, let levels):
      return codes.count * 4 + levels.reduce(0) { $0 + $1.utf8.count + 16 }
    }
  }

  /// Whether row `row` (0-based) is missing.
  public func isMissing(_ row: Int) -> Bool {
    switch self {
    case .number(let values), .boolean(let values): return values[row].isNaN
    case .text(let codes, _): return codes[row] < 0
    }
  }

  /// The number of values that are not missing.
  public var nonMissingCount: Int {
    switch self {
    case .number(let values), .boolean(let values):
      return values.reduce(0) { $0 + ($1.isNaN ? 0 : 1) }
    case .text(let codes, _):
      return codes.reduce(0) { $0 + ($1 < 0 ? 0 : 1) }
    }
  }

  /// A text column from strings (nil is missing), levels in order of
  /// first appearance.
  public static func text(_ values: [String?]) -> Column {
    var index: [String: Int32] = [:]
    var levels: [String] = []
    var codes: [Int32] = []
    codes.reserveCapacity(values.count)
    for value in values {
      guard let value else {
        codes.append(-1)
        continue
      }
      if let code = index[value] {
        codes.append(code)
      } else {
        let code = Int32(levels.count)
        index[value] = code
        levels.append(value)
        codes.append(code)
      }
    }
    return .text(codes: codes, levels: levels)
  }

  /// A boolean column from Swift booleans (nil is missing).
  public static func boolean(_ values: [Bool?]) -> Column {
    .boolean(values.map { $0.map { $0 ? 1 : 0 } ?? .nan })
  }

  /// The rows at `rows` (0-based, in that order, repeats allowed); -1
  /// gives a missing value (for unmatched rows of a left merge).
  public func gather(_ rows: [Int]) -> Column {
    switch self {
    case .number(let values):
      return .number(rows.map { $0 < 0 ? .nan : values[$0] })
    case .boolean(let values):
      return .boolean(rows.map { $0 < 0 ? .nan : values[$0] })
    case .text(let codes, let levels):
      return Column.normalized(
        codes: rows.map { $0 < 0 ? -1 : codes[$0] }, levels: levels)
    }
  }

  /// The rows in `range` (0-based).
  public func slice(_ range: Range<Int>) -> Column {
    switch self {
    case .number(let values): return .number(Array(values[range]))
    case .boolean(let values): return .boolean(Array(values[range]))
    case .text(let codes, let levels):
      return Column.normalized(codes: Array(codes[range]), levels: levels)
    }
  }

  /// Text codes renumbered so that the levels are exactly those used, in
  /// order of first appearance (the invariant every text column keeps).
  static func normalized(codes: [Int32], levels: [String]) -> Column {
    var remap = [Int32](repeating: -1, count: levels.count)
    var kept: [String] = []
    var result = codes
    // One pass: the first time a code is seen it gets the next new code.
    for row in result.indices where result[row] >= 0 {
      let old = Int(result[row])
      if remap[old] < 0 {
        remap[old] = Int32(kept.count)
        kept.append(levels[old])
      }
      result[row] = remap[old]
    }
    return .text(codes: result, levels: kept)
  }

  /// Shortest text that reads back as the same Float64: integers without
  /// a fraction ("3", "-0" stays "-0.0"), others as Swift prints them
  /// (shortest round trip), NaN as "NaN", infinities as "inf"/"-inf".
  public static func format(number value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    // Integral values below 2^53 print exactly as integers.
    if value == value.rounded(), abs(value) < 9_007_199_254_740_992,
      !(value == 0 && value.sign == .minus)
    {
      return String(Int64(value))
    }
    return value.description
  }

  public static func == (left: Column, right: Column) -> Bool {
    switch (left, right) {
    case (.number(let a), .number(let b)), (.boolean(let a), .boolean(let b)):
      return a.count == b.count
        && zip(a, b).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    case (.text(let a, let levelsA), .text(let b, let levelsB)):
      return a == b && levelsA == levelsB
    default:
      return false
    }
  }
}
