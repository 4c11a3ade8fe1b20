// The founding recipe, run by the real binary on the table it generates.

import Foundation
import XCTest

final class ChurnRecipeTests: XCTestCase {
  func test_firstRecipeRuns() throws {
    let recipe = Binary.packageRoot + "/scripts/recipes/first.lua"
    let result = try Binary.run([recipe])
    XCTAssertEqual(result.status, 0, result.error)
    XCTAssertTrue(
      result.output.hasPrefix("nightjar runs Lua 5.4 with ml loaded\n"),
      result.output)
    XCTAssertTrue(result.output.contains("held-out accuracy 0.9"),
                  result.output)
  }

  func test_churnRecipeRunsEndToEnd() throws {
    let folder = Binary.scratchFolder()
    let recipe = Binary.packageRoot + "/scripts/recipes/churn.lua"
    let result = try Binary.run([recipe, "churn.csv"], folder: folder)
    XCTAssertEqual(result.status, 0, result.error)
    let lines = result.output.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.count, 4, result.output)
    XCTAssertEqual(
      lines.first, "5000 customers, 11 features, 14.6% churned")
    XCTAssertTrue(lines[1].hasPrefix("accuracy 0."), result.output)
    XCTAssertTrue(lines[2].hasPrefix("best C = "), result.output)
    XCTAssertTrue(
      result.error.contains("churn.csv: 5000 customers, 731 churned"),
      result.error)
    // The best pipeline was saved and loads back.
    let saved = folder + "/churn-model.json"
    XCTAssertTrue(FileManager.default.fileExists(atPath: saved))
    let reload = try Binary.run(
      ["-e", "print(ml.load('churn-model.json'))"], folder: folder)
    XCTAssertEqual(
      reload.output,
      "Pipeline{impute = SimpleImputer, scale = StandardScaler, "
        + "clf = LogisticRegression}\n", reload.error)
  }
}
