// LinearRegression, Ridge, Lasso and ElasticNet against scikit-learn 1.9
// on its diabetes data and on seeded synthetic data.

import XCTest

@testable import NightjarCore

final class RegressionTests: XCTestCase {
  typealias Case = RegressionFixture.Case

  /// The brief's agreement: 1e-4 relative, 1e-6 absolute near zero.
  static let relative = 1e-4
  static let absolute = 1e-6

  /// Sets the case's parameters on `model`, fits it to the case's data
  /// and returns the data set.
  @discardableResult
  func fit<Model: LinearRegressor>(_ model: Model, _ item: Case) throws
    -> RegressionFixture.DataSet
  {
    let set = try RegressionFixture.dataSet(item.data)
    try model.setParameters(item.parameters)
    try model.fit(
      set.x, set.y, sampleWeight: item.weighted ? set.weights : nil)
    return set
  }

  /// Compares w and b with the case; returns the largest relative error
  /// of w.
  @discardableResult
  func compare<Model: LinearRegressor>(
    _ model: Model, _ item: Case, relative: Double = relative,
    absolute: Double = absolute, file: StaticString = #filePath,
    line: UInt = #line
  ) -> Double {
    let worst = assertAgree(
      model.coefficients?.toArray() ?? [], item.coefficients,
      relative: relative, absolute: absolute, "\(item): coef_", file: file,
      line: line)
    assertAgree(
      [model.intercept], [item.intercept], relative: relative,
      absolute: absolute, "\(item): intercept_", file: file, line: line)
    return worst
  }

  func test_linearRegressionMatchesScikitLearn() throws {
    let cases = try RegressionFixture.cases("LinearRegression")
    XCTAssertEqual(cases.count, 16)
    var worst = 0.0
    for item in cases {
      let model = LinearRegression()
      try fit(model, item)
      worst = max(worst, compare(model, item, relative: 1e-9))
      XCTAssertEqual(model.rank, item.rank, "\(item): rank_")
      assertAgree(
        model.singularValues?.toArray() ?? [], item.singularValues ?? [],
        relative: 1e-10, absolute: 1e-10, "\(item): singular_")
    }
    print("LinearRegression: largest relative error of coef_ \(worst)")
  }

  func test_linearRegressionFindsTheRankOfCollinearColumns() throws {
    let item = try XCTUnwrap(
      RegressionFixture.cases("LinearRegression").first {
        $0.data == "rank_deficient"
      })
    let model = LinearRegression()
    try fit(model, item)
    // Columns 3 = 1 + 2 x 2 and 6 = 3 x 4, column 5 constant: rank 3
    // after centring.
    XCTAssertEqual(model.rank, 3)
    XCTAssertEqual(item.rank, 3)
  }

  func test_ridgeMatchesScikitLearn() throws {
    let cases = try RegressionFixture.cases("Ridge")
    XCTAssertEqual(cases.count, 33)
    var worst = 0.0
    for item in cases {
      let model = Ridge()
      try fit(model, item)
      worst = max(worst, compare(model, item, relative: 1e-8))
    }
    print("Ridge: largest relative error of coef_ \(worst)")
  }

  func test_ridgeSolversAgree() throws {
    // alpha = 0 is left out: there the SVD solver keeps singular values
    // of rounding size above its 1e-15 cut-off, in scikit-learn too.
    for item in try RegressionFixture.cases("Ridge")
    where item.parameters["alpha"] != .number(0) {
      let cholesky = Ridge()
      try fit(cholesky, item)
      let svd = Ridge()
      let set = try fit(svd, item)
      try svd.setParameter("solver", .string("svd"))
      try svd.fit(
        set.x, set.y, sampleWeight: item.weighted ? set.weights : nil)
      assertAgree(
        svd.coefficients?.toArray() ?? [],
        cholesky.coefficients?.toArray() ?? [], relative: 1e-8,
        absolute: 1e-9, "\(item): svd against cholesky")
    }
  }

