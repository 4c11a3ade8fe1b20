// Matrix arithmetic: + - * / with broadcasting, unary minus, in place.

struct AddOperation: BinaryElementOperation {
  @inline(__always) func callAsFunction(_ a: Double, _ b: Double) -> Double {
    a + b
  }
}

struct SubtractOperation: BinaryElementOperation {
  @inline(__always) func callAsFunction(_ a: Double, _ b: Double) -> Double {
    a - b
  }
}

struct MultiplyOperation: BinaryElementOperation {
  @inline(__always) func callAsFunction(_ a: Double, _ b: Double) -> Double {
    a * b
  }
}

struct DivideOperation: BinaryElementOperation {
  @inline(__always) func callAsFunction(_ a: Double, _ b: Double) -> Double {
    a / b
  }
}

struct NegateOperation: UnaryElementOperation {
  @inline(__always) func callAsFunction(_ x: Double) -> Double { -x }
}

/// Elementwise arithmetic. Every operator is elementwise, like NumPy's:
/// `*` multiplies element by element; the matrix product is `matmul`.
///
/// Shapes broadcast as NumPy's do: each dimension must be equal or 1 on
/// one side, so an r x c matrix combines with another r x c matrix, a
/// 1 x c row or a vector of c (applied to every row), an r x 1 column
/// (applied to every column) or a scalar on either side. The result is a
/// vector only when both operands are vectors. Otherwise the operation
/// throws `add: shapes 3x4 and 5x2 do not broadcast` (operations are
/// named `add`, `sub`, `mul`, `div`). IEEE rules apply: NaN propagates,
/// division by zero gives an infinity or NaN. Large operands are split
/// across cores.
extension Matrix {
  /// `lhs + rhs` elementwise with broadcasting.
  public static func + (
    lhs: Matrix, rhs: Matrix
  ) throws(NightjarError) -> Matrix {
    try lhs.combined(AddOperation(), rhs, operation: "add")
  }

  /// `lhs + rhs` for every element.
  public static func + (
    lhs: Matrix, rhs: Double
  ) throws(NightjarError) -> Matrix {
    try lhs.combined(AddOperation(), scalar: rhs, operation: "add")
  }

  /// `lhs + rhs` for every element of `rhs`.
  public static func + (
    lhs: Double, rhs: Matrix
  ) throws(NightjarError) -> Matrix {
    try rhs.combined(
      AddOperation(), scalar: lhs, scalarFirst: true, operation: "add")
  }

  /// `lhs - rhs` elementwise with broadcasting.
  public static func - (
    lhs: Matrix, rhs: Matrix
  ) throws(NightjarError) -> Matrix {
    try lhs.combined(SubtractOperation(), rhs, operation: "sub")
  }

  /// `lhs - rhs` for every element.
  public static func - (
    lhs: Matrix, rhs: Double
  ) throws(NightjarError) -> Matrix {
    try lhs.combined(SubtractOperation(), scalar: rhs, operation: "sub")
  }

  /// `lhs - rhs` for every element of `rhs`.
  public static func - (
    lhs: Double, rhs: Matrix
  ) throws(NightjarError) -> Matrix {
    try rhs.combined(
      SubtractOperation(), scalar: lhs, scalarFirst: true, operation: "sub")
  }

  /// `lhs * rhs` elementwise with broadcasting (not the matrix product).
  public static func * (
    lhs: Matrix, rhs: Matrix
  ) throws(NightjarError) -> Matrix {
    try lhs.combined(MultiplyOperation(), rhs, operation: "mul")
  }

  /// `lhs * rhs` for every element.
  public static func * (
    lhs: Matrix, rhs: Double
  ) throws(NightjarError) -> Matrix {
    try lhs.combined(MultiplyOperation(), scalar: rhs, operation: "mul")
  }

  /// `lhs * rhs` for every element of `rhs`.
  public static func * (
    lhs: Double, rhs: Matrix
  ) throws(NightjarError) -> Matrix {
    try rhs.combined(
      MultiplyOperation(), scalar: lhs, scalarFirst: true, operation: "mul")
  }

  /// `lhs / rhs` elementwise with broadcasting.
  public static func / (
    lhs: Matrix, rhs: Matrix
  ) throws(NightjarError) -> Matrix {
    try lhs.combined(DivideOperation(), rhs, operation: "div")
  }

  /// `lhs / rhs` for every element.
  public static func / (
    lhs: Matrix, rhs: Double
  ) throws(NightjarError) -> Matrix {
    try lhs.combined(DivideOperation(), scalar: rhs, operation: "div")
  }

  /// `lhs / rhs` for every element of `rhs`.
  public static func / (
    lhs: Double, rhs: Matrix
  ) throws(NightjarError) -> Matrix {
    try rhs.combined(
      DivideOperation(), scalar: lhs, scalarFirst: true, operation: "div")
  }

  /// `-x` for every element.
  public static prefix func - (
    operand: Matrix
  ) throws(NightjarError) -> Matrix {
    try operand.mapped(NegateOperation(), operation: "unm")
  }

  // MARK: In place

  /// Adds `other` in place (Lua's `add_`); `other` must broadcast to this
  /// shape, else `add_: shape 3x4 does not broadcast to 3x1`.
  public func addAssign(_ other: Matrix) throws(NightjarError) {
    try combineAssign(AddOperation(), other, operation: "add_")
  }

  /// Adds `scalar` to every element in place.
  public func addAssign(_ scalar: Double) throws(NightjarError) {
    try combineAssign(AddOperation(), scalar: scalar)
  }

  /// Subtracts `other` in place (Lua's `sub_`), with broadcasting.
  public func subtractAssign(_ other: Matrix) throws(NightjarError) {
    try combineAssign(SubtractOperation(), other, operation: "sub_")
  }

  /// Subtracts `scalar` from every element in place.
  public func subtractAssign(_ scalar: Double) throws(NightjarError) {
    try combineAssign(SubtractOperation(), scalar: scalar)
  }

  /// Multiplies by `other` elementwise in place (Lua's `mul_`).
  public func multiplyAssign(_ other: Matrix) throws(NightjarError) {
    try combineAssign(MultiplyOperation(), other, operation: "mul_")
  }

  /// Multiplies every element by `scalar` in place.
  public func multiplyAssign(_ scalar: Double) throws(NightjarError) {
    try combineAssign(MultiplyOperation(), scalar: scalar)
  }

  /// Divides by `other` elementwise in place (Lua's `div_`).
  public func divideAssign(_ other: Matrix) throws(NightjarError) {
    try combineAssign(DivideOperation(), other, operation: "div_")
  }

  /// Divides every element by `scalar` in place.
  public func divideAssign(_ scalar: Double) throws(NightjarError) {
    try combineAssign(DivideOperation(), scalar: scalar)
  }
}
