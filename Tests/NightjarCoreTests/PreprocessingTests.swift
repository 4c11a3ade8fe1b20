// Scalers and the imputer against scikit-learn, their errors, and model
// file round trips.

import XCTest

@testable import NightjarCore

final class PreprocessingTests: XCTestCase {
  /// Relative tolerance against scikit-learn: the same formulas in the
  /// same order mostly give the same bits; sums and row norms may be
  /// added in another order.
  let tolerance = 1e-12

  func test_scalersAndImputerAgreeWithScikitLearn() throws {
    let cases = try PreprocessingFixture.cases()
    XCTAssertGreaterThanOrEqual(cases.count, 24)
    for item in cases {
      let estimator = try makeEstimator(item.estimator, item.parameters)
      guard let transformer = estimator as? any Transformer else {
        XCTFail("\(item) is not a transformer")
        continue
      }
      try transformer.fit(
        try PreprocessingFixture.dataSet(item.fit), target: nil)
      for (name, value) in item.attributes {
        let expected = try PreprocessingFixture.matrix(value).toArray()
        guard let observed = preprocessingAttribute(estimator, name) else {
          XCTFail("\(item): no attribute \(name)")
          continue
        }
        assertClose(observed, expected, tolerance: tolerance, "\(item) \(name)")
      }
      let test = try PreprocessingFixture.dataSet(item.test)
      let output = try transformer.transform(test)
      if let expected = try item.matrix("transform") {
        assertClose(output, expected, tolerance: tolerance, "\(item) transform")
      }
      if let expected = try item.matrix("inverse") {
        assertClose(
          try inverse(estimator, output), expected, tolerance: tolerance,
          "\(item) inverse_transform")
      }
      if let expected = try item.matrix("indicator_features"),
        let imputer = estimator as? SimpleImputer
      {
        XCTAssertEqual(
          imputer.indicatorFeatures.map(Double.init), expected.toArray(),
          "\(item)")
      }
      // A saved and reloaded model transforms to the same bits.
      guard let loaded = try roundTrip(estimator) as? any Transformer else {
        XCTFail("\(item): not reloaded as a transformer")
        continue
      }
      XCTAssertEqual(
        loaded.parameters.mapValues(\.description),
        estimator.parameters.mapValues(\.description), "\(item)")
      assertClose(
        try loaded.transform(test), output, tolerance: 0, "\(item) reloaded")
    }
  }

  private func inverse(_ estimator: any Estimator, _ x: Matrix) throws
    -> Matrix
  {
    switch estimator {
    case let s as MinMaxScaler: return try s.inverseTransform(x)
    case let s as RobustScaler: return try s.inverseTransform(x)
    case let s as MaxAbsScaler: return try s.inverseTransform(x)
    case let s as SimpleImputer: return try s.inverseTransform(x)
    default: throw PreprocessingFixture.FixtureError.malformed("inverse")
    }
  }

  func test_inverseTransformUndoesTransform() throws {
    let x = try seededMatrix(50, 4, seed: 3)
    for scaler in [
      MinMaxScaler() as any Transformer, RobustScaler(), MaxAbsScaler(),
    ] {
      let scaled = try scaler.fitTransform(x)
      let back: Matrix
      switch scaler {
      case let s as MinMaxScaler: back = try s.inverseTransform(scaled)
      case let s as RobustScaler: back = try s.inverseTransform(scaled)
      case let s as MaxAbsScaler: back = try s.inverseTransform(scaled)
      default: return
      }
      assertClose(back, x, tolerance: 1e-14, "\(type(of: scaler).name)")
    }
  }

  func test_vectorIsOneColumnAndKeepsItsShape() throws {
    let x = try Matrix(vector: [1, 3, 5, .nan])
    let scaled = try MinMaxScaler().fitTransform(x)
    XCTAssertEqual(scaled.shapeText, "(4)")
    assertClose(scaled.toArray(), [0, 0.5, 1, .nan])
    let filled = try SimpleImputer().fitTransform(x)
    XCTAssertEqual(filled.shapeText, "(4)")
    assertClose(filled.toArray(), [1, 3, 5, 3])
  }

