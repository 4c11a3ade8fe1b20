// LogisticRegression against scikit-learn's fits (lbfgs for l2, saga for
// l1 and elastic-net, all at a tight tolerance), and its errors.

import Foundation
import XCTest

@testable import NightjarCore

/// The fixture file written by scripts/fixtures/logistic_fixtures.py.
private struct LogisticFixtures: Decodable {
  struct Dataset: Decodable {
    let x: [[Double]]
    let y: [LabelValue]
  }

  struct Case: Decodable {
    let name: String
    let data: String
    let sample_weight: [Double]?
    let penalty: String
    let C: Double
    let l1_ratio: Double?
    let class_weight: String?
    let fit_intercept: Bool
    let classes: [LabelValue]
    let coef: [[Double]]
    let intercept: [Double]
    let objective: Double
    let predict: [LabelValue]
    let proba_head: [[Double]]
  }

  let datasets: [String: Dataset]
  let cases: [Case]

  static let shared: LogisticFixtures? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/logistic/cases.json")
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(LogisticFixtures.self, from: data)
  }()
}

/// A label as JSON holds it: a number or a string.
private enum LabelValue: Decodable, Equatable {
  case number(Double)
  case string(String)

  init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else {
      self = .string(try container.decode(String.self))
    }
  }

  static func labels(_ values: [LabelValue]) -> Labels {
    if case .string = values.first {
      return .strings(values.map {
        if case .string(let s) = $0 { return s }
        return ""
      })
    }
    return .numbers(values.map {
      if case .number(let v) = $0 { return v }
      return .nan
    })
  }
}

final class LogisticRegressionTests: XCTestCase {
  private func model(for fixture: LogisticFixtures.Case)
    -> LogisticRegression
  {
    let model = LogisticRegression()
    model.C = fixture.C
    model.penalty = LogisticRegression.Penalty(rawValue: fixture.penalty)
      ?? .l2
    model.l1Ratio = fixture.l1_ratio
    model.fitIntercept = fixture.fit_intercept
    model.classWeight = fixture.class_weight == "balanced" ? .balanced : nil
    model.tol = 1e-10
    model.maxIterations = 10000
    return model
  }

  func test_matchesScikitLearnOnEveryFixture() throws {
    let fixtures = try XCTUnwrap(LogisticFixtures.shared,
                                 "Fixtures/logistic/cases.json")
    XCTAssertEqual(fixtures.cases.count, 11)
    for fixture in fixtures.cases {
      let data = try XCTUnwrap(fixtures.datasets[fixture.data])
      let x = try Matrix(rowValues: data.x)
      let y = LabelValue.labels(data.y)
      let weights = try fixture.sample_weight.map {
        try Matrix(vector: $0)
      }
      let fitted = model(for: fixture)
      try fitted.fit(x, y, sampleWeight: weights)
      let name = fixture.name
      XCTAssertTrue(fitted.converged, name)
      XCTAssertEqual(fitted.classes, LabelValue.labels(fixture.classes), name)

      // Objective within 1e-6 (relative) of scikit-learn's optimum: the
      // solutions are the same point, reached by different methods.
      let objective = try XCTUnwrap(fitted.lossHistory.last)
      XCTAssertEqual(objective, fixture.objective,
                     accuracy: 1e-6 * max(1, abs(fixture.objective)), name)
      XCTAssertLessThanOrEqual(objective, fixture.objective + 1e-9, name)

      // Coefficients within 1e-4 relative to the largest one; zeros of
      // the L1 solutions where scikit-learn has them.
      let coefficients = try XCTUnwrap(fitted.coefficients).toRowArrays()
      let expected = fixture.coef
      let scale = expected.flatMap { $0 }.map(abs).max() ?? 1
      for (row, want) in zip(coefficients, expected) {
        for (value, target) in zip(row, want) {
          XCTAssertEqual(value, target, accuracy: 1e-4 * scale,
                         "\(name): coefficient")
          if fixture.penalty == "l1" && target == 0 {
            XCTAssertEqual(value, 0, "\(name): an L1 zero")
          }
        }
      }
      for (value, target) in zip(fitted.intercepts, fixture.intercept) {
        XCTAssertEqual(value, target, accuracy: 1e-4 * max(1, abs(target)),
                       "\(name): intercept")
      }
      XCTAssertEqual(try fitted.predict(x), LabelValue.labels(fixture.predict),
                     name)
      let probabilities = try fitted.predictProbability(x).toRowArrays()
      for (row, want) in zip(probabilities, fixture.proba_head) {
        for (value, target) in zip(row, want) {
          XCTAssertEqual(value, target, accuracy: 1e-5, "\(name): proba")
        }
      }
    }
  }

