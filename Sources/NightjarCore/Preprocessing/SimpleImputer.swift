// Filling missing values with a per-column statistic or a constant.

/// Replaces missing values column by column, as scikit-learn's
/// SimpleImputer: with the column's mean, median or most frequent value
/// (learned by `fit`, missing values left out), or with `fillValue`.
///
/// Missing means NaN by default; `missingValue` may name a number
/// instead (-1, 999), and NaN in X is then an error. Infinity is always
/// an error.
///
/// A column with no value but missing ones at `fit` has no statistic
/// (NaN in `statistics`). By default it is dropped from the output, as
/// scikit-learn does; with `keepEmptyFeatures` it is kept and filled
/// with 0 (with `fillValue` for "constant"). With `addIndicator` the
/// output ends with a 0/1 column per feature that had missing values at
/// `fit`, 1 where the value was missing; `inverseTransform` then puts the
/// missing values back.
///
/// Output: rows x (kept features + indicator columns); a vector input
/// (one feature) gives a vector when the output has one column.
/// Mean: one parallel pass; median: selection in each column; most
/// frequent: a sort of each column (columns in parallel); ties of most
/// frequent go to the smallest.
public final class SimpleImputer: Transformer, Persistable {
  public static let name = "SimpleImputer"

  /// What replaces a missing value.
  public enum Strategy: String, CaseIterable {
    case mean, median
    case mostFrequent = "most_frequent"
    case constant
  }

  /// Default mean.
  public var strategy = Strategy.mean
  /// The value "constant" fills with; nil means 0. Default nil.
  public var fillValue: Double?
  /// The number that marks a missing value; NaN by default.
  public var missingValue = Double.nan
  /// Keep the columns that are all missing at `fit`. Default false.
  public var keepEmptyFeatures = false
  /// Append the missing-value indicator columns. Default false.
  public var addIndicator = false

  /// The fill value per input column (NaN: the column is dropped).
  public internal(set) var statistics: Matrix?
  /// The input columns (0-based) that had missing values at `fit`: the
  /// indicator columns, in order.
  public internal(set) var indicatorFeatures: [Int] = []

  public init() {}

  public var isFitted: Bool { statistics != nil }

  public var parameters: [String: ParameterValue] {
    ["strategy": .string(strategy.rawValue),
     "fill_value": fillValue.map { .number($0) } ?? .none,
     "missing_values": .number(missingValue),
     "keep_empty_features": .boolean(keepEmptyFeatures),
     "add_indicator": .boolean(addIndicator)]
  }