  func test_clipKeepsNaN() throws {
    let scaler = MinMaxScaler()
    try scaler.setParameter("clip", .boolean(true))
    try scaler.fit(try Matrix(3, 1, values: [0, 1, 2]), target: nil)
    let out = try scaler.transform(try Matrix(vector: [-1, .nan, 5]))
    assertClose(out.toArray(), [0, .nan, 1])
  }

  func test_largeInputGivesTheSameBitsAsSmallBlocks() throws {
    // Enough rows for several parallel blocks: the statistics must equal
    // a plain sequential computation.
    let x = try seededMatrix(70_000, 3, seed: 11)
    let scaler = MinMaxScaler()
    try scaler.fit(x, target: nil)
    var low = [Double](repeating: .infinity, count: 3)
    var high = [Double](repeating: -.infinity, count: 3)
    for i in 0..<x.rows {
      for j in 0..<3 {
        low[j] = min(low[j], x[i, j])
        high[j] = max(high[j], x[i, j])
      }
    }
    XCTAssertEqual(scaler.dataMinimum?.toArray(), low)
    XCTAssertEqual(scaler.dataMaximum?.toArray(), high)
    let imputer = SimpleImputer()
    try imputer.fit(x, target: nil)
    let means = try x.mean(over: .rows).toArray()
    assertClose(imputer.statistics?.toArray() ?? [], means, tolerance: 1e-12)
  }

  func test_normalQuantileMatchesSciPy() {
    // scipy.stats.norm.ppf at these points.
    let expected: [(Double, Double)] = [
      (0.5, 0), (0.75, 0.6744897501960817), (0.9, 1.2815515655446004),
      (0.975, 1.959963984540054), (0.01, -2.3263478740408408),
      (1e-10, -6.361340902404056), (0.999999, 4.753424308817087),
    ]
    for (p, x) in expected {
      assertClose(
        NormalDistribution.quantile(p), x, tolerance: 1e-14, "ppf(\(p))")
    }
    XCTAssertEqual(NormalDistribution.quantile(0), -.infinity)
    XCTAssertEqual(NormalDistribution.quantile(1), .infinity)
  }

  func test_percentileFollowsNumPyLinear() {
    let values: [Double] = [1, 2, 4, 8, 16]
    XCTAssertEqual(ColumnStatistics.percentile(values, 25), 2)
    XCTAssertEqual(ColumnStatistics.percentile(values, 90), 12.8)
    XCTAssertEqual(ColumnStatistics.percentile(values, 0), 1)
    XCTAssertEqual(ColumnStatistics.percentile(values, 100), 16)
    XCTAssertEqual(ColumnStatistics.median([1, 2, 4, 8]), 3)
    XCTAssertEqual(
      ColumnStatistics.mostFrequent(sorted: [1.0, 2, 2, 3, 3]), 2)
    XCTAssertTrue(ColumnStatistics.percentile([], 50).isNaN)
  }

  func test_selectionFindsTheRanksASortFinds() throws {
    // Random values, many ties, and sorted and reversed runs (the
    // cases that break naive pivots), against a full sort.
    var generator = RandomGenerator(seed: 8)
    let inputs: [[Double]] = [
      (0..<1000).map { _ in generator.nextNormal() },
      (0..<999).map { _ in Double(generator.nextInt(below: 5)) },
      (0..<500).map(Double.init), (0..<501).map { Double(-$0) },
      [3], [2, 1],
    ]
    for input in inputs {
      let sorted = input.sorted()
      let ranks = Set([0, input.count / 3, input.count / 2, input.count - 1])
      var values = input
      values.withUnsafeMutableBufferPointer { buffer in
        var start = 0
        for rank in ranks.sorted() {
          ColumnStatistics.select(buffer, rank: rank, from: start)
          start = rank + 1
        }
      }
      for rank in ranks { XCTAssertEqual(values[rank], sorted[rank]) }
      XCTAssertEqual(values.sorted(), sorted)
    }
    let x = try Matrix(5, 1, values: [4, .nan, 1, 2, 8])
    let quantiles = try ColumnStatistics.quantiles(x, percents: [25, 90])
    XCTAssertEqual(quantiles[0][0], 3)
    XCTAssertEqual(quantiles[0][1], 1.75)
    assertClose(quantiles[0][2], 6.8, tolerance: 1e-15)
  }

