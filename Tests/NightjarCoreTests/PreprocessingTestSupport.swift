// The scikit-learn fixtures of the preprocessing tests and helpers to
// read an estimator's fitted attributes by their scikit-learn names.

import Foundation
import XCTest

@testable import NightjarCore

/// Fixtures/preprocessing.json, written by
/// scripts/fixtures/preprocessing_fixtures.py: data sets and, per case,
/// scikit-learn 1.9's fitted attributes, transform and inverse_transform.
enum PreprocessingFixture {
  static let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures/preprocessing.json")

  static let root: JSONValue = {
    guard let data = try? Data(contentsOf: url),
      let root = try? JSONDecoder().decode(JSONValue.self, from: data)
    else { return .null }
    return root
  }()

  enum FixtureError: Error { case malformed(String) }

  static func object(_ value: JSONValue?) throws -> [String: JSONValue] {
    guard case .object(let table)? = value else {
      throw FixtureError.malformed("expected an object")
    }
    return table
  }

  static func list(_ value: JSONValue?) throws -> [JSONValue] {
    guard case .array(let items)? = value else {
      throw FixtureError.malformed("expected a list")
    }
    return items
  }

  /// {"shape", "data"} as a matrix (a 0-d or 1-d shape as a vector).
  static func matrix(_ value: JSONValue?) throws -> Matrix {
    let table = try object(value)
    let shape = try list(table["shape"]).map { Int(try Fixture.number($0)) }
    let data = try list(table["data"]).map(Fixture.number)
    if shape.count == 2 { return try Matrix(shape[0], shape[1], values: data) }
    return try Matrix(vector: data)
  }

  static func dataSet(_ name: String) throws -> Matrix {
    try matrix(try object(try object(root)["datasets"])[name])
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

  /// One case: an estimator, its parameters, the data it was fitted on
  /// and transformed, and what scikit-learn gave.
  struct Case: CustomStringConvertible {
    let estimator: String
    let parameters: [String: ParameterValue]
    let fit: String
    let test: String
    let table: [String: JSONValue]

    var description: String {
      let settings = parameters.keys.sorted()
        .map { "\($0)=\(parameters[$0] ?? .none)" }
        .joined(separator: ", ")
      return "\(estimator)(\(settings)) fitted on \(fit)"
    }

    func matrix(_ key: String) throws -> Matrix? {
      guard let value = table[key] else { return nil }
      return try PreprocessingFixture.matrix(value)
    }

    var attributes: [String: JSONValue] {
      (try? PreprocessingFixture.object(table["attributes"])) ?? [:]
    }
  }

  static func cases(_ key: String = "cases") throws -> [Case] {
    try list(try object(root)[key]).map { item in
      let table = try object(item)
      guard case .string(let estimator)? = table["estimator"],
        case .string(let fit)? = table["fit"],
        case .string(let test)? = table["test"]
      else { throw FixtureError.malformed("case") }
      var parameters: [String: ParameterValue] = [:]
      for (name, value) in try object(table["params"]) {
        parameters[name] = try parameter(value)
      }
      return Case(
        estimator: estimator, parameters: parameters, fit: fit, test: test,
        table: table)
    }
  }
}

/// A fitted attribute by its scikit-learn name, as numbers; nil when the
/// estimator has no such attribute.
func preprocessingAttribute(_ estimator: any Estimator, _ name: String)
  -> [Double]?
{
  switch (estimator, name) {
  case (let s as MinMaxScaler, "data_min_"): return s.dataMinimum?.toArray()
  case (let s as MinMaxScaler, "data_max_"): return s.dataMaximum?.toArray()
  case (let s as MinMaxScaler, "data_range_"): return s.dataRange?.toArray()
  case (let s as MinMaxScaler, "scale_"): return s.scale?.toArray()
  case (let s as MinMaxScaler, "min_"): return s.offset?.toArray()
  case (let s as MinMaxScaler, "n_samples_seen_"):
    return [Double(s.samplesSeen)]
  case (let s as MinMaxScaler, "n_features_in_"):
    return [Double(s.scale?.count ?? 0)]
  case (let s as RobustScaler, "center_"): return s.center?.toArray()
  case (let s as RobustScaler, "scale_"): return s.scale?.toArray()
  case (let s as RobustScaler, "n_features_in_"):
    return [Double(s.featureCount)]
  case (let s as MaxAbsScaler, "max_abs_"): return s.maxAbsolute?.toArray()
  case (let s as MaxAbsScaler, "scale_"): return s.scale?.toArray()
  case (let s as MaxAbsScaler, "n_samples_seen_"):
    return [Double(s.samplesSeen)]
  case (let s as MaxAbsScaler, "n_features_in_"):
    return [Double(s.scale?.count ?? 0)]
  case (let s as Normalizer, "n_features_in_"):
    return [Double(s.featureCount)]
  case (let s as SimpleImputer, "statistics_"): return s.statistics?.toArray()
  case (let s as SimpleImputer, "n_features_in_"):
    return [Double(s.featureCount)]
  default: return nil
  }
}

/// A new estimator of the kind `name` with `parameters` set.
func makeEstimator(_ name: String, _ parameters: [String: ParameterValue])
  throws -> any Persistable
{
  guard let kind = ModelFile.kinds[name] else {
    throw PreprocessingFixture.FixtureError.malformed("kind \(name)")
  }
  let estimator = kind.init()
  try estimator.setParameters(parameters)
  return estimator
}

/// Saves `estimator` to a temporary file and loads it back.
func roundTrip(_ estimator: any Estimator) throws -> any Estimator {
  let path = NSTemporaryDirectory() + "nightjar-\(UUID().uuidString).json"
  defer { try? FileManager.default.removeItem(atPath: path) }
  try ModelFile.save(estimator, to: path)
  return try ModelFile.load(path)
}