  /// Fits every case of `model` with the Gram matrix and without, and
  /// compares w, b, n_iter_ and dual_gap_.
  func checkCoordinateDescent<Model: LinearRegressor>(
    _ make: () -> Model, _ name: String, count: Int,
    iterations: (Model) -> Int, dualGap: (Model) -> Double
  ) throws {
    let cases = try RegressionFixture.cases(name)
    XCTAssertEqual(cases.count, count)
    var worst = 0.0
    var tightWorst = 0.0
    for item in cases {
      for precompute in [true, false] {
        let model = make()
        try model.setParameter("precompute", .boolean(precompute))
        try fit(model, item)
        let label = "\(item) precompute=\(precompute)"
        let error = compare(model, item)
        let tight = item.parameters["tol"] == .number(1e-12)
        if tight {
          tightWorst = max(tightWorst, error)
        } else {
          worst = max(worst, error)
        }
        // A random order is the generator's, not scikit-learn's: only
        // the optimum is comparable.
        guard item.parameters["selection"] != .string("random") else {
          continue
        }
        // The same iterates as scikit-learn's up to rounding, so the
        // same number of passes; on the Gram matrix the gap carries
        // rounding of order 1e-13 |y|^2, which at tol 1e-12 may move the
        // stop by a pass or a few in thousands.
        let expected = item.iterations ?? -1
        let observed = iterations(model)
        if precompute && tight {
          XCTAssertLessThanOrEqual(
            abs(observed - expected), max(1, expected / 1000),
            "\(label): n_iter_ \(observed), scikit-learn \(expected)")
        } else {
          XCTAssertEqual(observed, expected, "\(label): n_iter_")
        }
        // The gap is a difference of two numbers of order |y|^2 / n:
        // compared to 1e-3 relative, or 1e-10 of that scale.
        let set = try RegressionFixture.dataSet(item.data)
        let scale = try set.y.variance()
        if let gap = item.dualGap {
          assertAgree(
            [dualGap(model)], [gap], relative: 1e-3, absolute: 1e-10 * scale,
            "\(label): dual_gap_")
        }
      }
    }
    print(
      "\(name): largest relative error of coef_ \(worst) at scikit-learn's "
        + "tol, \(tightWorst) at tol 1e-12")
  }

  func test_lassoMatchesScikitLearn() throws {
    try checkCoordinateDescent(
      { Lasso() }, "Lasso", count: 40, iterations: { $0.iterations },
      dualGap: { $0.dualGap })
  }

  func test_elasticNetMatchesScikitLearn() throws {
    try checkCoordinateDescent(
      { ElasticNet() }, "ElasticNet", count: 43, iterations: { $0.iterations },
      dualGap: { $0.dualGap })
  }

  func test_lassoZeroPatternMatchesAtTightTolerance() throws {
    for item in try RegressionFixture.cases("Lasso")
    where item.parameters["tol"] == .number(1e-12) {
      for precompute in [true, false] {
        let model = Lasso()
        try model.setParameter("precompute", .boolean(precompute))
        try fit(model, item)
        let observed = (model.coefficients?.toArray() ?? []).map { $0 == 0 }
        XCTAssertEqual(
          observed, item.coefficients.map { $0 == 0 },
          "\(item) precompute=\(precompute): zero pattern")
      }
    }
  }

  func test_elasticNetWithRatioOneIsTheLasso() throws {
    let set = try RegressionFixture.dataSet("diabetes")
    let net = ElasticNet()
    try net.setParameters(["alpha": .number(0.05), "l1_ratio": .number(1)])
    try net.fit(set.x, set.y)
    let lasso = Lasso()
    try lasso.setParameter("alpha", .number(0.05))
    try lasso.fit(set.x, set.y)
    XCTAssertEqual(net.coefficients?.toArray(), lasso.coefficients?.toArray())
    XCTAssertEqual(net.intercept, lasso.intercept)
    XCTAssertEqual(net.iterations, lasso.iterations)
  }