  // MARK: - Errors

  func test_parameterErrors() throws {
    assertThrows(
      try MinMaxScaler().setParameter("feature_range", .string("(1, 0)")),
      "MinMaxScaler: the minimum of 'feature_range' must be smaller than "
        + "its maximum, got (1, 0)")
    assertThrows(
      try MinMaxScaler().setParameter("feature_range", .number(3)),
      "MinMaxScaler: 'feature_range' must be a pair such as \"(0, 1)\", "
        + "got 3")
    assertThrows(
      try MinMaxScaler().setParameter("range", .number(3)),
      "MinMaxScaler: unknown parameter 'range'")
    assertThrows(
      try RobustScaler().setParameter("quantile_range", .string("(80, 20)")),
      "RobustScaler: 'quantile_range' must satisfy 0 <= low <= high <= 100, "
        + "got (80, 20)")
    assertThrows(
      try RobustScaler().setParameter("quantile_range", .string("(0, 101)")),
      "RobustScaler: 'quantile_range' must satisfy 0 <= low <= high <= 100, "
        + "got (0, 101)")
    assertThrows(
      try Normalizer().setParameter("norm", .string("l3")),
      "Normalizer: invalid option 'l3' for 'norm'")
    assertThrows(
      try MaxAbsScaler().setParameter("copy", .boolean(true)),
      "MaxAbsScaler: unknown parameter 'copy'")
    assertThrows(
      try SimpleImputer().setParameter("strategy", .string("mode")),
      "SimpleImputer: invalid option 'mode' for 'strategy'")
    assertThrows(
      try SimpleImputer().setParameter("fill_value", .string("x")),
      "SimpleImputer: 'fill_value' must be a number, got \"x\"")
    assertThrows(
      try SimpleImputer().setParameter("fill_value", .number(.nan)),
      "SimpleImputer: 'fill_value' must not be NaN")
    assertThrows(
      try SimpleImputer().setParameter("missing_values", .number(.infinity)),
      "SimpleImputer: 'missing_values' must be a finite number or NaN, "
        + "got inf")
  }

  func test_inputErrors() throws {
    let x = try Matrix(2, 2, values: [1, .infinity, 3, 4])
    let empty = try Matrix.zeros(0, 3)
    let wide = try Matrix(1, 3, values: [1, 2, 3])
    let fitted = try Matrix(2, 2, values: [1, 2, 3, 4])
    for transformer in [
      MinMaxScaler() as any Transformer, RobustScaler(), MaxAbsScaler(),
      Normalizer(), SimpleImputer(),
    ] {
      let name = type(of: transformer).name
      assertThrows(
        try transformer.transform(fitted),
        "transform: this \(name) is not fitted yet; call fit first")
      assertThrows(
        try transformer.fit(x, target: nil),
        "fit: input contains infinity (column 2, row 1)")
      assertThrows(
        try transformer.fit(empty, target: nil), "fit: X is empty (0x3)")
      try transformer.fit(fitted, target: nil)
      let noun = name == "Normalizer" ? "normalizer"
        : name == "SimpleImputer" ? "imputer" : "scaler"
      assertThrows(
        try transformer.transform(wide),
        "transform: X has 3 columns but the \(noun) was fitted with 2")
    }
    let released = try Matrix(1, 1, values: [1])
    released.release()
    assertThrows(
      try MinMaxScaler().fit(released, target: nil),
      "fit: X has been released")
    assertThrows(
      try Normalizer().fit(try Matrix(1, 2, values: [1, .nan]), target: nil),
      "fit: input contains NaN (column 2, row 1)")
    let marked = SimpleImputer()
    try marked.setParameter("missing_values", .number(-1))
    assertThrows(
      try marked.fit(try Matrix(1, 2, values: [1, .nan]), target: nil),
      "fit: input contains NaN (column 2, row 1)")
  }