  func test_probabilitiesAndLogProbabilitiesAgree() throws {
    let x = try Matrix(rowValues: [[0, 1], [1, 0], [2, 2], [3, 1], [-1, 0]])
    for y in [Labels.numbers([0, 1, 1, 0, 1]),
              Labels.strings(["a", "b", "c", "a", "c"])] {
      let model = LogisticRegression()
      try model.fit(x, y)
      let p = try model.predictProbability(x).toRowArrays()
      let logP = try model.predictLogProbability(x).toRowArrays()
      for (row, logRow) in zip(p, logP) {
        XCTAssertEqual(row.reduce(0, +), 1, accuracy: 1e-12)
        for (value, logValue) in zip(row, logRow) {
          XCTAssertEqual(log(value), logValue, accuracy: 1e-12)
        }
      }
    }
  }

  func test_warnsWhenNotConverged() throws {
    let x = try Matrix(rowValues: [[0, 1], [1, 0], [2, 2], [3, 1], [-1, 0]])
    let model = LogisticRegression()
    model.maxIterations = 1
    model.tol = 1e-12
    try model.fit(x, .numbers([0, 1, 1, 0, 1]))
    XCTAssertFalse(model.converged)
    XCTAssertEqual(model.iterations, 1)
    XCTAssertEqual(
      model.warnings,
      ["LogisticRegression: lbfgs did not converge in 1 iterations; "
        + "increase max_iter or scale the features (StandardScaler)"])
  }

  func test_warmStartContinuesFromThePreviousFit() throws {
    let x = try Matrix(rowValues: [[0, 1], [1, 0], [2, 2], [3, 1], [-1, 0]])
    let y = Labels.numbers([0, 1, 1, 0, 1])
    let model = LogisticRegression()
    model.tol = 1e-10
    try model.fit(x, y)
    model.warmStart = true
    try model.fit(x, y)
    XCTAssertLessThanOrEqual(model.iterations, 1)
  }

  private func message(_ body: () throws -> Void) -> String {
    do {
      try body()
      return "no error"
    } catch let error as NightjarError {
      return error.description
    } catch {
      return "\(error)"
    }
  }

  func test_errorsNameBothSides() throws {
    let x = try Matrix(rowValues: [[0, 1], [1, 0], [2, 2]])
    let model = LogisticRegression()
    XCTAssertEqual(
      message { try model.fit(x, .numbers([0, 1])) },
      "fit: X has 3 rows but y has 2")
    XCTAssertEqual(
      message { try model.fit(x, .numbers([1, 1, 1])) },
      "fit: y has only one class (1); a classifier needs at least two")
    XCTAssertEqual(
      message { try model.fit(x, .numbers([0, .nan, 1])) },
      "fit: y contains NaN (row 2)")
    let holed = try Matrix(rowValues: [[0, 1], [1, .nan], [2, 2]])
    XCTAssertEqual(
      message { try model.fit(holed, .numbers([0, 1, 1])) },
      "fit: input contains NaN (column 2, row 2)")
    XCTAssertEqual(
      message { _ = try model.predict(x) },
      "predict: this LogisticRegression is not fitted yet; call fit first")
    try model.fit(x, .numbers([0, 1, 1]))
    XCTAssertEqual(
      message { _ = try model.predict(try Matrix(rowValues: [[1, 2, 3]])) },
      "predict: X has 3 columns but the model was fitted with 2")
    model.penalty = .elasticnet
    XCTAssertEqual(
      message { try model.fit(x, .numbers([0, 1, 1])) },
      "fit: penalty 'elasticnet' needs l1_ratio (between 0 and 1)")
    XCTAssertEqual(
      message { try model.setParameter("penalty", .string("l3")) },
      "LogisticRegression: invalid option 'l3' for 'penalty'")
    XCTAssertEqual(
      message { try model.setParameter("gamma", .number(1)) },
      "LogisticRegression: unknown parameter 'gamma'")
    XCTAssertEqual(
      message { try model.setParameter("C", .number(0)) },
      "LogisticRegression: 'C' must be positive, got 0")
  }
}
