// Hyper-parameter readers that also check a range: alpha, tol, max_iter.

extension ParameterValue {
  /// A number >= 0 (a penalty, a tolerance). NaN and negative values are
  /// errors: `Ridge: 'alpha' must be a non-negative number, got -1`.
  public func nonNegativeNumber(for name: String, in estimator: String)
    throws(NightjarError) -> Double
  {
    let value = try number(for: name, in: estimator)
    guard value >= 0, value.isFinite else {
      throw .invalidArgument(
        operation: estimator,
        message: "'\(name)' must be a non-negative number, got \(self)")
    }
    return value
  }

  /// A whole number >= 1 (an iteration budget):
  /// `Lasso: 'max_iter' must be at least 1, got 0`.
  public func positiveInteger(for name: String, in estimator: String)
    throws(NightjarError) -> Int
  {
    let value = try integer(for: name, in: estimator)
    guard value >= 1 else {
      throw .invalidArgument(
        operation: estimator,
        message: "'\(name)' must be at least 1, got \(self)")
    }
    return value
  }

  /// A number in [0, 1] (a mixing ratio):
  /// `ElasticNet: 'l1_ratio' must be between 0 and 1, got 1.5`.
  public func fraction(for name: String, in estimator: String)
    throws(NightjarError) -> Double
  {
    let value = try number(for: name, in: estimator)
    guard value >= 0, value <= 1 else {
      throw .invalidArgument(
        operation: estimator,
        message: "'\(name)' must be between 0 and 1, got \(self)")
    }
    return value
  }

  /// A whole number or none (a seed that may be left unset).
  public func optionalInteger(for name: String, in estimator: String)
    throws(NightjarError) -> Int?
  {
    if case .none = self { return nil }
    guard case .number = self else {
      throw .invalidArgument(
        operation: estimator,
        message: "'\(name)' must be a whole number or nil, got \(self)")
    }
    return try integer(for: name, in: estimator)
  }
}