  func test_imputerGivesDroppedColumnsBackAsMissing() throws {
    // scikit-learn's inverse_transform guesses dropped columns from the
    // indicators of the rows given; nightjar knows them from fit.
    let imputer = SimpleImputer()
    try imputer.setParameter("add_indicator", .boolean(true))
    let x = try Matrix(3, 2, values: [1, .nan, .nan, .nan, 3, .nan])
    let out = try imputer.fitTransform(x)
    XCTAssertEqual(out.toRowArrays(), [[1, 0, 1], [2, 1, 1], [3, 0, 1]])
    let back = try imputer.inverseTransform(out)
    assertClose(back.toArray(), x.toArray(), tolerance: 0)
  }

  func test_imputerErrors() throws {
    let imputer = SimpleImputer()
    try imputer.fit(try Matrix(2, 2, values: [1, .nan, 3, .nan]), target: nil)
    assertThrows(
      try imputer.inverseTransform(try Matrix(2, 1, values: [1, 3])),
      "inverse_transform: SimpleImputer can undo transform only with "
        + "add_indicator = true")
    let empty = SimpleImputer()
    try empty.fit(try Matrix(2, 1, values: [.nan, .nan]), target: nil)
    assertThrows(
      try empty.transform(try Matrix(1, 1, values: [2])),
      "transform: every column was missing at fit; nothing is left")
    let indicated = SimpleImputer()
    try indicated.setParameter("add_indicator", .boolean(true))
    try indicated.fit(try Matrix(2, 2, values: [1, .nan, 3, 4]), target: nil)
    assertThrows(
      try indicated.inverseTransform(try Matrix(1, 2, values: [1, 2])),
      "inverse_transform: X has 2 columns but the imputer's output was "
        + "fitted with 3")
  }

  func test_restoreRejectsBadState() throws {
    assertThrows(
      try MinMaxScaler().restore(.object([])),
      "load: MinMaxScaler: missing 'data_min'")
    assertThrows(
      try RobustScaler().restore(.object([("n_features_in", .number(0))])),
      "load: RobustScaler: missing 'n_features_in'")
    let vector = JSON(try Matrix(vector: [1, 2]))
    assertThrows(
      try SimpleImputer().restore(.object([
        ("statistics", vector), ("indicator_features", .array([.number(2)])),
      ])),
      "load: SimpleImputer: indicator features outside 2 columns")
    assertThrows(
      try MaxAbsScaler().restore(.object([
        ("max_abs", vector), ("scale", JSON(try Matrix(vector: [1]))),
      ])),
      "load: MaxAbsScaler: bad statistics")
  }

  func test_standardScalerRestoreSurvivesAnImpossibleCount() throws {
    // A count no Int holds used to stop the program inside ml.load.
    let one = JSON(try Matrix(vector: [1]))
    let scaler = StandardScaler()
    try scaler.restore(.object([
      ("mean", one), ("var", one), ("scale", one),
      ("n_samples_seen", .array([.number(1e300)])),
    ]))
    XCTAssertEqual(scaler.samplesSeen, [0])
  }

  func test_unfittedModelsSaveTheirParameters() throws {
    let scaler = MinMaxScaler()
    try scaler.setParameter("feature_range", .string("(-1, 0.25)"))
    let loaded = try roundTrip(scaler)
    XCTAssertFalse(loaded.isFitted)
    XCTAssertEqual(loaded.parameters["feature_range"], .string("(-1, 0.25)"))
    let imputer = SimpleImputer()
    let back = try roundTrip(imputer)
    XCTAssertEqual(back.parameters["strategy"], .string("mean"))
    guard case .number(let missing)? = back.parameters["missing_values"] else {
      return XCTFail("missing_values")
    }
    XCTAssertTrue(missing.isNaN)
  }
}
