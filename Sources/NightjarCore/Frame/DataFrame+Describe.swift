// Summary statistics of the number columns: describe.

extension DataFrame {
  /// The statistics pandas' `describe()` gives, one column per number
  /// column of this frame, one row per statistic.
  ///
  /// The result's first column, `statistic` (`statistic_` if the frame
  /// has a column of that name), holds the row names: count
  /// (values that are not missing), mean, std (sample standard deviation,
  /// divided by n - 1), min, 25%, 50%, 75% (quantiles by linear
  /// interpolation, as pandas) and max. Missing values are skipped; a
  /// column with no values has count 0 and NaN elsewhere, one value a NaN
  /// std. Boolean and text columns are left out, as pandas does by
  /// default. Throws `describe: the frame has no number columns`.
  /// - Complexity: O(n log n) per column (the quantiles sort).
  public func describe() throws(NightjarError) -> DataFrame {
    let statistics = ["count", "mean", "std", "min", "25%", "50%", "75%",
                      "max"]
    var names = [uniqueName("statistic")]
    var results = [Column.text(statistics)]
    for (name, column) in zip(columnNames, columns) {
      guard case .number(let values) = column else { continue }
      let (count, _, mean) = Statistics.moments(values)
      let (low, high) = Statistics.extremes(values)
      let quartiles = Statistics.quantiles(values, [0.25, 0.5, 0.75])
      let std = Statistics.variance(values).squareRoot()
      names.append(name)
      results.append(
        .number([Double(count), mean, std, low] + quartiles + [high]))
    }
    guard results.count > 1 else {
      throw .invalidArgument(
        operation: "describe", message: "the frame has no number columns")
    }
    return DataFrame(
      uncheckedNames: names, columns: results, rowCount: statistics.count)
  }
}

extension DataFrame {
  /// `base`, or `base` followed by as many "_" as needed to differ from
  /// every column name of this frame.
  func uniqueName(_ base: String) -> String {
    var name = base
    while index(of: name) != nil { name += "_" }
    return name
  }
}
