// Model files of LinearRegression, Ridge, Lasso and ElasticNet: exact
// round trips and the messages for files that do not fit together.

import Foundation
import XCTest

@testable import NightjarCore

final class RegressionPersistenceTests: XCTestCase {
  var folder = ""

  override func setUpWithError() throws {
    folder = NSTemporaryDirectory() + "nightjar-models-\(UUID().uuidString)"
    try FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// A seeded 40 x 5 problem with a linear signal and some noise.
  func data() throws -> (Matrix, Matrix) {
    let x = try seededMatrix(40, 5, seed: 11)
    var generator = RandomGenerator(seed: 12)
    var y: [Double] = []
    for i in 0..<40 {
      y.append(
        3 * x[i * 5] - 2 * x[i * 5 + 2] + 0.5 + 0.1 * generator.nextNormal())
    }
    return (x, try Matrix(vector: y))
  }

  func roundTrip(_ model: any LinearRegressor) throws -> any LinearRegressor {
    let path = folder + "/model.json"
    try ModelFile.save(model, to: path)
    let loaded = try ModelFile.load(path)
    guard let back = loaded as? any LinearRegressor else {
      XCTFail("loaded a \(type(of: loaded).name)")
      throw NightjarError.interrupted
    }
    XCTAssertEqual(type(of: back).name, type(of: model).name)
    XCTAssertEqual(back.parameters, model.parameters)
    return back
  }

  func test_fittedModelsPredictBitForBitAfterLoading() throws {
    let (x, y) = try data()
    let lasso = Lasso()
    try lasso.setParameters([
      "alpha": .number(0.05), "selection": .string("random"),
      "seed": .number(3),
    ])
    let elastic = ElasticNet()
    try elastic.setParameters([
      "alpha": .number(0.1), "l1_ratio": .number(0.3),
      "precompute": .boolean(false),
    ])
    let ridge = Ridge()
    try ridge.setParameter("alpha", .number(2.5))
    let ordinary = LinearRegression()
    try ordinary.setParameter("fit_intercept", .boolean(false))
    for model in [ordinary, ridge, lasso, elastic] as [any LinearRegressor] {
      try model.fit(x, y, sampleWeight: nil)
      let back = try roundTrip(model)
      XCTAssertEqual(
        try back.predict(x).toArray(), try model.predict(x).toArray(),
        "\(type(of: model).name)")
      XCTAssertEqual(back.intercept, model.intercept)
      XCTAssertEqual(back.featureCount, 5)
    }
    let linear = try roundTrip(ordinary) as? LinearRegression
    XCTAssertEqual(linear?.rank, ordinary.rank)
    XCTAssertEqual(
      linear?.singularValues?.toArray(), ordinary.singularValues?.toArray())
    let loadedLasso = try roundTrip(lasso) as? Lasso
    XCTAssertEqual(loadedLasso?.iterations, lasso.iterations)
    XCTAssertEqual(loadedLasso?.dualGap, lasso.dualGap)
  }

  func test_unfittedModelsKeepTheirParameters() throws {
    let model = ElasticNet()
    try model.setParameter("l1_ratio", .number(0.9))
    let back = try roundTrip(model)
    XCTAssertFalse(back.isFitted)
    XCTAssertEqual(back.parameters["l1_ratio"], .number(0.9))
  }

  func write(_ fitted: String, kind: String = "Ridge") throws -> String {
    let path = folder + "/bad.json"
    let text = """
      {"format": "nightjar-model", "version": 1, "kind": "\(kind)",
       "parameters": {}, "fitted": \(fitted)}
      """
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  func test_loadNamesStateThatDoesNotFit() throws {
    let matrix = #"{"rows": 2, "columns": 2, "data": [1, 2, 3, 4]}"#
    var path = try write(#"{"coef": \#(matrix), "intercept": 1}"#)
    assertThrows(
      try ModelFile.load(path),
      "load: \(path): Ridge: 'coef' must be a vector of features, got 2x2")
    let vector = #"{"rows": 2, "columns": 1, "vector": true, "data": [1, 2]}"#
    path = try write(#"{"coef": \#(vector)}"#)
    assertThrows(
      try ModelFile.load(path), "load: \(path): Ridge: missing 'intercept'")
    path = try write(#"{"intercept": 1}"#, kind: "Lasso")
    assertThrows(
      try ModelFile.load(path), "load: \(path): Lasso: missing 'coef'")
    path = try write(
      #"{"coef": \#(vector), "intercept": 0, "n_iter": -1}"#,
      kind: "ElasticNet")
    assertThrows(
      try ModelFile.load(path),
      "load: \(path): ElasticNet: 'n_iter' must be a whole number >= 0")
    let three = #"{"rows": 3, "columns": 1, "vector": true, "data": [3,2,1]}"#
    path = try write(
      #"{"coef": \#(vector), "intercept": 0, "rank": 2, "singular": \#(three)}"#,
      kind: "LinearRegression")
    assertThrows(
      try ModelFile.load(path),
      "load: \(path): LinearRegression: 2 coefficients, 3 singular values "
        + "and rank 2 do not fit together")
  }
}
