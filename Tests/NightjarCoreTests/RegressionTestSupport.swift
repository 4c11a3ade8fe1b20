// The scikit-learn fixtures of the regression tests and the comparison
// helpers they share.

import Foundation
import XCTest

@testable import NightjarCore

/// Fixtures/regression/regression.json, written by
/// scripts/fixtures/regression_fixtures.py: data sets and the fitted
/// attributes scikit-learn 1.9 gives for each case.
enum RegressionFixture {
  static let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures/regression/regression.json")

  static let root: JSONValue = {
    guard let data = try? Data(contentsOf: url),
      let root = try? JSONDecoder().decode(JSONValue.self, from: data)
    else { return .null }
    return root
  }()

  enum FixtureError: Error { case malformed(String) }

  /// One data set: X, y and its sample weights.
  struct DataSet {
    let x: Matrix
    let y: Matrix
    let weights: Matrix?
  }

  /// One fitted case.
  struct Case: CustomStringConvertible {
    let data: String
    let model: String
    let parameters: [String: ParameterValue]
    let weighted: Bool
    let coefficients: [Double]
    let intercept: Double
    let iterations: Int?
    let rank: Int?
    let singularValues: [Double]?
    let dualGap: Double?
    let predictions: [Double]?
    let metrics: [String: Double]

    var description: String {
      let settings = parameters.keys.sorted()
        .map { "\($0)=\(parameters[$0] ?? .none)" }
        .joined(separator: ", ")
      return "\(model)(\(settings)) on \(data)"
        + (weighted ? " with weights" : "")
    }
  }

  static func object(_ value: JSONValue) throws -> [String: JSONValue] {
    guard case .object(let table) = value else {
      throw FixtureError.malformed("expected an object")
    }
    return table
  }

  static func numbers(_ value: JSONValue?) throws -> [Double] {
    guard case .array(let list)? = value else {
      throw FixtureError.malformed("expected a list")
    }
    return try list.map(Fixture.number)
  }

  static func matrix(_ value: JSONValue?) throws -> Matrix {
    guard let value, case .object(let table) = value else {
      throw FixtureError.malformed("expected a matrix")
    }
    let shape = try numbers(table["shape"]).map { Int($0) }
    let data = try numbers(table["data"])
    if shape.count == 1 { return try Matrix(vector: data) }
    return try Matrix(shape[0], shape[1], values: data)
  }

  static func dataSet(_ name: String) throws -> DataSet {
    let sets = try object(object(root)["datasets"] ?? .null)
    let set = try object(sets[name] ?? .null)
    return DataSet(
      x: try matrix(set["X"]), y: try matrix(set["y"]),
      weights: try set["weights"].map { try matrix($0) })
  }

  static func parameter(_ value: JSONValue) throws -> ParameterValue {
    switch value {
    case .number(let number): return .number(number)
    case .bool(let flag): return .boolean(flag)
    case .string(let text): return .string(text)
    case .null: return .none
    default: throw FixtureError.malformed("bad parameter")
    }
  }

  /// The cases for `model` ("LinearRegression", "Ridge", ...).
  static func cases(_ model: String) throws -> [Case] {
    guard case .array(let list)? = try object(root)["cases"] else {
      throw FixtureError.malformed("no cases")
    }
    return try list.compactMap { item in
      let table = try object(item)
      guard case .string(model)? = table["model"],
        case .string(let data)? = table["data"],
        case .bool(let weighted)? = table["weighted"]
      else { return nil }
      var parameters: [String: ParameterValue] = [:]
      for (name, value) in try object(table["params"] ?? .null) {
        parameters[name] = try parameter(value)
      }
      var metrics: [String: Double] = [:]
      for name in ["score", "r2", "mse", "mae"] {
        if let value = table[name] { metrics[name] = try Fixture.number(value) }
      }
      return Case(
        data: data, model: model, parameters: parameters,
        weighted: weighted, coefficients: try numbers(table["coef"]),
        intercept: try Fixture.number(table["intercept"] ?? .null),
        iterations: try table["n_iter"].map { Int(try Fixture.number($0)) },
        rank: try table["rank"].map { Int(try Fixture.number($0)) },
        singularValues: try table["singular"].map { try numbers($0) },
        dualGap: try table["dual_gap"].map { try Fixture.number($0) },
        predictions: try table["predictions"].map { try numbers($0) },
        metrics: metrics)
    }
  }
}

/// Fails unless each observed value is within `relative` of the expected
/// one (relative to its magnitude) or within `absolute` (for values near
/// zero). Returns the largest relative error seen, for reports.
@discardableResult
func assertAgree(
  _ observed: [Double], _ expected: [Double], relative: Double,
  absolute: Double, _ what: String, file: StaticString = #filePath,
  line: UInt = #line
) -> Double {
  guard observed.count == expected.count else {
    XCTFail(
      "\(what): \(observed.count) values, expected \(expected.count)",
      file: file, line: line)
    return .infinity
  }
  var worst = 0.0
  for i in observed.indices {
    let error = abs(observed[i] - expected[i])
    if error > max(absolute, relative * abs(expected[i])) {
      XCTFail(
        "\(what): element \(i): expected \(expected[i]), observed "
          + "\(observed[i]) (relative \(relative), absolute \(absolute))",
        file: file, line: line)
    }
    if abs(expected[i]) > absolute {
      worst = max(worst, error / abs(expected[i]))
    }
  }
  return worst
}
