// The elementwise kernels behind arithmetic, comparisons and functions.

/// A function of two elements, applied by the broadcasting kernel. Each
/// conforming type is a small struct, so that generic specialisation
/// inlines `callAsFunction` into the loops and lets them vectorise.
protocol BinaryElementOperation {
  func callAsFunction(_ a: Double, _ b: Double) -> Double
}

/// A function of one element, applied by the mapping kernel.
protocol UnaryElementOperation {
  func callAsFunction(_ x: Double) -> Double
}

/// One side of a broadcast: its buffer and its 2-D shape (a vector is
/// 1 x n, a scalar 1 x 1).
struct BroadcastOperand {
  let base: UnsafePointer<Double>
  let rows: Int
  let columns: Int

  init(_ matrix: Matrix) {
    base = UnsafePointer(matrix.base)
    rows = matrix.rows
    columns = matrix.columns
  }

  init(scalar pointer: UnsafePointer<Double>) {
    base = pointer
    rows = 1
    columns = 1
  }
}

extension Matrix {
  /// The shape NumPy's rules give `a op b`: each dimension must match or
  /// be 1 on one side. A vector acts as 1 x n; the result is a vector
  /// only when both sides are. Throws `add: shapes 3x4 and 5x2 do not
  /// broadcast`.
  static func broadcastShape(
    _ a: Matrix, _ b: Matrix, operation: String
  ) throws(NightjarError) -> (rows: Int, columns: Int, isVector: Bool) {
    func combined(_ x: Int, _ y: Int) -> Int? {
      x == y ? x : (x == 1 ? y : (y == 1 ? x : nil))
    }
    guard let rows = combined(a.rows, b.rows),
      let columns = combined(a.columns, b.columns)
    else {
      throw .shapeMismatch(
        operation: operation,
        message: "shapes \(a.shapeText) and \(b.shapeText) do not broadcast")
    }
    return (rows, columns, a.isVector && b.isVector)
  }

  /// Writes `op(a, b)` broadcast to `rows x columns` into `out`, which
  /// may be `a`'s own buffer (each element is read before it is written,
  /// at the same offset). The shapes must already have been checked.
  static func broadcastKernel<Op: BinaryElementOperation>(
    _ op: Op, _ a: BroadcastOperand, _ b: BroadcastOperand,
    into out: UnsafeMutablePointer<Double>, rows: Int, columns: Int
  ) throws(NightjarError) {
    let count = rows * columns
    // An empty result may still have many rows (r x 0): nothing to do,
    // and looping over its rows would only waste time.
    if count == 0 { return }
    // Same shape on both sides (or one side a single value): the whole
    // buffer is one flat run, split into element chunks.
    let aFull = a.rows == rows && a.columns == columns
    let bFull = b.rows == rows && b.columns == columns
    let aSingle = a.rows == 1 && a.columns == 1
    let bSingle = b.rows == 1 && b.columns == 1
    if (aFull || aSingle) && (bFull || bSingle) {
      let aStep = aFull ? 1 : 0
      let bStep = bFull ? 1 : 0
      try ParallelWork.forEachChunk(elements: count) { range in
        run(
          op, a.base + range.lowerBound * aStep, aStep,
          b.base + range.lowerBound * bStep, bStep,
          out + range.lowerBound, range.count)
      }
      return
    }
    // Otherwise row by row: an operand with one row repeats it (row step
    // 0), one with one column repeats its row's value (column step 0).
    let aRowStep = a.rows == 1 ? 0 : a.columns
    let bRowStep = b.rows == 1 ? 0 : b.columns
    let aStep = a.columns == 1 ? 0 : 1
    let bStep = b.columns == 1 ? 0 : 1
    try ParallelWork.forEachChunk(
      count: rows, chunkLength: ParallelWork.chunkLength(itemCost: columns),
      itemCost: columns
    ) { _, range in
      for i in range {
        run(
          op, a.base + i * aRowStep, aStep, b.base + i * bRowStep, bStep,
          out + i * columns, columns)
      }
    }
  }

