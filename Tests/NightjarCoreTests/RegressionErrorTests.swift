// Every error the linear regressors report, with its exact text.

import XCTest

@testable import NightjarCore

final class RegressionErrorTests: XCTestCase {
  /// One model of each kind, unfitted.
  func models() -> [any LinearRegressor] {
    [LinearRegression(), Ridge(), Lasso(), ElasticNet()]
  }

  func data(_ rows: Int, _ columns: Int) throws -> (Matrix, Matrix) {
    let x = try seededMatrix(rows, columns, seed: 5)
    let y = try seededMatrix(1, rows, seed: 6).reshape(-1)
    return (x, y)
  }

  func test_fitRejectsRowCountsThatDiffer() throws {
    let x = try seededMatrix(120, 5, seed: 1)
    let y = try Matrix.zeros(119)
    for model in models() {
      assertThrows(
        try model.fit(x, y, sampleWeight: nil),
        "fit: X has 120 rows but y has 119")
    }
  }

  func test_fitRejectsEmptyAndVectorX() throws {
    for model in models() {
      assertThrows(
        try model.fit(try Matrix.zeros(0, 3), try Matrix.zeros(0),
                      sampleWeight: nil),
        "fit: X is empty (0x3)")
      assertThrows(
        try model.fit(try Matrix.zeros(4, 0), try Matrix.zeros(4),
                      sampleWeight: nil),
        "fit: X is empty (4x0)")
      // A vector is one row, as for every estimator.
      assertThrows(
        try model.fit(try Matrix.zeros(5), try Matrix.zeros(5),
                      sampleWeight: nil),
        "fit: X has 1 rows but y has 5")
    }
  }

  func test_fitNamesTheFirstNonFiniteValue() throws {
    let (x, y) = try data(40, 5)
    x[30, 2] = .nan
    x[35, 0] = .infinity
    let (clean, _) = try data(40, 5)
    clean[1, 0] = -.infinity
    for model in models() {
      assertThrows(
        try model.fit(x, y, sampleWeight: nil),
        "fit: input contains NaN (column 3, row 31)")
      assertThrows(
        try model.fit(clean, y, sampleWeight: nil),
        "fit: input contains infinity (column 1, row 2)")
    }
  }

  func test_fitChecksY() throws {
    let (x, y) = try data(6, 2)
    y[3] = .nan
    for model in models() {
      assertThrows(
        try model.fit(x, y, sampleWeight: nil), "fit: y contains NaN (row 4)")
      assertThrows(
        try model.fit(x, try Matrix.zeros(6, 2), sampleWeight: nil),
        "fit: y must be a vector, got 6x2")
    }
  }

  func test_fitChecksSampleWeights() throws {
    let (x, y) = try data(5, 2)
    for model in models() {
      assertThrows(
        try model.fit(x, y, sampleWeight: try Matrix.ones(4)),
        "fit: X has 5 rows but sample_weight has 4")
      assertThrows(
        try model.fit(
          x, y, sampleWeight: try Matrix(vector: [1, -1, 1, 1, 1])),
        "fit: sample_weight must be finite and not negative (row 2 is -1)")
      assertThrows(
        try model.fit(x, y, sampleWeight: try Matrix.zeros(5)),
        "fit: sample_weight sums to 0")
      assertThrows(
        try model.fit(
          x, y, sampleWeight: try Matrix(vector: [.nan, 1, 1, 1, 1])),
        "fit: sample_weight must be finite and not negative (row 1 is nan)")
    }
  }

  func test_predictBeforeFit() throws {
    let (x, _) = try data(3, 2)
    assertThrows(
      try LinearRegression().predict(x),
      "predict: this LinearRegression is not fitted yet; call fit first")
    assertThrows(
      try Ridge().predict(x),
      "predict: this Ridge is not fitted yet; call fit first")
    assertThrows(
      try Lasso().score(x, try Matrix.zeros(3)),
      "predict: this Lasso is not fitted yet; call fit first")
    assertThrows(
      try ElasticNet().predict(x),
      "predict: this ElasticNet is not fitted yet; call fit first")
  }

  func test_predictChecksX() throws {
    let (x, y) = try data(10, 5)
    for model in models() {
      try model.fit(x, y, sampleWeight: nil)
      assertThrows(
        try model.predict(try Matrix.zeros(3, 4)),
        "predict: X has 4 columns but the model was fitted with 5")
      assertThrows(
        try model.predict(try Matrix.zeros(4)),
        "predict: X has 4 columns but the model was fitted with 5")
      // A vector is one row.
      XCTAssertEqual(try model.predict(try x.row(0)).toArray(),
                     try model.predict(try x.rows(in: 0..<1)).toArray())
      assertThrows(
        try model.predict(try Matrix.zeros(0, 5)), "predict: X is empty (0x5)")
      let bad = try Matrix.zeros(2, 5)
      bad[0, 1] = .nan
      assertThrows(
        try model.predict(bad), "predict: input contains NaN (column 2, row 1)")
      assertThrows(
        try model.score(x, try Matrix.zeros(9)),
        "r2_score: y_true has shape (9) but y_pred has shape (10)")
    }
  }

