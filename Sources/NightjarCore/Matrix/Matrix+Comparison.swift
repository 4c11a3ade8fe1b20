// Elementwise comparisons giving 0/1 masks, NaN tests and `where`.

struct LessOperation: BinaryElementOperation {
  @inline(__always) func callAsFunction(_ a: Double, _ b: Double) -> Double {
    a < b ? 1 : 0
  }
}

struct LessOrEqualOperation: BinaryElementOperation {
  @inline(__always) func callAsFunction(_ a: Double, _ b: Double) -> Double {
    a <= b ? 1 : 0
  }
}

struct GreaterOperation: BinaryElementOperation {
  @inline(__always) func callAsFunction(_ a: Double, _ b: Double) -> Double {
    a > b ? 1 : 0
  }
}

struct GreaterOrEqualOperation: BinaryElementOperation {
  @inline(__always) func callAsFunction(_ a: Double, _ b: Double) -> Double {
    a >= b ? 1 : 0
  }
}

struct EqualOperation: BinaryElementOperation {
  @inline(__always) func callAsFunction(_ a: Double, _ b: Double) -> Double {
    a == b ? 1 : 0
  }
}

struct NotEqualOperation: BinaryElementOperation {
  @inline(__always) func callAsFunction(_ a: Double, _ b: Double) -> Double {
    a != b ? 1 : 0
  }
}

struct IsNaNOperation: UnaryElementOperation {
  @inline(__always) func callAsFunction(_ x: Double) -> Double {
    x.isNaN ? 1 : 0
  }
}

struct IsFiniteOperation: UnaryElementOperation {
  @inline(__always) func callAsFunction(_ x: Double) -> Double {
    x.isFinite ? 1 : 0
  }
}

/// Elementwise comparisons. Each returns a mask: a matrix of the
/// broadcast shape holding 1 where the comparison holds and 0 elsewhere.
/// Operands broadcast as in arithmetic (`lt: shapes 3x4 and 5x2 do not
/// broadcast`). IEEE rules: every comparison with NaN is false except
/// `notEqual`, which is true.
extension Matrix {
  /// 1 where `self < other`.
  public func lessThan(_ other: Matrix) throws(NightjarError) -> Matrix {
    try combined(LessOperation(), other, operation: "lt")
  }

  /// 1 where `self < value`.
  public func lessThan(_ value: Double) throws(NightjarError) -> Matrix {
    try combined(LessOperation(), scalar: value, operation: "lt")
  }

  /// 1 where `self <= other`.
  public func lessOrEqual(_ other: Matrix) throws(NightjarError) -> Matrix {
    try combined(LessOrEqualOperation(), other, operation: "le")
  }

  /// 1 where `self <= value`.
  public func lessOrEqual(_ value: Double) throws(NightjarError) -> Matrix {
    try combined(LessOrEqualOperation(), scalar: value, operation: "le")
  }

  /// 1 where `self > other`.
  public func greaterThan(_ other: Matrix) throws(NightjarError) -> Matrix {
    try combined(GreaterOperation(), other, operation: "gt")
  }

  /// 1 where `self > value`.
  public func greaterThan(_ value: Double) throws(NightjarError) -> Matrix {
    try combined(GreaterOperation(), scalar: value, operation: "gt")
  }

  /// 1 where `self >= other`.
  public func greaterOrEqual(
    _ other: Matrix
  ) throws(NightjarError) -> Matrix {
    try combined(GreaterOrEqualOperation(), other, operation: "ge")
  }

  /// 1 where `self >= value`.
  public func greaterOrEqual(
    _ value: Double
  ) throws(NightjarError) -> Matrix {
    try combined(GreaterOrEqualOperation(), scalar: value, operation: "ge")
  }

  /// 1 where `self == other`.
  public func equalTo(_ other: Matrix) throws(NightjarError) -> Matrix {
    try combined(EqualOperation(), other, operation: "eq")
  }

  /// 1 where `self == value`.
  public func equalTo(_ value: Double) throws(NightjarError) -> Matrix {
    try combined(EqualOperation(), scalar: value, operation: "eq")
  }