  /// `missing_values` takes a number, NaN, nil or the text "nan" (both
  /// NaN, as model files write it).
  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    switch name {
    case "strategy":
      let text = try value.choice(
        Strategy.allCases.map(\.rawValue), for: name, in: Self.name)
      strategy = Strategy(rawValue: text) ?? .mean
    case "fill_value":
      if case .none = value {
        fillValue = nil
      } else {
        let number = try value.number(for: name, in: Self.name)
        guard !number.isNaN else {
          throw .invalidArgument(
            operation: Self.name, message: "'fill_value' must not be NaN")
        }
        fillValue = number
      }
    case "missing_values":
      switch value {
      case .none, .string("nan"): missingValue = .nan
      default:
        let number = try value.number(for: name, in: Self.name)
        guard !number.isInfinite else {
          throw .invalidArgument(
            operation: Self.name,
            message: "'missing_values' must be a finite number or NaN, "
              + "got \(value)")
        }
        missingValue = number
      }
    case "keep_empty_features":
      keepEmptyFeatures = try value.boolean(for: name, in: Self.name)
    case "add_indicator":
      addIndicator = try value.boolean(for: name, in: Self.name)
    default: throw Self.unknownParameter(name)
    }
  }

  public func cloned() -> SimpleImputer {
    let copy = SimpleImputer()
    copy.strategy = strategy
    copy.fillValue = fillValue
    copy.missingValue = missingValue
    copy.keepEmptyFeatures = keepEmptyFeatures
    copy.addIndicator = addIndicator
    return copy
  }

  /// The number of input features, after fit.
  public var featureCount: Int { statistics?.count ?? 0 }

  /// The input columns (0-based) kept in the output.
  public var keptFeatures: [Int] {
    guard let statistics else { return [] }
    return (0..<statistics.count).filter { !statistics.base[$0].isNaN }
  }

  /// Learns the fill value of each column and which columns have
  /// missing values.
  public func fit(_ x: Matrix, target y: Target? = nil) throws(NightjarError)
  {
    let marked = try missingAsNaN(x, "fit")

    let columns = PreprocessingInput.shape(x).columns
    var values: [Double]
    var counts: [Int]
    switch strategy {
    case .mean:
      let (sum, count) = try ColumnStatistics.sums(marked)
      values = zip(sum, count).map { $1 > 0 ? $0 / Double($1) : .nan }
      counts = count
    case .median:
      values = try ColumnStatistics.quantiles(marked, percents: []).map {
        $0[0]
      }
      counts = try ColumnStatistics.sums(marked).count
    case .mostFrequent:
      values = try ColumnStatistics.mostFrequent(marked)
      counts = try ColumnStatistics.sums(marked).count
    case .constant:
      counts = try ColumnStatistics.sums(marked).count
      values = counts.map { $0 > 0 ? fillValue ?? 0 : .nan }
    }
    // Empty columns: dropped (NaN) or kept with 0 (the fill value for
    // "constant"), as scikit-learn's keep_empty_features.
    if keepEmptyFeatures {
      let empty = strategy == .constant ? fillValue ?? 0 : 0
      values = zip(values, counts).map { $1 == 0 ? empty : $0 }
    }
    let rows = PreprocessingInput.shape(x).rows

    statistics = try Matrix(vector: values)
    indicatorFeatures = (0..<columns).filter { counts[$0] < rows }
  }

  /// X with missing values filled, empty columns dropped and, with
  /// `addIndicator`, the indicator columns appended.
  public func transform(_ x: Matrix) throws(NightjarError) -> Matrix {
    guard let statistics else { throw Self.notFitted("transform") }
    let marked = try missingAsNaN(x, "transform")
    try PreprocessingInput.columns(
      x, expected: statistics.count, noun: "imputer", "transform")

    let kept = keptFeatures
    let indicators = addIndicator ? indicatorFeatures : []
    let fill = statistics.toArray()
    let width = kept.count + indicators.count
    guard width > 0 else {
      throw .invalidArgument(
        operation: "transform",
        message: "every column was missing at fit; nothing is left")
    }
    let result = try PreprocessingInput.result(
      rowsOf: x, columns: width, "transform")
    let columns = statistics.count
    try PreprocessingInput.forEachRowBlock(marked, into: result) {
      input, output, count in
      for i in 0..<count {
        let row = input + i * columns
        let out = output + i * width
        for (k, j) in kept.enumerated() {
          out[k] = row[j].isNaN ? fill[j] : row[j]
        }
        for (k, j) in indicators.enumerated() {
          out[kept.count + k] = row[j].isNaN ? 1 : 0
        }
      }
    }
    return result
  }

  /// Puts the missing values back where the indicator columns say they
  /// were: X is what `transform` gave (kept features, then indicators);
  /// the result has the input's columns, dropped ones all missing. Only
  /// with `addIndicator`, as in scikit-learn.
  public func inverseTransform(_ x: Matrix) throws(NightjarError) -> Matrix
  {
    guard let statistics else { throw Self.notFitted("inverse_transform") }
    guard addIndicator else {
      throw .invalidArgument(
        operation: "inverse_transform",
        message: "SimpleImputer can undo transform only with "
          + "add_indicator = true")
    }
    try PreprocessingInput.check(x, "inverse_transform", allowNaN: true)
    let kept = keptFeatures
    let indicators = indicatorFeatures
    let width = kept.count + indicators.count
    try PreprocessingInput.columns(
      x, expected: width, noun: "imputer's output", "inverse_transform")

    let columns = statistics.count
    let missing = missingValue
    let result = try Matrix(
      uninitializedRows: PreprocessingInput.shape(x).rows, columns: columns,
      operation: "inverse_transform")
    try PreprocessingInput.forEachRowBlock(x, into: result) {
      input, output, count in
      for i in 0..<count {
        let row = input + i * width
        let out = output + i * columns
        for j in 0..<columns { out[j] = missing }
        for (k, j) in kept.enumerated() { out[j] = row[k] }
        for (k, j) in indicators.enumerated() where row[kept.count + k] != 0 {
          out[j] = missing
        }
      }
    }
    return result
  }

  /// X checked, with the missing marker turned into NaN (a copy only
  /// when the marker is a number), so the rest reads NaN as missing.
  private func missingAsNaN(_ x: Matrix, _ operation: String)
    throws(NightjarError) -> Matrix
  {
    try PreprocessingInput.check(
      x, operation, allowNaN: missingValue.isNaN)
    guard !missingValue.isNaN else { return x }
    let missing = missingValue
    return try PreprocessingInput.mapRows(x) { rows, count, columns in
      for offset in 0..<(count * columns) where rows[offset] == missing {
        rows[offset] = .nan
      }
    }
  }

  public func fittedState() throws(NightjarError) -> JSON? {
    guard let statistics else { return nil }
    return .object([
      ("statistics", JSON(statistics)),
      ("indicator_features",
       .array(indicatorFeatures.map { .number(Double($0)) })),
    ])
  }

  public func restore(_ state: JSON) throws(NightjarError) {
    guard let statistics = try state["statistics"]?.matrix("statistics"),
      let features = state["indicator_features"]?.numbers
    else { throw ModelFile.corrupt("SimpleImputer: missing statistics") }
    let indices = features.compactMap { Int(exactly: $0) }
    guard indices.count == features.count,
      indices.allSatisfy({ $0 >= 0 && $0 < statistics.count })
    else {
      throw ModelFile.corrupt(
        "SimpleImputer: indicator features outside \(statistics.count) "
          + "columns")
    }
    self.statistics = statistics
    indicatorFeatures = indices
  }
}
