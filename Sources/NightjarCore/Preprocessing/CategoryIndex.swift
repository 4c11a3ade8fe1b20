// The sorted categories of one column and the lookup of values in them.

/// The categories an encoder learned for one input column, sorted as
/// scikit-learn sorts them (numbers ascending with NaN last, strings in
/// byte order), with a lookup from values to positions.
///
/// A column is a `Labels` value, so the same encoders take the columns
/// of a Matrix (numbers) and, later, the text or categorical columns of
/// a data frame (strings), without going through numbers.
struct CategoryIndex {
  /// The distinct values, sorted; NaN, when present, is the last one.
  let categories: Labels
  /// The finite numeric categories, ascending (binary search).
  private let sortedNumbers: [Double]
  /// The position of NaN among the categories, if it is one.
  private let missingPosition: Int?
  /// The position of each string category.
  private let stringPositions: [String: Int]

  /// The categories found in `column`.
  init(learning column: Labels) {
    switch column {
    case .numbers(let values):
      var (distinct, missing) = CategoryIndex.distinct(values)
      if missing { distinct.append(.nan) }
      self.init(categories: .numbers(distinct))
    case .strings(let values):
      self.init(categories: .strings(Array(Set(values)).sorted {
        Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
      }))
    }
  }

  /// The distinct non-NaN values, ascending, and whether NaN occurs.
  /// Category columns hold few distinct values, so they are kept in a
  /// small sorted array found by binary search (no hashing); past 64 of
  /// them a hash set takes over, so a column of many distinct values
  /// stays O(n).
  static func distinct(_ values: [Double]) -> ([Double], Bool) {
    var sorted: [Double] = []
    var missing = false
    var spill: Set<Double>?
    for value in values {
      if value.isNaN {
        missing = true
        continue
      }
      if spill != nil {
        spill?.insert(value)
        continue
      }
      let low = lowerBound(sorted, value)
      guard low == sorted.count || sorted[low] != value else { continue }
      sorted.insert(value, at: low)
      if sorted.count > 64 { spill = Set(sorted) }
    }
    if let spill { return (spill.sorted(), missing) }
    return (sorted, missing)
  }

  /// The first place in ascending `sorted` whose value is not below
  /// `value` (binary search).
  @inline(__always)
  static func lowerBound<Values: RandomAccessCollection>(
    _ sorted: Values, _ value: Double
  ) -> Int where Values.Element == Double, Values.Index == Int {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] < value {
        low = middle + 1
      } else {
        high = middle
      }
    }
    return low
  }

  /// Given categories (restored from a model file), in their order.
  init(categories: Labels) {
    self.categories = categories
    switch categories {
    case .numbers(let values):
      sortedNumbers = values.filter { !$0.isNaN }
      missingPosition = values.firstIndex { $0.isNaN }
      stringPositions = [:]
    case .strings(let values):
      sortedNumbers = []
      missingPosition = nil
      var positions: [String: Int] = [:]
      for (position, value) in values.enumerated() {
        positions[value] = position
      }
      stringPositions = positions
    }
  }

  /// The number of categories.
  var count: Int { categories.count }

  /// Whether NaN is one of the categories (the last).
  var hasMissing: Bool { missingPosition != nil }

  /// Whether stored categories are sorted and distinct (checked when a
  /// model file is loaded, since the lookup relies on it).
  var isSorted: Bool {
    switch categories {
    case .numbers:
      return zip(sortedNumbers, sortedNumbers.dropFirst()).allSatisfy {
        $0 < $1
      } && (missingPosition.map { $0 == count - 1 } ?? true)
    case .strings(let values):
      return stringPositions.count == values.count
    }
  }

  /// Writes the position of each value of `column` among the
  /// categories to `out`, -1 for a value that is not one. False (and
  /// nothing written) when the kinds differ (numbers against strings).
  func positions(_ column: Labels, into out: UnsafeMutablePointer<Int32>)
    -> Bool
  {
    switch (column, categories) {
    case (.numbers(let values), .numbers):
      let missing = Int32(missingPosition ?? -1)
      sortedNumbers.withUnsafeBufferPointer { sorted in
        for (i, value) in values.enumerated() {
          if value.isNaN {
            out[i] = missing
            continue
          }
          let low = CategoryIndex.lowerBound(sorted, value)
          out[i] = low < sorted.count && sorted[low] == value
            ? Int32(low) : -1
        }
      }
      return true
    case (.strings(let values), .strings):
      for (i, value) in values.enumerated() {
        out[i] = Int32(stringPositions[value] ?? -1)
      }
      return true
    default:
      return false
    }
  }

  /// The category at `position` as text, numbers as Lua prints them
  /// ("3", "2.5", "nan"), for feature names and messages.
  func text(at position: Int) -> String {
    if case .numbers(let values) = categories, values[position].isNaN {
      return "nan"
    }
    return categories.text(at: position)
  }
}

extension PreprocessingInput {
  /// The columns of X as numeric category columns (a vector is one).
  static func categoryColumns(_ x: Matrix) -> [Labels] {
    let (rows, columns) = shape(x)
    let base = x.base
    return (0..<columns).map { j in
      .numbers((0..<rows).map { base[$0 * columns + j] })
    }
  }

  /// Category columns are present, of equal length and not empty.
  static func checkColumns(_ columns: [Labels], _ operation: String)
    throws(NightjarError) -> Int
  {
    guard let rows = columns.first?.count, rows > 0 else {
      throw .invalidArgument(
        operation: operation,
        message: "X is empty (\(columns.first?.count ?? 0)x"
          + "\(columns.count))")
    }
    for (j, column) in columns.enumerated() where column.count != rows {
      throw .shapeMismatch(
        operation: operation,
        message: "column \(j + 1) has \(column.count) rows but column 1 has "
          + "\(rows)")
    }
    return rows
  }
}

