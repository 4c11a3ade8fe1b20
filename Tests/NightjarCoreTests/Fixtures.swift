// The pandas fixtures: paths next to this file and the expected JSON.

import Foundation

enum Fixtures {
  /// The path of a file in the Fixtures folder beside this source file.
  static func path(_ name: String, file: String = #filePath) -> String {
    URL(fileURLWithPath: file).deletingLastPathComponent()
      .appendingPathComponent("Fixtures").appendingPathComponent(name).path
  }

  /// data_expected.json, written by scripts/fixtures/data_fixtures.py.
  static func load() throws -> [String: Any] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path(
      "data_expected.json")))
    return try JSONSerialization.jsonObject(with: data) as? [String: Any]
      ?? [:]
  }

  /// A JSON number, or NaN for null.
  static func number(_ value: Any) -> Double {
    (value as? NSNumber)?.doubleValue ?? .nan
  }
}
