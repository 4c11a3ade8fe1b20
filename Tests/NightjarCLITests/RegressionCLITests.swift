// The regressors' warnings as the real binary writes them: on stderr,
// after everything already printed on stdout.

import Foundation
import XCTest

final class RegressionCLITests: XCTestCase {
  /// A Lasso stopped after one pass of coordinate descent.
  let script = """
    io.write("before\\n")
    local X = ml.Matrix{{1, 2, 3}, {2, 1, 0}, {3, 5, 1}, {4, 3, 2}, {0, 1, 5}}
    local m = ml.Lasso{alpha = 0.01, max_iter = 1, tol = 1e-14}
    m:fit(X, {1, 3, 2, 5, 4})
    io.write(string.format("gap %.1e\\n", m.dual_gap_))
    """

  func test_nonConvergenceIsAWarningOnStderr() throws {
    let result = try Binary.run(["-e", script])
    XCTAssertEqual(result.status, 0)
    let lines = result.output.split(separator: "\n")
    XCTAssertEqual(lines.first, "before")
    let gap = String(lines.last?.dropFirst("gap ".count) ?? "")
    // tol times the centred |y|^2 (10) over the 5 rows.
    XCTAssertEqual(
      result.error,
      "nightjar: warning: Lasso: did not converge in 1 iteration (duality "
        + "gap \(gap) > tolerance 2.0e-14); increase max_iter or scale the "
        + "features\n")
  }

  func test_warningFollowsWhatWasPrintedBefore() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Binary.path)
    process.arguments = ["-e", script]
    process.environment = Binary.scrubbedEnvironment([:])
    let both = Pipe()
    process.standardOutput = both
    process.standardError = both
    try process.run()
    let data = both.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n")
    XCTAssertEqual(lines.count, 3)
    XCTAssertEqual(lines.first, "before")
    XCTAssertTrue(
      lines.dropFirst().first?.hasPrefix("nightjar: warning: Lasso: ")
        ?? false, "\(lines)")
  }
}
