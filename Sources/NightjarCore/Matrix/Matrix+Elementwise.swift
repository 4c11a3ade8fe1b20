// Elementwise functions: exp, log, sqrt, pow, clip, sigmoid, rounding.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

struct ExpOperation: UnaryElementOperation {
  @inline(__always) func callAsFunction(_ x: Double) -> Double { exp(x) }
}

struct LogOperation: UnaryElementOperation {
  @inline(__always) func callAsFunction(_ x: Double) -> Double { log(x) }
}

struct LogOnePlusOperation: UnaryElementOperation {
  @inline(__always) func callAsFunction(_ x: Double) -> Double { log1p(x) }
}

struct SquareRootOperation: UnaryElementOperation {
  @inline(__always) func callAsFunction(_ x: Double) -> Double {
    x.squareRoot()
  }
}

struct AbsoluteOperation: UnaryElementOperation {
  @inline(__always) func callAsFunction(_ x: Double) -> Double {
    x.magnitude
  }
}

struct SquareOperation: UnaryElementOperation {
  @inline(__always) func callAsFunction(_ x: Double) -> Double { x * x }
}

struct PowerOperation: UnaryElementOperation, BinaryElementOperation {
  let exponent: Double
  @inline(__always) func callAsFunction(_ x: Double) -> Double {
    pow(x, exponent)
  }
  @inline(__always) func callAsFunction(_ x: Double, _ y: Double) -> Double {
    pow(x, y)
  }
}

struct ClipOperation: UnaryElementOperation {
  let lower: Double
  let upper: Double
  // NaN fails both comparisons and passes through unchanged.
  @inline(__always) func callAsFunction(_ x: Double) -> Double {
    x < lower ? lower : (x > upper ? upper : x)
  }
}

struct SigmoidOperation: UnaryElementOperation {
  // 1 / (1 + e^-x) for x >= 0 and e^x / (1 + e^x) for x < 0: the
  // exponential is of a non-positive number on both branches, so it never
  // overflows and the result is exact to rounding for every finite x.
  @inline(__always) func callAsFunction(_ x: Double) -> Double {
    if x >= 0 { return 1 / (1 + exp(-x)) }
    let e = exp(x)
    return e / (1 + e)
  }
}

struct RoundOperation: UnaryElementOperation {
  let rule: FloatingPointRoundingRule
  @inline(__always) func callAsFunction(_ x: Double) -> Double {
    x.rounded(rule)
  }
}

struct ScaledRoundOperation: UnaryElementOperation {
  let scale: Double
  @inline(__always) func callAsFunction(_ x: Double) -> Double {
    (x * scale).rounded(.toNearestOrEven) / scale
  }
}

/// Elementwise functions. Each returns a new matrix of the same shape and
/// rank; NaN in gives NaN out unless stated; out-of-domain input gives
/// NaN or an infinity as IEEE 754 and the C library define (`log(0)` is
/// `-inf`, `sqrt(-1)` is NaN). Large inputs are split across cores.
extension Matrix {
  /// e^x for every element (C `exp`).
  public func exp() throws(NightjarError) -> Matrix {
    try mapped(ExpOperation(), operation: "exp")
  }

  /// The natural logarithm of every element (C `log`).
  public func log() throws(NightjarError) -> Matrix {
    try mapped(LogOperation(), operation: "log")
  }

  /// log(1 + x) for every element, accurate for tiny x (C `log1p`).
  public func log1p() throws(NightjarError) -> Matrix {
    try mapped(LogOnePlusOperation(), operation: "log1p")
  }

  /// The square root of every element (IEEE, correctly rounded).
  public func sqrt() throws(NightjarError) -> Matrix {
    try mapped(SquareRootOperation(), operation: "sqrt")
  }

  /// The absolute value of every element.
  public func abs() throws(NightjarError) -> Matrix {
    try mapped(AbsoluteOperation(), operation: "abs")
  }

  /// Every element to the power `exponent` (C `pow`; exponent 2 is an
  /// exact square).
  public func power(_ exponent: Double) throws(NightjarError) -> Matrix {
    if exponent == 2 { return try mapped(SquareOperation(), operation: "pow") }
    return try mapped(PowerOperation(exponent: exponent), operation: "pow")
  }

  /// Every element to the power of the matching element of `exponents`,
  /// with broadcasting (`pow: shapes 3x4 and 5x2 do not broadcast`).
  public func power(_ exponents: Matrix) throws(NightjarError) -> Matrix {
    try combined(PowerOperation(exponent: 0), exponents, operation: "pow")
  }

  /// Every element limited to [lower, upper]; NaN stays NaN. Throws
  /// `clip: lower bound 3 is greater than upper bound 1`, or when a
  /// bound is NaN. Default bounds are -infinity and +infinity.
  public func clip(
    lower: Double = -.infinity, upper: Double = .infinity
  ) throws(NightjarError) -> Matrix {
    try Matrix.checkClipBounds(lower, upper, operation: "clip")
    return try mapped(
      ClipOperation(lower: lower, upper: upper), operation: "clip")
  }

  /// Limits every element to [lower, upper] in place (Lua's `clip_`).
  public func clipAssign(
    lower: Double = -.infinity, upper: Double = .infinity
  ) throws(NightjarError) {
    try Matrix.checkClipBounds(lower, upper, operation: "clip_")
    try mapAssign(ClipOperation(lower: lower, upper: upper))
  }

  static func checkClipBounds(
    _ lower: Double, _ upper: Double, operation: String
  ) throws(NightjarError) {
    guard !lower.isNaN, !upper.isNaN else {
      throw .invalidArgument(
        operation: operation, message: "bounds must not be NaN")
    }
    guard lower <= upper else {
      throw .invalidArgument(
        operation: operation,
        message: "lower bound \(formatScalar(lower)) is greater than "
          + "upper bound \(formatScalar(upper))")
    }
  }

  /// The logistic function 1 / (1 + e^-x) of every element, computed so
  /// that no exponential overflows: exactly 0 or 1 only where the true
  /// value rounds there.
  public func sigmoid() throws(NightjarError) -> Matrix {
    try mapped(SigmoidOperation(), operation: "sigmoid")
  }

  /// Every element rounded to `decimals` places, halves to even as
  /// NumPy's `round` does (0.5 -> 0, 1.5 -> 2, 2.5 -> 2). With decimals
  /// other than 0 the value is scaled by 10^decimals, rounded and scaled
  /// back, so the result is the nearest double to the decimal value.
  public func round(decimals: Int = 0) throws(NightjarError) -> Matrix {
    if decimals == 0 {
      return try mapped(
        RoundOperation(rule: .toNearestOrEven), operation: "round")
    }
    return try mapped(
      ScaledRoundOperation(scale: pow(10, Double(decimals))),
      operation: "round")
  }

  /// The largest integer not above every element.
  public func floor() throws(NightjarError) -> Matrix {
    try mapped(RoundOperation(rule: .down), operation: "floor")
  }

  /// The smallest integer not below every element.
  public func ceil() throws(NightjarError) -> Matrix {
    try mapped(RoundOperation(rule: .up), operation: "ceil")
  }
}
