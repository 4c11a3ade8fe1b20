// The recipes in scripts/recipes run with the real binary and print what
// they promise.

import XCTest

final class RecipeTests: XCTestCase {
  func test_regressionRecipeRunsOnItsOwnData() throws {
    let path = Binary.packageRoot + "/scripts/recipes/regression.lua"
    let result = try Binary.run([path], folder: Binary.scratchFolder())
    XCTAssertEqual(result.status, 0, result.error)
    XCTAssertEqual(result.error, "")
    let lines = result.output.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.first, "model                     R^2      MSE")
    XCTAssertTrue(
      lines.contains { $0.hasPrefix("LinearRegression ") }, "\(lines)")
    XCTAssertTrue(
      lines.contains { $0.hasPrefix("best alpha ") }, "\(lines)")
    XCTAssertTrue(
      lines.last?.hasSuffix("(identical predictions)") ?? false, "\(lines)")
  }
}
