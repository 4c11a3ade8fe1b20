// Pair-valued hyper-parameters (feature_range, quantile_range) as text.

/// A hyper-parameter that is a pair of numbers, such as MinMaxScaler's
/// `feature_range`. A `ParameterValue` holds one scalar, so the pair
/// travels as the text Python prints for the tuple, `"(0, 1)"`: that is
/// what `get_params` of a pipeline shows, what a model file stores and
/// what a grid may list. The Lua bindings also take and give the table
/// `{0, 1}` on the estimator itself.
public enum RangeParameter {
  /// `(low, high)` as a parameter value: `"(0, 1)"`, `"(0.5, 2)"`.
  public static func value(_ low: Double, _ high: Double) -> ParameterValue
  {
    .string(text(low, high))
  }

  /// `(low, high)` as text, for values and messages: `(0, 1)`.
  public static func text(_ low: Double, _ high: Double) -> String {
    "(\(text(low)), \(text(high)))"
  }

  /// A whole number without a fraction, any other in its shortest form
  /// that reads back to the same double.
  private static func text(_ value: Double) -> String {
    value == value.rounded() && Swift.abs(value) < 1e15
      ? String(Int(value)) : String(value)
  }

  /// The pair from `value` (its text form), or
  /// `MinMaxScaler: 'feature_range' must be a pair such as "(0, 1)", got 3`.
  public static func pair(
    _ value: ParameterValue, for name: String, in estimator: String
  ) throws(NightjarError) -> (Double, Double) {
    let failure = NightjarError.invalidArgument(
      operation: estimator,
      message: "'\(name)' must be a pair such as \"(0, 1)\", got \(value)")
    guard case .string(let text) = value else { throw failure }
    let trimmed = text.filter { $0 != " " }
    guard trimmed.hasPrefix("("), trimmed.hasSuffix(")") else {
      throw failure
    }
    let parts = trimmed.dropFirst().dropLast().split(
      separator: ",", omittingEmptySubsequences: false)
    guard parts.count == 2, let low = Double(String(parts[0])),
      let high = Double(String(parts[1])), !low.isNaN, !high.isNaN
    else { throw failure }
    return (low, high)
  }
}