  func test_metricsMatchScikitLearnOnTheSamePredictions() throws {
    var checked = 0
    for name in ["LinearRegression", "Ridge", "Lasso", "ElasticNet"] {
      for item in try RegressionFixture.cases(name) {
        guard let expected = item.predictions else { continue }
        let set = try RegressionFixture.dataSet(item.data)
        let predictions = try Matrix(vector: expected)
        assertClose(
          try RegressionMetrics.r2(set.y, predictions),
          item.metrics["r2"] ?? .nan, tolerance: 1e-10, "\(item): r2_score")
        assertClose(
          try RegressionMetrics.meanSquaredError(set.y, predictions),
          item.metrics["mse"] ?? .nan, tolerance: 1e-10,
          "\(item): mean_squared_error")
        assertClose(
          try RegressionMetrics.meanAbsoluteError(set.y, predictions),
          item.metrics["mae"] ?? .nan, tolerance: 1e-10,
          "\(item): mean_absolute_error")
        checked += 1
      }
    }
    XCTAssertEqual(checked, 10)
  }

  func test_predictionsAndScoreMatchScikitLearn() throws {
    func check<Model: LinearRegressor>(_ model: Model, _ name: String) throws {
      for item in try RegressionFixture.cases(name) {
        guard let expected = item.predictions else { continue }
        let set = try fit(model, item)
        assertAgree(
          try model.predict(set.x).toArray(), expected, relative: 1e-8,
          absolute: 1e-8, "\(item): predict")
        assertClose(
          try model.score(set.x, set.y), item.metrics["score"] ?? .nan,
          tolerance: 1e-8, "\(item): score")
      }
    }
    try check(LinearRegression(), "LinearRegression")
    try check(Ridge(), "Ridge")
    try check(Lasso(), "Lasso")
    try check(ElasticNet(), "ElasticNet")
  }

  func test_nonConvergenceLeavesAWarningAndKeepsTheResult() throws {
    let set = try RegressionFixture.dataSet("wide")
    let model = Lasso()
    try model.setParameters(["alpha": .number(0.001), "max_iter": .number(5)])
    try model.fit(set.x, set.y)
    XCTAssertEqual(model.iterations, 5)
    XCTAssertTrue(model.isFitted)
    XCTAssertEqual(model.warnings.count, 1)
    let gap = CFormat.string(model.dualGap, "%.1e")
    XCTAssertTrue(
      model.warnings.first?.hasPrefix(
        "Lasso: did not converge in 5 iterations (duality gap \(gap) > "
          + "tolerance ") ?? false, "\(model.warnings)")
    XCTAssertTrue(
      model.warnings.first?.hasSuffix(
        "); increase max_iter or scale the features") ?? false)
    // A fit that converges clears the warning.
    try model.setParameter("max_iter", .number(100_000))
    try model.fit(set.x, set.y)
    XCTAssertEqual(model.warnings, [])
  }

  func test_nonConvergenceWarningTextIsExact() throws {
    let x = try Matrix(4, 2, values: [1, 2, 2, 1, 3, 5, 4, 3])
    let y = try Matrix(vector: [1, 2, 3, 4])
    let model = ElasticNet()
    try model.setParameters([
      "alpha": .number(0.01), "l1_ratio": .number(0), "max_iter": .number(1),
      "tol": .number(1e-12),
    ])
    try model.fit(x, y)
    let gap = CFormat.string(model.dualGap, "%.1e")
    // tol times the centred |y|^2 (5), over the 4 rows.
    let limit = CFormat.string(1e-12 * 5 / 4, "%.1e")
    XCTAssertEqual(
      model.warnings,
      [
        "ElasticNet: did not converge in 1 iteration (duality gap \(gap) > "
          + "tolerance \(limit)); increase max_iter or scale the features; "
          + "without an L1 penalty Ridge fits the same model faster"
      ])
  }

