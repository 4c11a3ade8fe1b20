// Tests of the summary text: shape line, number styles, elision.

import XCTest

@testable import NightjarCore

final class MatrixDisplayTests: XCTestCase {
  func test_integralCellsPrintWithoutDecimals() throws {
    let m = try Matrix(2, 3, values: [1, 2, 3, 40, 5, -6])
    XCTAssertEqual(
      m.summary(),
      """
      Matrix 2x3
         1   2   3
        40   5  -6
      """)
    XCTAssertEqual(
      try Matrix(vector: [1, 2, 3]).summary(), "Vector (3)\n  1  2  3")
  }

  func test_fixedAndScientificAreChosenFromPrintedCells() throws {
    XCTAssertEqual(
      try Matrix(vector: [0.5, 1.25, .nan]).summary(),
      """
      Vector (3)
        0.50  1.25   nan
      """)
    XCTAssertEqual(
      try Matrix(vector: [1e9, 2.5]).summary(),
      """
      Vector (2)
        1.0e+09  2.5e+00
      """)
    XCTAssertEqual(
      try Matrix(vector: [1.0 / 3, -.infinity]).summary(),
      """
      Vector (2)
        0.3333    -inf
      """)
    XCTAssertEqual(
      try Matrix(vector: [1.0 / 3]).summary(precision: 2), "Vector (1)\n  0.33")
  }

  func test_bigMatricesShowOnlyTheirCorners() throws {
    let m = try Matrix(1000, 500) { i, j in Double(i * 500 + j) }
    XCTAssertEqual(
      m.summary(),
      """
      Matrix 1000x500
             0       1       2  ...     497     498     499
           500     501     502  ...     997     998     999
          1000    1001    1002  ...    1497    1498    1499
        ...
        498500  498501  498502  ...  498997  498998  498999
        499000  499001  499002  ...  499497  499498  499499
        499500  499501  499502  ...  499997  499998  499999
      """)
    let long = try Matrix.arange(stop: 100)
    XCTAssertEqual(
      long.summary(), "Vector (100)\n   0   1   2  ...  97  98  99")
  }

  func test_linesAreNarrowedToTheWidth() throws {
    let m = try Matrix.full(2, 8, value: 123456.5)
    let text = m.summary(width: 40)
    for line in text.split(separator: "\n") {
      XCTAssertLessThanOrEqual(line.count, 40, "\(line)")
    }
    XCTAssertTrue(text.contains("..."))
  }

  func test_emptyMatricesPrintTheirShapeOnly() throws {
    XCTAssertEqual(try Matrix.zeros(0, 3).summary(), "Matrix 0x3")
    XCTAssertEqual(try Matrix.zeros(0).description, "Vector (0)")
  }

  func test_scalarsInMessagesAreShort() {
    XCTAssertEqual(Matrix.formatScalar(3), "3")
    XCTAssertEqual(Matrix.formatScalar(-0.0), "0")
    XCTAssertEqual(Matrix.formatScalar(0.5), "0.5")
    XCTAssertEqual(Matrix.formatScalar(.nan), "nan")
    XCTAssertEqual(Matrix.formatScalar(-.infinity), "-inf")
  }
}