  func test_aFailedFitKeepsThePreviousFit() throws {
    let (x, y) = try data(10, 3)
    for model in models() {
      try model.fit(x, y, sampleWeight: nil)
      let before = model.coefficients?.toArray()
      assertThrows(
        try model.fit(x, try Matrix.zeros(9), sampleWeight: nil),
        "fit: X has 10 rows but y has 9")
      XCTAssertTrue(model.isFitted)
      XCTAssertEqual(model.coefficients?.toArray(), before)
    }
  }

  func test_setParameterRejectsBadValues() {
    let ridge = Ridge()
    assertThrows(
      try ridge.setParameter("alpha", .number(-1)),
      "Ridge: 'alpha' must be a non-negative number, got -1")
    assertThrows(
      try ridge.setParameter("alpha", .string("big")),
      "Ridge: 'alpha' must be a number, got \"big\"")
    assertThrows(
      try ridge.setParameter("alpah", .number(1)),
      "Ridge: unknown parameter 'alpah'")
    assertThrows(
      try ridge.setParameter("solver", .string("lsqr")),
      "Ridge: invalid option 'lsqr' for 'solver'")
    assertThrows(
      try LinearRegression().setParameter("fit_intercept", .string("yes")),
      "LinearRegression: 'fit_intercept' must be a boolean, got \"yes\"")
    assertThrows(
      try LinearRegression().setParameter("tol", .number(-1e-3)),
      "LinearRegression: 'tol' must be a non-negative number, got -0.001")
    assertThrows(
      try LinearRegression().setParameter("alpha", .number(1)),
      "LinearRegression: unknown parameter 'alpha'")
    let lasso = Lasso()
    assertThrows(
      try lasso.setParameter("alpha", .number(.nan)),
      "Lasso: 'alpha' must be a non-negative number, got nan")
    assertThrows(
      try lasso.setParameter("alpha", .number(.infinity)),
      "Lasso: 'alpha' must be a non-negative number, got inf")
    assertThrows(
      try lasso.setParameter("l1_ratio", .number(0.5)),
      "Lasso: unknown parameter 'l1_ratio'")
    assertThrows(
      try lasso.setParameter("max_iter", .number(0)),
      "Lasso: 'max_iter' must be at least 1, got 0")
    assertThrows(
      try lasso.setParameter("max_iter", .number(2.5)),
      "Lasso: 'max_iter' must be a whole number, got 2.5")
    assertThrows(
      try lasso.setParameter("tol", .number(-1)),
      "Lasso: 'tol' must be a non-negative number, got -1")
    assertThrows(
      try lasso.setParameter("selection", .string("rand")),
      "Lasso: invalid option 'rand' for 'selection'")
    assertThrows(
      try lasso.setParameter("selection", .boolean(true)),
      "Lasso: 'selection' must be one of 'cyclic', 'random', got true")
    assertThrows(
      try lasso.setParameter("warm_start", .number(1)),
      "Lasso: 'warm_start' must be a boolean, got 1")
    assertThrows(
      try lasso.setParameter("positive", .none),
      "Lasso: 'positive' must be a boolean, got nil")
    assertThrows(
      try lasso.setParameter("seed", .number(1.5)),
      "Lasso: 'seed' must be a whole number, got 1.5")
    assertThrows(
      try lasso.setParameter("seed", .string("x")),
      "Lasso: 'seed' must be a whole number or nil, got \"x\"")
    assertThrows(
      try lasso.setParameter("precompute", .string("always")),
      "Lasso: 'precompute' must be true, false or \"auto\", got \"always\"")
    let net = ElasticNet()
    assertThrows(
      try net.setParameter("l1_ratio", .number(1.5)),
      "ElasticNet: 'l1_ratio' must be between 0 and 1, got 1.5")
    assertThrows(
      try net.setParameter("l1_ratio", .number(-0.1)),
      "ElasticNet: 'l1_ratio' must be between 0 and 1, got -0.1")
    assertThrows(
      try net.setParameters(["zeta": .number(1), "alpha": .number(-2)]),
      "ElasticNet: 'alpha' must be a non-negative number, got -2")
    XCTAssertEqual(net.settings, ElasticNetSettings())
  }

  func test_interruptedFitStopsWithoutAResult() throws {
    let (x, y) = try data(50, 4)
    defer { Cancellation.isRequested = { false } }
    for model in models() {
      Cancellation.isRequested = { true }
      assertThrows(try model.fit(x, y, sampleWeight: nil), "interrupted!")
      XCTAssertFalse(model.isFitted)
      Cancellation.isRequested = { false }
    }
  }
}