  func test_alphaZeroWarnsToUseLinearRegression() throws {
    let set = try RegressionFixture.dataSet("synthetic")
    let model = Lasso()
    try model.setParameters([
      "alpha": .number(0), "tol": .number(1e-14), "max_iter": .number(100_000),
    ])
    try model.fit(set.x, set.y)
    XCTAssertEqual(
      model.warnings.first,
      "Lasso: with alpha = 0 coordinate descent converges poorly; use "
        + "LinearRegression")
    // It still reaches the least squares solution.
    let ols = LinearRegression()
    try ols.fit(set.x, set.y)
    assertAgree(
      model.coefficients?.toArray() ?? [], ols.coefficients?.toArray() ?? [],
      relative: 1e-3, absolute: 1e-6, "alpha 0 against least squares")
  }

  func test_warmStartContinuesFromThePreviousFit() throws {
    let set = try RegressionFixture.dataSet("diabetes")
    let cold = Lasso()
    try cold.setParameters(["alpha": .number(0.05), "tol": .number(1e-12)])
    try cold.fit(set.x, set.y)
    let warm = Lasso()
    try warm.setParameters([
      "alpha": .number(0.05), "tol": .number(1e-12),
      "warm_start": .boolean(true),
    ])
    try warm.fit(set.x, set.y)
    try warm.fit(set.x, set.y)
    // Started at the optimum, the second fit stops before any pass.
    XCTAssertEqual(warm.iterations, 0)
    assertAgree(
      warm.coefficients?.toArray() ?? [], cold.coefficients?.toArray() ?? [],
      relative: 1e-10, absolute: 1e-12, "warm start")
    // Without warm_start every fit starts from zero.
    try cold.fit(set.x, set.y)
    XCTAssertGreaterThan(cold.iterations, 0)
  }

  func test_randomSelectionRepeatsForASeed() throws {
    let set = try RegressionFixture.dataSet("synthetic")
    func run(_ seed: Int?) throws -> [Double] {
      let model = ElasticNet()
      try model.setParameters([
        "alpha": .number(0.05), "selection": .string("random"),
        "seed": seed.map { .number(Double($0)) } ?? .none,
      ])
      try model.fit(set.x, set.y)
      return model.coefficients?.toArray() ?? []
    }
    XCTAssertEqual(try run(7), try run(7))
    XCTAssertEqual(try run(nil), try run(0))
    XCTAssertNotEqual(try run(7), try run(8))
  }

  func test_constantTargetGivesZeroCoefficientsAtOnce() throws {
    let set = try RegressionFixture.dataSet("synthetic")
    let y = try Matrix.full(set.x.rows, value: 3)
    for model in [Lasso(), ElasticNet()] as [any LinearRegressor] {
      try model.fit(set.x, y, sampleWeight: nil)
      XCTAssertEqual(
        model.coefficients?.toArray(), [Double](repeating: 0, count: 8))
      XCTAssertEqual(model.intercept, 3)
    }
    let lasso = Lasso()
    try lasso.fit(set.x, y)
    XCTAssertEqual(lasso.iterations, 0)
  }

  func test_constantColumnGetsZeroCoefficient() throws {
    let x = try Matrix(5, 2, values: [1, 7, 2, 7, 3, 7, 4, 7, 5, 7])
    let y = try Matrix(vector: [2, 4, 6, 8, 10])
    let ridge = Ridge()
    let lasso = Lasso()
    let net = ElasticNet()
    for model in [ridge, lasso, net] as [any LinearRegressor] {
      try model.setParameter("alpha", .number(0.001))
    }
    for model in [LinearRegression(), ridge, lasso, net]
      as [any LinearRegressor]
    {
      try model.fit(x, y, sampleWeight: nil)
      XCTAssertEqual(
        model.coefficients?.toArray()[1] ?? .nan, 0, accuracy: 1e-12,
        "\(type(of: model))")
    }
  }

