// Every combination of hyper-parameter values, in scikit-learn's order.

/// The candidates of a grid search: for each grid (a table of parameter
/// names to lists of values), every combination, with the names sorted
/// and the last name varying fastest, grids one after another, exactly
/// the order of scikit-learn's ParameterGrid. `cv_results_` rows and
/// the tie-break of `best_params_` (the first best) follow this order.
public struct ParameterGrid {
  public let candidates: [[String: ParameterValue]]

  /// Errors: a parameter with no values, a grid with no parameters.
  public init(_ grids: [[String: [ParameterValue]]], operation: String)
    throws(NightjarError)
  {
    var all: [[String: ParameterValue]] = []
    for grid in grids {
      let names = grid.keys.sorted()
      for name in names where grid[name]?.isEmpty ?? true {
        throw .invalidArgument(
          operation: operation, message: "parameter '\(name)' has no values")
      }
      var combinations: [[String: ParameterValue]] = [[:]]
      for name in names {
        let values = grid[name] ?? []
        var next: [[String: ParameterValue]] = []
        next.reserveCapacity(combinations.count * values.count)
        for partial in combinations {
          for value in values {
            var candidate = partial
            candidate[name] = value
            next.append(candidate)
          }
        }
        combinations = next
      }
      all += combinations
    }
    guard !all.isEmpty else {
      throw .invalidArgument(operation: operation, message: "the grid is empty")
    }
    candidates = all
  }
}
