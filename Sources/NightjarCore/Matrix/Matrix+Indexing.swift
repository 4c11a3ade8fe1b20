// Matrix element access and selection of rows, columns and elements.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension Matrix {
  /// Rows or columns chosen the way a person types them: indices count
  /// from 1, negative indices count from the end (-1 is the last), and
  /// ranges include both ends.
  public enum Selection {
    /// Every row (or column), in order.
    case all
    /// `first` through `last`, both included; empty when `last` comes
    /// before `first`. Both ends must be valid indices.
    case range(Int, Int)
    /// The listed indices in the listed order; repeats are allowed.
    case indices([Int])
    /// A vector of 0 and 1 with one element per row (or column): the
    /// positions holding 1, in order.
    case mask(Matrix)
  }

  /// Offsets resolved from a `Selection`, with the contiguous cases kept
  /// apart so that copies can use one memcpy per row.
  enum ResolvedSelection {
    case contiguous(Range<Int>)
    case list([Int])

    var count: Int {
      switch self {
      case .contiguous(let range): return range.count
      case .list(let list): return list.count
      }
    }

    func offset(_ i: Int) -> Int {
      switch self {
      case .contiguous(let range): return range.lowerBound + i
      case .list(let list): return list[i]
      }
    }
  }

  /// The 0-based offset of a 1-based `index` among `count` positions,
  /// where -1 is the last. Throws `get: row index 5 out of range (1..4)`
  /// with `name` ("row index") and `operation` ("get") in the message.
  public static func resolveIndex(
    _ index: Int, count: Int, name: String = "index", operation: String
  ) throws(NightjarError) -> Int {
    if index >= 1 && index <= count { return index - 1 }
    if index < 0 && index >= -count { return count + index }
    let allowed = count == 0 ? "empty" : "1..\(count)"
    throw .invalidArgument(
      operation: operation,
      message: "\(name) \(index) out of range (\(allowed))")
  }

  /// The 0-based offset before which `inserting` places values, from a
  /// 1-based `position` in 1...count + 1 (count + 1 appends), as Lua's
  /// `table.insert` counts. Throws `insert: position 7 out of range
  /// (1..6)`.
  public static func resolveInsertPosition(
    _ position: Int, count: Int, operation: String = "insert"
  ) throws(NightjarError) -> Int {
    guard position >= 1, position <= count + 1 else {
      throw .invalidArgument(
        operation: operation,
        message: "position \(position) out of range (1..\(count + 1))")
    }
    return position - 1
  }

  static func resolve(
    _ selection: Selection, count: Int, name: String, operation: String
  ) throws(NightjarError) -> ResolvedSelection {
    switch selection {
    case .all:
      return .contiguous(0..<count)
    case .range(let first, let last):
      let from = try resolveIndex(
        first, count: count, name: "\(name) index", operation: operation)
      let through = try resolveIndex(
        last, count: count, name: "\(name) index", operation: operation)
      return .contiguous(from..<max(from, through + 1))
    case .indices(let indices):
      var offsets = [Int]()
      offsets.reserveCapacity(indices.count)
      for index in indices {
        offsets.append(
          try resolveIndex(
            index, count: count, name: "\(name) index",
            operation: operation))
      }
      return .list(offsets)
    case .mask(let mask):
      guard mask.isVector, mask.count == count else {
        throw .shapeMismatch(
          operation: operation,
          message: "\(name) mask has shape \(mask.shapeText), "
            + "expected (\(count))")
      }
      var offsets = [Int]()
      for i in 0..<count {
        let flag = mask.base[i]
        guard flag == 0 || flag == 1 else {
          throw .invalidArgument(
            operation: operation,
            message: "\(name) mask element \(i + 1) is "
              + "\(Matrix.formatScalar(flag)), expected 0 or 1")
        }
        if flag == 1 { offsets.append(i) }
      }
      return .list(offsets)
    }
  }

  // MARK: One element, 1-based

  /// The element at 1-based `row` and `column` (negative from the end).
  /// Throws `get: row index 5 out of range (1..4)`.
  public func get(row: Int, column: Int) throws(NightjarError) -> Double {
    let i = try Matrix.resolveIndex(
      row, count: rows, name: "row index", operation: "get")
    let j = try Matrix.resolveIndex(
      column, count: columns, name: "column index", operation: "get")
    return base[i * columns + j]
  }

  /// The element at 1-based `index` of a vector (negative from the end).
  /// Throws `get: index 5 out of range (1..4)`, or when called on a
  /// matrix, `get: a matrix needs a row and a column index`.
  public func get(_ index: Int) throws(NightjarError) -> Double {
    guard isVector else {
      throw .invalidArgument(
        operation: "get", message: "a matrix needs a row and a column index")
    }
    return base[
      try Matrix.resolveIndex(index, count: columns, operation: "get")]
  }

  /// Sets the element at 1-based `row` and `column`, in place.
  public func set(
    row: Int, column: Int, to value: Double
  ) throws(NightjarError) {
    let i = try Matrix.resolveIndex(
      row, count: rows, name: "row index", operation: "set")
    let j = try Matrix.resolveIndex(
      column, count: columns, name: "column index", operation: "set")
    base[i * columns + j] = value
  }

  /// Sets the element at 1-based `index` of a vector, in place.
  public func set(_ index: Int, to value: Double) throws(NightjarError) {
    guard isVector else {
      throw .invalidArgument(
        operation: "set", message: "a matrix needs a row and a column index")
    }
    base[try Matrix.resolveIndex(index, count: columns, operation: "set")] =
      value
  }

  // MARK: Selections, 1-based

  /// A copy of the chosen rows and columns, as a matrix (a vector when
  /// this is a vector). `operation` names the caller in messages:
  /// `index: row index 9 out of range (1..4)`, `index: row mask has shape
  /// (3), expected (4)`, `index: row mask element 2 is 0.5, expected 0
  /// or 1`. For a vector, `rows` must select its one row.
  public func select(
    rows rowSelection: Selection, columns columnSelection: Selection,
    operation: String = "index"
  ) throws(NightjarError) -> Matrix {
    let rowOffsets = try Matrix.resolve(
      rowSelection, count: rows, name: "row", operation: operation)
    let columnOffsets = try Matrix.resolve(
      columnSelection, count: columns, name: "column", operation: operation)
    return try gather(rowOffsets, columnOffsets, operation: operation)
  }

  /// A copy of the chosen elements of a vector, or of the chosen rows of
  /// a matrix (every column kept).
  public func select(
    _ selection: Selection, operation: String = "index"
  ) throws(NightjarError) -> Matrix {
    if isVector {
      return try select(rows: .all, columns: selection, operation: operation)
    }
    let rowOffsets = try Matrix.resolve(
      selection, count: rows, name: "row", operation: operation)
    return try gather(
      rowOffsets, .contiguous(0..<columns), operation: operation)
  }

  /// The elements where `mask` (same shape, 0 or 1) holds 1, as a vector
  /// in row-major order (NumPy's `m[mask]`). Throws `index: mask has
  /// shape 2x2, expected 3x4` or for a value other than 0 and 1.
  public func elements(
    where mask: Matrix, operation: String = "index"
  ) throws(NightjarError) -> Matrix {
    guard mask.rows == rows, mask.columns == columns else {
      throw .shapeMismatch(
        operation: operation,
        message: "mask has shape \(mask.shapeText), expected \(shapeText)")
    }
    var chosen = 0
    for i in 0..<count {
      let flag = mask.base[i]
      guard flag == 0 || flag == 1 else {
        throw .invalidArgument(
          operation: operation,
          message: "mask element \(i + 1) is \(Matrix.formatScalar(flag)), "
            + "expected 0 or 1")
      }
      if flag == 1 { chosen += 1 }
    }
    let result = try Matrix(uninitializedCount: chosen, operation: operation)
    var next = 0
    for i in 0..<count where mask.base[i] == 1 {
      result.base[next] = base[i]
      next += 1
    }
    return result
  }

  // MARK: Rows and columns, 0-based

  /// Row `offset` (counted from 0) as a vector of `columns` elements.
  /// Throws `row: offset 7 out of range (0..<5)`.
  public func row(_ offset: Int) throws(NightjarError) -> Matrix {
    try Matrix.checkOffset(offset, count: rows, operation: "row")
    return try gather(
      .contiguous(offset..<offset + 1), .contiguous(0..<columns),
      operation: "row", vector: true)
  }

  /// Column `offset` (counted from 0) as a vector of `rows` elements.
  public func column(_ offset: Int) throws(NightjarError) -> Matrix {
    try Matrix.checkOffset(offset, count: columns, operation: "col")
    let result = try gather(
      .contiguous(0..<rows), .contiguous(offset..<offset + 1),
      operation: "col", vector: false)
    result.reinterpret(rows: 1, columns: rows, isVector: true)
    return result
  }

  /// The rows at `offsets` (counted from 0), in that order, one memcpy
  /// per row; for a vector, the elements at `offsets` (a vector). This is
  /// the fast path for folds and shuffles. Throws `rows: offset 7 out of
  /// range (0..<5)`.
  public func rows(at offsets: [Int]) throws(NightjarError) -> Matrix {
    if isVector { return try columns(at: offsets) }
    for offset in offsets {
      try Matrix.checkOffset(offset, count: rows, operation: "rows")
    }
    return try gather(
      .list(offsets), .contiguous(0..<columns), operation: "rows")
  }

  /// The columns at `offsets` (counted from 0), in that order; for a
  /// vector, the elements at `offsets`.
  public func columns(at offsets: [Int]) throws(NightjarError) -> Matrix {
    for offset in offsets {
      try Matrix.checkOffset(offset, count: columns, operation: "columns")
    }
    return try gather(
      .contiguous(0..<rows), .list(offsets), operation: "columns")
  }

  /// Rows `range` (0-based, end excluded) as a matrix; for a vector the
  /// elements in `range`.
  public func rows(in range: Range<Int>) throws(NightjarError) -> Matrix {
    let limit = isVector ? columns : rows
    guard range.lowerBound >= 0, range.upperBound <= limit else {
      throw .invalidArgument(
        operation: "rows",
        message: "range \(range.lowerBound)..<\(range.upperBound) "
          + "out of range (0..<\(limit))")
    }
    if isVector {
      return try gather(
        .contiguous(0..<1), .contiguous(range), operation: "rows")
    }
    return try gather(
      .contiguous(range), .contiguous(0..<columns), operation: "rows")
  }

  static func checkOffset(
    _ offset: Int, count: Int, operation: String
  ) throws(NightjarError) {
    guard offset >= 0 && offset < count else {
      throw .invalidArgument(
        operation: operation,
        message: "offset \(offset) out of range (0..<\(count))")
    }
  }

  /// Copies the chosen rows and columns (offsets already checked) into a
  /// new matrix; a vector stays a vector unless `vector` says otherwise.
  func gather(
    _ rowOffsets: ResolvedSelection, _ columnOffsets: ResolvedSelection,
    operation: String, vector: Bool? = nil
  ) throws(NightjarError) -> Matrix {
    let width = columnOffsets.count
    let result = try Matrix(
      uninitializedRows: rowOffsets.count, columns: width,
      isVector: vector ?? isVector, operation: operation)
    if result.count == 0 { return result }
    let source = base
    let target = result.base
    let sourceWidth = columns
    // Each target row is written by exactly one chunk, so chunks are
    // independent; a contiguous column run is one memcpy per row.
    try ParallelWork.forEachChunk(
      count: rowOffsets.count,
      chunkLength: ParallelWork.chunkLength(itemCost: max(1, width)),
      itemCost: max(1, width)
    ) { _, range in
      for i in range {
        let from = source + rowOffsets.offset(i) * sourceWidth
        let to = target + i * width
        switch columnOffsets {
        case .contiguous(let run):
          memcpy(to, from + run.lowerBound, run.count * 8)
        case .list(let list):
          for j in 0..<width { to[j] = from[list[j]] }
        }
      }
    }
    return result
  }
}