  func test_clonedKeepsParametersAndDropsTheFit() throws {
    let set = try RegressionFixture.dataSet("synthetic")
    let model = ElasticNet()
    try model.setParameters(["alpha": .number(0.3), "l1_ratio": .number(0.8)])
    try model.fit(set.x, set.y)
    let copy = model.cloned()
    XCTAssertEqual(copy.parameters, model.parameters)
    XCTAssertFalse(copy.isFitted)
    XCTAssertTrue(model.isFitted)
  }

  func test_defaultsAreScikitLearns() {
    XCTAssertEqual(
      LinearRegression().parameters,
      ["fit_intercept": .boolean(true), "tol": .number(1e-6)])
    XCTAssertEqual(
      Ridge().parameters,
      ["alpha": .number(1), "fit_intercept": .boolean(true),
       "solver": .string("auto")])
    let lasso: [String: ParameterValue] = [
      "alpha": .number(1), "fit_intercept": .boolean(true),
      "max_iter": .number(1000), "tol": .number(1e-4),
      "warm_start": .boolean(false), "positive": .boolean(false),
      "selection": .string("cyclic"), "seed": .none,
      "precompute": .string("auto"),
    ]
    XCTAssertEqual(Lasso().parameters, lasso)
    var net = lasso
    net["l1_ratio"] = .number(0.5)
    XCTAssertEqual(ElasticNet().parameters, net)
  }

  func test_coefficientsAreACopy() throws {
    let set = try RegressionFixture.dataSet("synthetic")
    let model = Ridge()
    try model.fit(set.x, set.y)
    let before = try model.predict(set.x).toArray()
    try XCTUnwrap(model.coefficients).release()
    try XCTUnwrap(model.coefficients).fill(100)
    XCTAssertEqual(try model.predict(set.x).toArray(), before)
  }

  func test_yMayBeASingleColumn() throws {
    let set = try RegressionFixture.dataSet("synthetic")
    let column = try set.y.reshape(set.y.count, 1)
    let a = Ridge()
    try a.fit(set.x, set.y)
    let b = Ridge()
    try b.fit(set.x, column)
    XCTAssertEqual(a.coefficients?.toArray(), b.coefficients?.toArray())
  }

  func test_crossValidationAndGridSearchMatchScikitLearn() throws {
    let set = try RegressionFixture.dataSet("diabetes")
    let y = Target.values(set.y)
    let expected = try RegressionFixture.object(
      RegressionFixture.object(RegressionFixture.root)["selection"] ?? .null)
    let ridge = Ridge()
    let ridgeScores = try CrossValidation.run(ridge, set.x, y).scores[0]
    assertAgree(
      ridgeScores, try RegressionFixture.numbers(expected["ridge_cv"]),
      relative: 1e-10, absolute: 1e-12, "cross_val_score(Ridge)")
    let lasso = Lasso()
    try lasso.setParameter("alpha", .number(0.05))
    let lassoScores = try CrossValidation.run(lasso, set.x, y).scores[0]
    assertAgree(
      lassoScores, try RegressionFixture.numbers(expected["lasso_cv"]),
      relative: 1e-8, absolute: 1e-12, "cross_val_score(Lasso)")
    let grid = try ParameterGrid(
      [["alpha": [.number(0.001), .number(0.01), .number(0.1)],
        "l1_ratio": [.number(0.2), .number(0.8)]]],
      operation: "GridSearchCV")
    let search = GridSearchCV(ElasticNet(), grid: grid)
    try search.fit(set.x, y)
    XCTAssertEqual(
      search.bestParameters,
      ["alpha": .number(0.001), "l1_ratio": .number(0.8)])
    // Both list alpha first, then l1_ratio: the same candidate order.
    assertAgree(
      search.results?.meanScores ?? [],
      try RegressionFixture.numbers(expected["grid_mean_scores"]),
      relative: 1e-8, absolute: 1e-12, "GridSearchCV mean_test_score")
    XCTAssertTrue(search.bestEstimator?.isFitted ?? false)
  }
}
