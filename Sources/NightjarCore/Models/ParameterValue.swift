// Hyper-parameter values as options tables and search grids give them.

/// One hyper-parameter value: what `{C = 0.1}` or
/// `{penalty = {"l1", "l2"}}` carries per entry.
public enum ParameterValue: Hashable, CustomStringConvertible {
  case number(Double)
  case string(String)
  case boolean(Bool)
  /// Lua's nil / Python's None (`l1_ratio = none`).
  case none

  /// The value as a printed parameter (`0.1`, `"l1"`, `true`, `nil`).
  public var description: String {
    switch self {
    case .number(let value):
      return value == value.rounded() && abs(value) < 1e15
        ? String(Int(value)) : String(value)
    case .string(let text): return "\"\(text)\""
    case .boolean(let flag): return String(flag)
    case .none: return "nil"
    }
  }

  /// The number, or an error naming the parameter.
  public func number(for name: String, in estimator: String)
    throws(NightjarError) -> Double
  {
    guard case .number(let value) = self else {
      throw .invalidArgument(
        operation: estimator,
        message: "'\(name)' must be a number, got \(self)")
    }
    return value
  }

  /// A whole number, or an error naming the parameter.
  public func integer(for name: String, in estimator: String)
    throws(NightjarError) -> Int
  {
    let value = try number(for: name, in: estimator)
    guard let whole = Int(exactly: value) else {
      throw .invalidArgument(
        operation: estimator,
        message: "'\(name)' must be a whole number, got \(self)")
    }
    return whole
  }

  /// The flag, or an error naming the parameter.
  public func boolean(for name: String, in estimator: String)
    throws(NightjarError) -> Bool
  {
    guard case .boolean(let flag) = self else {
      throw .invalidArgument(
        operation: estimator,
        message: "'\(name)' must be a boolean, got \(self)")
    }
    return flag
  }

  /// One of `choices`, or `invalid option 'x'` (Lua's wording).
  public func choice(
    _ choices: [String], for name: String, in estimator: String
  ) throws(NightjarError) -> String {
    guard case .string(let text) = self else {
      throw .invalidArgument(
        operation: estimator,
        message: "'\(name)' must be one of "
          + choices.map { "'\($0)'" }.joined(separator: ", ")
          + ", got \(self)")
    }
    guard choices.contains(text) else {
      throw .invalidArgument(
        operation: estimator, message: "invalid option '\(text)' for '\(name)'")
    }
    return text
  }
}