  /// One contiguous run of `count` outputs. Steps are 1 (walk) or 0
  /// (repeat one value); the four cases are separate loops so that each
  /// is a plain unit-stride loop the compiler vectorises.
  @inline(__always)
  static func run<Op: BinaryElementOperation>(
    _ op: Op, _ a: UnsafePointer<Double>, _ aStep: Int,
    _ b: UnsafePointer<Double>, _ bStep: Int,
    _ out: UnsafeMutablePointer<Double>, _ count: Int
  ) {
    switch (aStep, bStep) {
    case (1, 1):
      for j in 0..<count { out[j] = op(a[j], b[j]) }
    case (1, _):
      let y = b[0]
      for j in 0..<count { out[j] = op(a[j], y) }
    case (_, 1):
      let x = a[0]
      for j in 0..<count { out[j] = op(x, b[j]) }
    default:
      let value = op(a[0], b[0])
      for j in 0..<count { out[j] = value }
    }
  }

  /// `op(self, other)` with broadcasting, as a new matrix.
  func combined<Op: BinaryElementOperation>(
    _ op: Op, _ other: Matrix, operation: String
  ) throws(NightjarError) -> Matrix {
    let shape = try Matrix.broadcastShape(self, other, operation: operation)
    let result = try Matrix(
      uninitializedRows: shape.rows, columns: shape.columns,
      isVector: shape.isVector, operation: operation)
    try Matrix.broadcastKernel(
      op, BroadcastOperand(self), BroadcastOperand(other), into: result.base,
      rows: shape.rows, columns: shape.columns)
    return result
  }

  /// `op(self, scalar)`, or `op(scalar, self)` when `scalarFirst`, as a
  /// new matrix of this shape.
  func combined<Op: BinaryElementOperation>(
    _ op: Op, scalar: Double, scalarFirst: Bool = false, operation: String
  ) throws(NightjarError) -> Matrix {
    let result = try Matrix(uninitializedLike: self, operation: operation)
    let cell = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    defer { cell.deallocate() }
    cell.initialize(to: scalar)
    let single = BroadcastOperand(scalar: cell)
    let mine = BroadcastOperand(self)
    try Matrix.broadcastKernel(
      op, scalarFirst ? single : mine, scalarFirst ? mine : single,
      into: result.base, rows: rows, columns: columns)
    return result
  }

  /// `self = op(self, other)` in place; `other` must broadcast to this
  /// shape. Throws `add_: shape 3x4 does not broadcast to 3x1`.
  func combineAssign<Op: BinaryElementOperation>(
    _ op: Op, _ other: Matrix, operation: String
  ) throws(NightjarError) {
    let fits =
      (other.rows == rows || other.rows == 1)
      && (other.columns == columns || other.columns == 1)
    guard fits else {
      throw .shapeMismatch(
        operation: operation,
        message: "shape \(other.shapeText) does not broadcast to \(shapeText)")
    }
    try Matrix.broadcastKernel(
      op, BroadcastOperand(self), BroadcastOperand(other), into: base,
      rows: rows, columns: columns)
  }

  /// `self = op(self, scalar)` in place.
  func combineAssign<Op: BinaryElementOperation>(
    _ op: Op, scalar: Double
  ) throws(NightjarError) {
    let cell = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    defer { cell.deallocate() }
    cell.initialize(to: scalar)
    try Matrix.broadcastKernel(
      op, BroadcastOperand(self), BroadcastOperand(scalar: cell), into: base,
      rows: rows, columns: columns)
  }

  /// `op(x)` for every element, as a new matrix of this shape.
  func mapped<Op: UnaryElementOperation>(
    _ op: Op, operation: String
  ) throws(NightjarError) -> Matrix {
    let result = try Matrix(uninitializedLike: self, operation: operation)
    try Matrix.mapKernel(op, from: base, into: result.base, count: count)
    return result
  }

  /// `x = op(x)` for every element, in place.
  func mapAssign<Op: UnaryElementOperation>(
    _ op: Op
  ) throws(NightjarError) {
    try Matrix.mapKernel(op, from: base, into: base, count: count)
  }

  /// The mapping loop: elementwise, so chunks are independent and `out`
  /// may equal `source`.
  static func mapKernel<Op: UnaryElementOperation>(
    _ op: Op, from source: UnsafePointer<Double>,
    into out: UnsafeMutablePointer<Double>, count: Int
  ) throws(NightjarError) {
    try ParallelWork.forEachChunk(elements: count) { range in
      let x = source + range.lowerBound
      let y = out + range.lowerBound
      for j in 0..<range.count { y[j] = op(x[j]) }
    }
  }
}