// MARK: - What the encoders share

extension CategoryIndex {
  /// The categories of each column, columns in parallel.
  static func learn(_ columns: [Labels]) throws(NightjarError)
    -> [CategoryIndex]
  {
    try parallelMap(columns, rows: columns.first?.count ?? 0) {
      CategoryIndex(learning: $0)
    }
  }

  /// The positions of each column's values among its categories, -1
  /// for unknown ones, column after column: position (i, j) is at
  /// j * rows + i. Columns in parallel. A column of the other kind
  /// (strings where numbers were fitted) is an error.
  static func positions(
    _ columns: [Labels], _ indices: [CategoryIndex], _ operation: String
  ) throws(NightjarError) -> [Int32] {
    let rows = columns.first?.count ?? 0
    var positions = [Int32](repeating: -1, count: rows * columns.count)
    let matched = try positions.withUnsafeMutableBufferPointer {
      (buffer) throws(NightjarError) -> [Bool] in
      guard let base = buffer.baseAddress else { return [] }
      return try parallelMap(Array(columns.indices), rows: rows) {
        indices[$0].positions(columns[$0], into: base + $0 * rows)
      }
    }
    if let j = matched.firstIndex(of: false) {
      throw .invalidArgument(
        operation: operation,
        message: "column \(j + 1) holds \(columns[j].kind) but the "
          + "encoder was fitted with \(indices[j].categories.kind)")
    }
    return positions
  }

  /// `body` applied to each item (a column of `rows` values), items
  /// spread over the cores when the work is large enough.
  private static func parallelMap<Item, Result>(
    _ items: [Item], rows: Int, _ body: (Item) -> Result
  ) throws(NightjarError) -> [Result] {
    let results = UnsafeMutableBufferPointer<Result?>.allocate(
      capacity: items.count)
    results.initialize(repeating: nil)
    defer {
      results.deinitialize()
      results.deallocate()
    }
    try ParallelWork.forEachChunk(
      count: items.count, chunkLength: 1, itemCost: Swift.max(1, rows)
    ) { _, range in
      for k in range { results[k] = body(items[k]) }
    }
    return results.compactMap { $0 }
  }

  /// As many columns as features fitted.
  static func checkCount(
    _ columns: [Labels], _ indices: [CategoryIndex], _ noun: String,
    _ operation: String
  ) throws(NightjarError) {
    guard columns.count == indices.count else {
      throw .shapeMismatch(
        operation: operation,
        message: "X has \(columns.count) columns but the \(noun) was "
          + "fitted with \(indices.count)")
    }
  }

  /// No position is -1, or an error naming the first unknown value by
  /// column, then row: `found an unknown category 7 in column 2 (row 5)`.
  static func checkKnown(
    _ positions: [Int32], _ columns: [Labels], _ operation: String
  ) throws(NightjarError) {
    guard let first = positions.firstIndex(of: -1) else { return }
    let rows = columns.first?.count ?? 1
    let (j, i) = first.quotientAndRemainder(dividingBy: rows)
    throw .invalidArgument(
      operation: operation,
      message: "found an unknown category \(quoted(columns[j], i)) in "
        + "column \(j + 1) (row \(i + 1))")
  }

  /// A value for a message: a number as Lua prints it, a string quoted.
  static func quoted(_ column: Labels, _ i: Int) -> String {
    switch column {
    case .numbers(let values):
      return values[i].isNaN ? "nan" : column.text(at: i)
    case .strings(let values): return "'\(values[i])'"
    }
  }

  /// The categories at `positions`; -1 gives NaN in a numeric column
  /// and is an error in a string column.
  func values(at positions: [Int], _ operation: String)
    throws(NightjarError) -> Labels
  {
    switch categories {
    case .numbers(let values):
      return .numbers(positions.map { $0 < 0 ? .nan : values[$0] })
    case .strings(let values):
      if let row = positions.firstIndex(of: -1) {
        throw .invalidArgument(
          operation: operation,
          message: "row \(row + 1) has an unknown category, which a column "
            + "of strings cannot hold")
      }
      return .strings(positions.map { values[$0] })
    }
  }

  /// The input feature names: the given ones, or `x0`, `x1`, ... (as
  /// scikit-learn names them).
  static func inputNames(_ names: [String]?, count: Int)
    throws(NightjarError) -> [String]
  {
    guard let names else { return (0..<count).map { "x\($0)" } }
    guard names.count == count else {
      throw .shapeMismatch(
        operation: "get_feature_names_out",
        message: "\(names.count) input names for \(count) columns")
    }
    return names
  }

  /// The "categories" of a model file: a list of labels per feature,
  /// each sorted and distinct.
  static func restore(_ state: JSON, _ estimator: String)
    throws(NightjarError) -> [CategoryIndex]
  {
    guard case .array(let items)? = state["categories"], !items.isEmpty
    else { throw ModelFile.corrupt("\(estimator): missing categories") }
    var indices: [CategoryIndex] = []
    for item in items {
      let index = CategoryIndex(categories: try item.labels("categories"))
      guard index.count > 0, index.isSorted else {
        throw ModelFile.corrupt(
          "\(estimator): categories must be sorted and distinct")
      }
      indices.append(index)
    }
    return indices
  }
}
