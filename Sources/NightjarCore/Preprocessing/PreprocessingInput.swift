// Input checks and shapes shared by the preprocessing transformers.

/// How the preprocessing transformers read X: a matrix is rows x
/// features; a vector is one feature, a column of n rows (as
/// StandardScaler reads it), so `fit_transform` of a vector scales its
/// values.
enum PreprocessingInput {
  /// Rows and features of X as preprocessing reads it.
  static func shape(_ x: Matrix) -> (rows: Int, columns: Int) {
    x.isVector ? (x.count, 1) : (x.rows, x.columns)
  }

  /// X is present and not empty, holds no infinity, and holds NaN only
  /// when `allowNaN` (the scalers and the imputer ignore NaN; the
  /// others reject it). Errors name the first bad element, 1-based:
  /// `fit: input contains infinity (column 2, row 7)`.
  static func check(_ x: Matrix, _ operation: String, allowNaN: Bool)
    throws(NightjarError)
  {
    guard !x.isReleased else {
      throw .invalidArgument(
        operation: operation, message: "X has been released")
    }
    guard x.count > 0 else {
      throw .invalidArgument(
        operation: operation, message: "X is empty (\(x.shapeText))")
    }
    // The parallel probe (a sum of x * 0) is NaN exactly when X holds a
    // NaN or an infinity; only then is a scalar pass needed.
    let probe = try Matrix.totalSum(
      x.base, count: x.count, Validation.TimesZero())
    guard probe.isNaN else { return }
    let columns = shape(x).columns
    let base = x.base
    for offset in 0..<x.count {
      let value = base[offset]
      guard value.isInfinite || (!allowNaN && value.isNaN) else { continue }
      throw .invalidArgument(
        operation: operation,
        message: "input contains \(value.isNaN ? "NaN" : "infinity") "
          + "(column \(offset % columns + 1), row \(offset / columns + 1))")
    }
  }

  /// X has the features the transformer was fitted with:
  /// `transform: X has 3 columns but the scaler was fitted with 4`.
  static func columns(
    _ x: Matrix, expected: Int, noun: String, _ operation: String
  ) throws(NightjarError) {
    let columns = shape(x).columns
    guard columns == expected else {
      throw .shapeMismatch(
        operation: operation,
        message: "X has \(columns) columns but the \(noun) was fitted with "
          + "\(expected)")
    }
  }

  /// A copy of X with `body(row, rowCount, columns)` applied to each
  /// block of rows in parallel: the elementwise transforms. The result
  /// keeps X's shape (a vector stays a vector).
  static func mapRows(
    _ x: Matrix,
    _ body: (
      _ rows: UnsafeMutablePointer<Double>, _ count: Int, _ columns: Int
    ) -> Void
  ) throws(NightjarError) -> Matrix {
    let result = try x.copy()
    let columns = shape(x).columns
    let rows = shape(x).rows
    let out = result.base
    try ParallelWork.forEachChunk(
      count: rows, chunkLength: ParallelWork.chunkLength(itemCost: columns),
      itemCost: columns
    ) { _, range in
      body(out + range.lowerBound * columns, range.count, columns)
    }
    return result
  }
}

extension PreprocessingInput {
  /// A new, unwritten result of `columns` columns for the rows of X: a
  /// vector when X is a vector and the result has one column, a rows x
  /// columns matrix otherwise.
  static func result(rowsOf x: Matrix, columns: Int, _ operation: String)
    throws(NightjarError) -> Matrix
  {
    let rows = shape(x).rows
    if x.isVector && columns == 1 {
      return try Matrix(uninitializedCount: rows, operation: operation)
    }
    return try Matrix(
      uninitializedRows: rows, columns: columns, operation: operation)
  }

  /// Calls `body(input, output, rowCount)` on each block of rows of X
  /// in parallel, with the matching rows of `result`: for transforms
  /// whose output has other columns than their input.
  static func forEachRowBlock(
    _ x: Matrix, into result: Matrix,
    _ body: (
      _ input: UnsafePointer<Double>, _ output: UnsafeMutablePointer<Double>,
      _ count: Int
    ) -> Void
  ) throws(NightjarError) {
    let (rows, columns) = shape(x)
    let width = shape(result).columns
    let input = UnsafePointer(x.base)
    let output = result.base
    let cost = Swift.max(1, columns + width)
    try ParallelWork.forEachChunk(
      count: rows, chunkLength: ParallelWork.chunkLength(itemCost: cost),
      itemCost: cost
    ) { _, range in
      body(
        input + range.lowerBound * columns,
        output + range.lowerBound * width, range.count)
    }
  }

  /// Category columns of numbers as a rows x columns Matrix (what the
  /// encoders' inverse_transform returns); string categories are an
  /// error, since a Matrix cannot hold them.
  static func matrix(fromCategories columns: [Labels])
    throws(NightjarError) -> Matrix
  {
    var values: [[Double]] = []
    for column in columns {
      guard case .numbers(let numbers) = column else {
        throw .invalidArgument(
          operation: "inverse_transform",
          message: "the categories are strings; they cannot fill a Matrix")
      }
      values.append(numbers)
    }
    let rows = values.first?.count ?? 0
    return try Matrix(rows, values.count) { i, j in values[j][i] }
  }
}
