// Where a randomized search draws a hyper-parameter's values from.

#if canImport(Glibc)
import Glibc
#endif

/// A distribution of hyper-parameter values, sampled with a seeded
/// `RandomGenerator` so that the same seed draws the same values on
/// every machine.
public enum ParameterDistribution: Equatable, CustomStringConvertible {
  /// Uniform on [low, high): low + (high - low) u.
  case uniform(low: Double, high: Double)
  /// Log-uniform on [low, high): exp(log low + (log high - log low) u),
  /// for scales such as C or alpha (scipy's loguniform).
  case logUniform(low: Double, high: Double)
  /// Whole numbers low, low + 1, ..., high - 1, equally likely (scipy's
  /// randint: high excluded).
  case integers(low: Int, high: Int)
  /// One of the values, equally likely (a list in the search's table).
  case choice([ParameterValue])

  /// A checked uniform distribution: `uniform: low must be less than
  /// high, got 1 and 0`; both finite.
  public static func checkedUniform(
    _ low: Double, _ high: Double, log: Bool
  ) throws(NightjarError) -> ParameterDistribution {
    let name = log ? "loguniform" : "uniform"
    guard low.isFinite, high.isFinite, low < high else {
      throw .invalidArgument(
        operation: name,
        message: "low must be less than high, both finite, got "
          + "\(ParameterValue.number(low)) and \(ParameterValue.number(high))")
    }
    if log {
      guard low > 0 else {
        throw .invalidArgument(
          operation: name,
          message: "low must be positive, got \(ParameterValue.number(low))")
      }
      return .logUniform(low: low, high: high)
    }
    return .uniform(low: low, high: high)
  }

  /// A checked range of whole numbers: `randint: low must be less than
  /// high, got 3 and 3`.
  public static func checkedIntegers(_ low: Int, _ high: Int)
    throws(NightjarError) -> ParameterDistribution
  {
    guard low < high, !high.subtractingReportingOverflow(low).overflow
    else {
      throw .invalidArgument(
        operation: "randint",
        message: "low must be less than high (and high - low a 64-bit "
          + "integer), got \(low) and \(high)")
    }
    return .integers(low: low, high: high)
  }

  /// A checked choice: `choice: no values to choose from`.
  public static func checkedChoice(_ values: [ParameterValue])
    throws(NightjarError) -> ParameterDistribution
  {
    guard !values.isEmpty else {
      throw .invalidArgument(
        operation: "choice", message: "no values to choose from")
    }
    return .choice(values)
  }

  /// One value: a uniform from `nextUniform()` scaled, or an index from
  /// `nextInt(below:)`.
  public func sample(_ generator: inout RandomGenerator) -> ParameterValue {
    switch self {
    case .uniform(let low, let high):
      return .number(low + (high - low) * generator.nextUniform())
    case .logUniform(let low, let high):
      let (a, b) = (Glibc.log(low), Glibc.log(high))
      return .number(exp(a + (b - a) * generator.nextUniform()))
    case .integers(let low, let high):
      // Wrapping arithmetic: the checked constructor keeps high - low in
      // range; a hand-made case must not trap.
      let width = high &- low
      return .number(Double(low &+ generator.nextInt(below: width)))
    case .choice(let values):
      guard !values.isEmpty else { return .none }
      return values[generator.nextInt(below: values.count)]
    }
  }

  /// `uniform(0, 1)`, `loguniform(0.001, 100)`, `randint(1, 10)` or
  /// `choice{"l1", "l2"}`.
  public var description: String {
    func text(_ value: Double) -> String {
      ParameterValue.number(value).description
    }
    switch self {
    case .uniform(let low, let high):
      return "uniform(\(text(low)), \(text(high)))"
    case .logUniform(let low, let high):
      return "loguniform(\(text(low)), \(text(high)))"
    case .integers(let low, let high): return "randint(\(low), \(high))"
    case .choice(let values):
      return "choice{" + values.map(\.description).joined(separator: ", ")
        + "}"
    }
  }
}
