// Shape changes: reshape, flatten, stacking, insert, repeat and tile.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Matrix {
  // MARK: Reshape

  /// A rows x columns copy holding the same elements in the same
  /// row-major order. One dimension may be -1, inferred from the count.
  /// Throws `reshape: cannot reshape 3x4 into 5x2`, `reshape: only one
  /// dimension can be -1`, or `reshape: dimensions must be positive or
  /// -1, got -3`.
  public func reshape(
    _ rows: Int, _ columns: Int
  ) throws(NightjarError) -> Matrix {
    let (r, c) = try inferShape(rows, columns)
    let result = try Matrix(
      uninitializedRows: r, columns: c, operation: "reshape")
    try Matrix.copyElements(from: base, to: result.base, count: count)
    return result
  }

  /// A vector of `count` elements (-1 for all) holding the elements in
  /// row-major order; throws as `reshape(_:_:)` does.
  public func reshape(_ count: Int) throws(NightjarError) -> Matrix {
    guard count == -1 || count == self.count else {
      if count < -1 {
        throw .invalidArgument(
          operation: "reshape",
          message: "dimensions must be positive or -1, got \(count)")
      }
      throw .shapeMismatch(
        operation: "reshape",
        message: "cannot reshape \(shapeText) into (\(count))")
    }
    return try flatten()
  }

  private func inferShape(
    _ rows: Int, _ columns: Int
  ) throws(NightjarError) -> (Int, Int) {
    for dimension in [rows, columns] where dimension < -1 {
      throw .invalidArgument(
        operation: "reshape",
        message: "dimensions must be positive or -1, got \(dimension)")
    }
    if rows == -1 && columns == -1 {
      throw .invalidArgument(
        operation: "reshape", message: "only one dimension can be -1")
    }
    let mismatch = NightjarError.shapeMismatch(
      operation: "reshape",
      message: "cannot reshape \(shapeText) into \(rows)x\(columns)")
    if rows == -1 {
      guard columns > 0, count % columns == 0 else { throw mismatch }
      return (count / columns, columns)
    }
    if columns == -1 {
      guard rows > 0, count % rows == 0 else { throw mismatch }
      return (rows, count / rows)
    }
    let (product, overflow) = rows.multipliedReportingOverflow(by: columns)
    guard !overflow, product == count else { throw mismatch }
    return (rows, columns)
  }

  /// All elements in row-major order as a new vector.
  public func flatten() throws(NightjarError) -> Matrix {
    let result = try Matrix(uninitializedCount: count, operation: "flatten")
    try Matrix.copyElements(from: base, to: result.base, count: count)
    return result
  }

  // MARK: Stacking

  /// Side by side: the matrices' columns in order, NumPy's `hstack`
  /// with `column_stack`'s view of vectors. When every part is a vector
  /// the result is one long vector; otherwise a vector of n elements acts
  /// as an n x 1 column. Every part must have the same number of rows:
  /// `hstack: shapes 3x4 and 2x2 have different row counts`; an empty
  /// list throws `hstack: nothing to stack`.
  public static func hstack(
    _ parts: [Matrix], operation: String = "hstack"
  ) throws(NightjarError) -> Matrix {
    guard let first = parts.first else {
      throw .invalidArgument(operation: operation, message: "nothing to stack")
    }
    if parts.allSatisfy(\.isVector) {
      return try joinVectors(parts, operation: operation)
    }
    func height(_ part: Matrix) -> Int {
      part.isVector ? part.columns : part.rows
    }
    func width(_ part: Matrix) -> Int { part.isVector ? 1 : part.columns }
    let rows = height(parts.first { !$0.isVector } ?? first)
    var columns = 0
    for part in parts {
      guard height(part) == rows else {
        let reference = parts.first { !$0.isVector } ?? first
        throw .shapeMismatch(
          operation: operation,
          message: "shapes \(reference.shapeText) and \(part.shapeText) "
            + "have different row counts")
      }
      columns += width(part)
    }
    let result = try Matrix(
      uninitializedRows: rows, columns: columns, operation: operation)
    if result.count == 0 { return result }
    var offset = 0
    for part in parts {
      let partWidth = width(part)
      for i in 0..<rows {
        memcpy(
          result.base + i * columns + offset, part.base + i * partWidth,
          partWidth * 8)
      }
      offset += partWidth
      try Cancellation.check()
    }
    return result
  }

  /// One above the other: the parts' rows in order, NumPy's `vstack`; a
  /// vector of n elements acts as a 1 x n row. Every part must have the
  /// same number of columns: `vstack: shapes 3x4 and 2x2 have different
  /// column counts`.
  public static func vstack(
    _ parts: [Matrix], operation: String = "vstack"
  ) throws(NightjarError) -> Matrix {
    guard let first = parts.first else {
      throw .invalidArgument(operation: operation, message: "nothing to stack")
    }
    var rows = 0
    for part in parts {
      guard part.columns == first.columns else {
        throw .shapeMismatch(
          operation: operation,
          message: "shapes \(first.shapeText) and \(part.shapeText) "
            + "have different column counts")
      }
      rows += part.rows
    }
    let result = try Matrix(
      uninitializedRows: rows, columns: first.columns, operation: operation)
    var offset = 0
    for part in parts {
      try copyElements(
        from: part.base, to: result.base + offset, count: part.count)
      offset += part.count
    }
    return result
  }

  /// Joins along `axis`: `.rows` (Lua's axis 1) stacks rows as `vstack`
  /// does, except that vectors only join into one long vector; `.columns`
  /// (axis 2) joins side by side as `hstack` with vectors as columns.
  /// Throws `concat: vectors have only axis 1` when every part is a
  /// vector and the axis is `.columns`.
  public static func concatenate(
    _ parts: [Matrix], axis: Axis
  ) throws(NightjarError) -> Matrix {
    let allVectors = !parts.isEmpty && parts.allSatisfy(\.isVector)
    switch axis {
    case .rows:
      return allVectors
        ? try joinVectors(parts, operation: "concat")
        : try vstack(parts, operation: "concat")
    case .columns:
      if allVectors {
        throw .invalidArgument(
          operation: "concat", message: "vectors have only axis 1")
      }
      return try hstack(parts, operation: "concat")
    }
  }

  private static func joinVectors(
    _ parts: [Matrix], operation: String
  ) throws(NightjarError) -> Matrix {
    let total = parts.reduce(0) { $0 + $1.count }
    let result = try Matrix(uninitializedCount: total, operation: operation)
    var offset = 0
    for part in parts {
      try copyElements(
        from: part.base, to: result.base + offset, count: part.count)
      offset += part.count
    }
    return result
  }

  // MARK: Insert

  /// A copy with `values` inserted before 0-based `offset` (0...length;
  /// the length appends):
  /// - in a vector, the elements of a vector `values` or one scalar;
  /// - along `.rows`, before row `offset`: a vector of `columns` values
  ///   (one row), a k x columns matrix (k rows) or a scalar (one row of
  ///   it);
  /// - along `.columns`, before column `offset`: a vector of `rows`
  ///   values (one column), a rows x k matrix or a scalar.
  ///
  /// Throws `insert: shapes 2x4 and (3) do not align` or `insert: offset
  /// 7 out of range (0...5)`.
  public func inserting(
    _ values: Choice, at offset: Int, axis: Axis = .rows
  ) throws(NightjarError) -> Matrix {
    if isVector && axis == .columns {
      throw .invalidArgument(
        operation: "insert", message: "a vector has only axis 1")
    }
    let alongRows = axis == .rows && !isVector
    let length = alongRows ? rows : columns
    guard offset >= 0, offset <= length else {
      throw .invalidArgument(
        operation: "insert",
        message: "offset \(offset) out of range (0...\(length))")
    }
    let block: Matrix
    switch values {
    case .scalar(let value):
      block =
        alongRows
        ? try Matrix.full(1, columns, value: value)
        : try Matrix.full(isVector ? 1 : rows, 1, value: value)
    case .matrix(let matrix):
      block = try insertBlock(matrix, alongRows: alongRows)
    }
    if alongRows {
      return try Matrix.vstack(
        [try rows(in: 0..<offset), block, try rows(in: offset..<rows)],
        operation: "insert")
    }
    let before = try columns(at: Array(0..<offset))
    let after = try columns(at: Array(offset..<columns))
    if isVector {
      return try Matrix.joinVectors(
        [before, try block.flatten(), after], operation: "insert")
    }
    return try Matrix.hstack([before, block, after], operation: "insert")
  }

  /// `values` as the block of rows or columns `inserting` places.
  private func insertBlock(
    _ values: Matrix, alongRows: Bool
  ) throws(NightjarError) -> Matrix {
    let mismatch = NightjarError.shapeMismatch(
      operation: "insert",
      message: "shapes \(shapeText) and \(values.shapeText) do not align")
    if isVector {
      guard values.isVector else { throw mismatch }
      return values
    }
    if alongRows {
      guard values.columns == columns else { throw mismatch }
      return values
    }
    if values.isVector {
      guard values.count == rows else { throw mismatch }
      return try values.reshape(rows, 1)
    }
    guard values.rows == rows else { throw mismatch }
    return values
  }

  // MARK: Repeat and tile

  /// Each element repeated `times` times in a row-major vector when
  /// `axis` is nil (NumPy's `repeat` without an axis); each row repeated
  /// (`.rows`) or each column repeated (`.columns`) otherwise. Throws
  /// `repeat: count must not be negative, got -1`.
  public func repeated(
    _ times: Int, over axis: Axis? = nil
  ) throws(NightjarError) -> Matrix {
    guard times >= 0 else {
      throw .invalidArgument(
        operation: "repeat",
        message: "count must not be negative, got \(times)")
    }
    if let axis { try checkAxis(axis, "repeat") }
    switch axis {
    case .rows where !isVector:
      let result = try Matrix(
        uninitializedRows: try Matrix.product(rows, times, "repeat"),
        columns: columns, operation: "repeat")
      if result.count == 0 { return result }
      for i in 0..<rows {
        try Cancellation.check()
        for k in 0..<times {
          memcpy(
            result.base + (i * times + k) * columns, base + i * columns,
            columns * 8)
        }
      }
      return result
    default:
      let flat = axis == nil || isVector
      let result = try Matrix(
        uninitializedRows: flat ? 1 : rows,
        columns: try Matrix.product(flat ? count : columns, times, "repeat"),
        isVector: flat, operation: "repeat")
      if result.count == 0 { return result }
      let lineLength = flat ? count : columns
      for i in 0..<(flat ? 1 : rows) {
        try Cancellation.check()
        let source = base + i * lineLength
        let target = result.base + i * lineLength * times
        for j in 0..<lineLength {
          (target + j * times).update(repeating: source[j], count: times)
        }
      }
      return result
    }
  }

  /// The matrix repeated `rowTimes` times downwards and `columnTimes`
  /// times across (NumPy's `tile`); a vector tiled with `rowTimes` 1 stays
  /// a vector of `columnTimes` copies, else it acts as a 1 x n row.
  /// Throws `tile: counts must not be negative, got -1 and 2`.
  public func tiled(
    rows rowTimes: Int, columns columnTimes: Int
  ) throws(NightjarError) -> Matrix {
    guard rowTimes >= 0, columnTimes >= 0 else {
      throw .invalidArgument(
        operation: "tile",
        message: "counts must not be negative, got \(rowTimes) and "
          + "\(columnTimes)")
    }
    let height = try Matrix.product(rows, rowTimes, "tile")
    let width = try Matrix.product(columns, columnTimes, "tile")
    let result = try Matrix(
      uninitializedRows: height, columns: width,
      isVector: isVector && rowTimes == 1, operation: "tile")
    if result.count == 0 { return result }
    for i in 0..<height {
      try Cancellation.check()
      let source = base + (i % Swift.max(1, rows)) * columns
      let target = result.base + i * width
      for k in 0..<columnTimes {
        memcpy(target + k * columns, source, columns * 8)
      }
    }
    return result
  }
}
