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
      var distinct = Array(Set(values.filter { !$0.isNaN })).sorted()
      if values.contains(where: { $0.isNaN }) { distinct.append(.nan) }
      self.init(categories: .numbers(distinct))
    case .strings(let values):
      self.init(categories: .strings(Array(Set(values)).sorted {
        Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8))
      }))
    }
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

  /// The position of each value of `column` among the categories, -1
  /// for a value that is not one; nil when the kinds differ (numbers
  /// against strings).
  func positions(_ column: Labels) -> [Int]? {
    switch column {
    case .numbers(let values):
      guard case .numbers = categories else { return nil }
      return values.map(position)
    case .strings(let values):
      guard case .strings = categories else { return nil }
      return values.map { stringPositions[$0] ?? -1 }
    }
  }

  /// The position of a number by binary search, -1 when absent.
  func position(_ value: Double) -> Int {
    if value.isNaN { return missingPosition ?? -1 }
    var low = 0
    var high = sortedNumbers.count
    while low < high {
      let middle = (low + high) / 2
      if sortedNumbers[middle] < value {
        low = middle + 1
      } else {
        high = middle
      }
    }
    return low < sortedNumbers.count && sortedNumbers[low] == value ? low : -1
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
  /// for unknown ones; columns in parallel. A column of the other kind
  /// (strings where numbers were fitted) is an error.
  static func positions(
    _ columns: [Labels], _ indices: [CategoryIndex], _ operation: String
  ) throws(NightjarError) -> [[Int]] {
    let found = try parallelMap(
      Array(columns.indices), rows: columns.first?.count ?? 0
    ) {
      indices[$0].positions(columns[$0])
    }
    var positions: [[Int]] = []
    for (j, column) in found.enumerated() {
      guard let column else {
        throw .invalidArgument(
          operation: operation,
          message: "column \(j + 1) holds \(columns[j].kind) but the "
            + "encoder was fitted with \(indices[j].categories.kind)")
      }
      positions.append(column)
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
    _ positions: [[Int]], _ columns: [Labels], _ operation: String
  ) throws(NightjarError) {
    for (j, column) in positions.enumerated() {
      guard let i = column.firstIndex(of: -1) else { continue }
      throw .invalidArgument(
        operation: operation,
        message: "found an unknown category \(quoted(columns[j], i)) in "
          + "column \(j + 1) (row \(i + 1))")
    }
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
