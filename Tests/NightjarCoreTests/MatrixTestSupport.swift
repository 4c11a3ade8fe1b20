// Shared helpers for the Matrix tests: fixtures, tolerances, error checks.

import Foundation
import XCTest

@testable import NightjarCore

/// A parsed JSON value. Decoded with JSONDecoder, which reads numbers
/// correctly rounded (JSONSerialization on Linux can be 1 ulp off, too
/// coarse for fixtures that pin exact generator outputs).
enum JSONValue: Decodable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }
}

/// The NumPy results in Fixtures/matrix.json, written by
/// scripts/fixtures/matrix_fixtures.py. NaN is null there, infinities are
/// the strings "inf" and "-inf", matrices are {"shape", "data"}.
enum Fixture {
  static let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("Fixtures/matrix.json")

  static let root: JSONValue = {
    guard let data = try? Data(contentsOf: url),
      let root = try? JSONDecoder().decode(JSONValue.self, from: data)
    else { return .null }
    return root
  }()

  enum FixtureError: Error { case missing, malformed }

  /// The value at a path of keys (and array indices), or a test failure.
  static func value(
    _ path: [Any], file: StaticString = #filePath, line: UInt = #line
  ) throws -> JSONValue {
    var current = root
    for key in path {
      switch (current, key) {
      case (.object(let table), let name as String) where table[name] != nil:
        current = table[name] ?? .null
      case (.array(let list), let index as Int)
      where list.indices.contains(index):
        current = list[index]
      default:
        XCTFail("fixture has no \(path) (at \(key))", file: file, line: line)
        throw FixtureError.missing
      }
    }
    return current
  }

  static func number(_ value: JSONValue) throws -> Double {
    switch value {
    case .null: return .nan
    case .number(let number): return number
    case .string("inf"): return .infinity
    case .string("-inf"): return -.infinity
    default: throw FixtureError.malformed
    }
  }

  static func list(_ value: JSONValue) throws -> [JSONValue] {
    guard case .array(let list) = value else { throw FixtureError.malformed }
    return list
  }

  static func double(_ path: Any...) throws -> Double {
    try number(value(path))
  }

  static func doubles(_ path: Any...) throws -> [Double] {
    try list(value(path)).map(number)
  }

  static func doubles(path: [Any]) throws -> [Double] {
    try list(value(path)).map(number)
  }

  static func strings(_ path: Any...) throws -> [String] {
    try list(value(path)).map { item in
      guard case .string(let text) = item else { throw FixtureError.malformed }
      return text
    }
  }

  static func matrix(_ path: Any...) throws -> Matrix {
    try matrix(path: path)
  }

  static func matrix(path: [Any]) throws -> Matrix {
    guard case .object(let table) = try value(path),
      let shape = table["shape"], let data = table["data"]
    else { throw FixtureError.malformed }
    let dimensions = try list(shape).map { Int(try number($0)) }
    let values = try list(data).map(number)
    if dimensions.count == 1 { return try Matrix(vector: values) }
    return try Matrix(dimensions[0], dimensions[1], values: values)
  }

  /// The number of cases in a list-valued key.
  static func count(_ path: Any...) throws -> Int {
    try list(value(path)).count
  }
}

/// Whether `observed` is within `tolerance` of `expected`, relative for
/// magnitudes above 1 and absolute below; NaN matches NaN and an
/// infinity matches the same infinity.
func isClose(_ observed: Double, _ expected: Double, _ tolerance: Double)
  -> Bool
{
  if expected.isNaN { return observed.isNaN }
  if expected.isInfinite { return observed == expected }
  return (observed - expected).magnitude
    <= tolerance * max(1, expected.magnitude)
}

/// Fails, printing both values, unless `observed` is close to `expected`.
func assertClose(
  _ observed: Double, _ expected: Double, tolerance: Double = 1e-12,
  _ what: String = "", file: StaticString = #filePath, line: UInt = #line
) {
  if !isClose(observed, expected, tolerance) {
    XCTFail(
      "\(what): expected \(expected), observed \(observed) "
        + "(tolerance \(tolerance))", file: file, line: line)
  }
}

/// Fails, printing the first differing element, unless `observed` has
/// `expected`'s values (in row-major order) within `tolerance`.
func assertClose(
  _ observed: [Double], _ expected: [Double], tolerance: Double = 1e-12,
  _ what: String = "", file: StaticString = #filePath, line: UInt = #line
) {
  guard observed.count == expected.count else {
    XCTFail(
      "\(what): expected \(expected.count) values \(expected), observed "
        + "\(observed.count) \(observed)", file: file, line: line)
    return
  }
  for i in observed.indices where !isClose(observed[i], expected[i], tolerance)
  {
    XCTFail(
      "\(what): element \(i): expected \(expected[i]), observed "
        + "\(observed[i]) (tolerance \(tolerance))\n expected \(expected)"
        + "\n observed \(observed)", file: file, line: line)
    return
  }
}

/// Fails unless `observed` has `expected`'s shape, rank and values.
func assertClose(
  _ observed: Matrix, _ expected: Matrix, tolerance: Double = 1e-12,
  _ what: String = "", file: StaticString = #filePath, line: UInt = #line
) {
  XCTAssertEqual(
    observed.shapeText, expected.shapeText, "\(what): shape", file: file,
    line: line)
  assertClose(
    observed.toArray(), expected.toArray(), tolerance: tolerance, what,
    file: file, line: line)
}

/// Fails unless `expression` throws a NightjarError whose text is exactly
/// `message`.
func assertThrows<T>(
  _ expression: @autoclosure () throws -> T, _ message: String,
  file: StaticString = #filePath, line: UInt = #line
) {
  do {
    let value = try expression()
    XCTFail(
      "expected error \"\(message)\", got a result \(value)", file: file,
      line: line)
  } catch let error as NightjarError {
    XCTAssertEqual(error.description, message, file: file, line: line)
  } catch {
    XCTFail("expected a NightjarError, got \(error)", file: file, line: line)
  }
}

/// A seeded matrix of normal values for property tests.
func seededMatrix(_ rows: Int, _ columns: Int, seed: UInt64) throws -> Matrix {
  var generator = RandomGenerator(seed: seed)
  return try Matrix.normal(rows, columns, using: &generator)
}
