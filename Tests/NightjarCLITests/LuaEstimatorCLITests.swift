// Errors from the Lua implementation of the searches, as a script's
// author sees them: at the line of their own call.

import XCTest

final class LuaEstimatorCLITests: XCTestCase {
  func test_errorsInLuaEstimatorsPointAtTheCaller() throws {
    let script = """
      local m = ml.estimator{fit = function() end,
                             predict = function() return {} end}
      ml.GridSearchCV(m, {gamma = {1}})
      """
    let result = try Binary.run(["-e", script])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.error.hasPrefix(
        "nightjar: (command line):3: bad argument #2 to 'GridSearchCV' "
          + "(Estimator has no parameter 'gamma')\n"), result.error)
  }
}