  /// 1 where `self != other` (and wherever either side is NaN).
  public func notEqualTo(_ other: Matrix) throws(NightjarError) -> Matrix {
    try combined(NotEqualOperation(), other, operation: "ne")
  }

  /// 1 where `self != value` (and wherever the element is NaN).
  public func notEqualTo(_ value: Double) throws(NightjarError) -> Matrix {
    try combined(NotEqualOperation(), scalar: value, operation: "ne")
  }

  /// 1 where the element is NaN.
  public func isNaN() throws(NightjarError) -> Matrix {
    try mapped(IsNaNOperation(), operation: "isnan")
  }

  /// 1 where the element is neither NaN nor infinite.
  public func isFinite() throws(NightjarError) -> Matrix {
    try mapped(IsFiniteOperation(), operation: "isfinite")
  }

  // MARK: where

  /// An operand that is either a matrix or one value for every position
  /// (the branches of `where`, the values of `inserting`).
  public enum Choice {
    /// The elements of a matrix, broadcast as the operation says.
    case matrix(Matrix)
    /// One value repeated wherever it is needed.
    case scalar(Double)
  }

  /// `a` where `mask` is non-zero and `b` elsewhere, NumPy's `where`.
  /// NaN in the mask counts as non-zero (true). The three operands
  /// broadcast together as in arithmetic; the result is a vector only
  /// when every matrix operand is. Throws `where: shapes 3x4 and 5x2 do
  /// not broadcast`.
  public static func `where`(
    _ mask: Matrix, _ a: Choice, _ b: Choice
  ) throws(NightjarError) -> Matrix {
    let cells = UnsafeMutablePointer<Double>.allocate(capacity: 2)
    defer { cells.deallocate() }
    func operand(_ choice: Choice, _ cell: Int) -> (BroadcastOperand, Bool) {
      switch choice {
      case .matrix(let matrix):
        return (BroadcastOperand(matrix), matrix.isVector)
      case .scalar(let value):
        cells[cell] = value
        return (BroadcastOperand(scalar: cells + cell), true)
      }
    }
    let (first, firstIsVector) = operand(a, 0)
    let (second, secondIsVector) = operand(b, 1)
    let operands = [BroadcastOperand(mask), first, second]
    // Each dimension is that of the operands that are not 1 there, which
    // must agree (a dimension of 0 broadcasts like any other).
    func combined(_ x: Int, _ y: Int) -> Int? {
      x == y ? x : (x == 1 ? y : (y == 1 ? x : nil))
    }
    var rows = 1
    var columns = 1
    for operand in operands {
      guard let r = combined(rows, operand.rows),
        let c = combined(columns, operand.columns)
      else {
        throw .shapeMismatch(
          operation: "where",
          message: "shapes \(mask.shapeText), \(choiceShape(a)) and "
            + "\(choiceShape(b)) do not broadcast")
      }
      rows = r
      columns = c
    }
    let result = try Matrix(
      uninitializedRows: rows, columns: columns,
      isVector: mask.isVector && firstIsVector && secondIsVector,
      operation: "where")
    if result.count == 0 { return result }
    let out = result.base
    // Row and column steps of 0 repeat a row or a column, as in the
    // binary broadcasting kernel; this loop is not a hot path.
    let steps = operands.map { operand in
      (
        row: operand.rows == 1 ? 0 : operand.columns,
        column: operand.columns == 1 ? 0 : 1
      )
    }
    try ParallelWork.forEachChunk(
      count: rows, chunkLength: ParallelWork.chunkLength(itemCost: columns),
      itemCost: columns
    ) { _, range in
      for i in range {
        let m = operands[0].base + i * steps[0].row
        let x = operands[1].base + i * steps[1].row
        let y = operands[2].base + i * steps[2].row
        for j in 0..<columns {
          out[i * columns + j] =
            m[j * steps[0].column] != 0
            ? x[j * steps[1].column] : y[j * steps[2].column]
        }
      }
    }
    return result
  }

  private static func choiceShape(_ choice: Choice) -> String {
    switch choice {
    case .matrix(let matrix): return matrix.shapeText
    case .scalar: return "scalar"
    }
  }
}
