// Tests of elementwise arithmetic, broadcasting, functions, comparisons.

import XCTest

@testable import NightjarCore

final class MatrixArithmeticTests: XCTestCase {
  func test_broadcastingMatchesNumPy() throws {
    let a = try Fixture.matrix("broadcast", "a")
    let row = try Fixture.matrix("broadcast", "row")
    let vector = try Fixture.matrix("broadcast", "vector")
    let column = try Fixture.matrix("broadcast", "column")
    assertClose(try a + row, try Fixture.matrix("broadcast", "a_plus_row"))
    assertClose(
      try a - vector, try Fixture.matrix("broadcast", "a_minus_vector"))
    assertClose(
      try a * column, try Fixture.matrix("broadcast", "a_times_column"))
    assertClose(
      try column / vector, try Fixture.matrix("broadcast", "column_div_vector"))
    assertClose(
      try vector - a, try Fixture.matrix("broadcast", "vector_minus_a"))
    assertClose(try 2 - a, try Fixture.matrix("broadcast", "two_minus_a"))
    assertClose(try a / 3, try Fixture.matrix("broadcast", "a_div_three"))
    let standardized =
      try (a - a.mean(over: .rows))
      / a.standardDeviation(over: .rows)
    assertClose(standardized, try Fixture.matrix("broadcast", "standardized"))
    assertClose(
      try a.greaterThan(column), try Fixture.matrix("broadcast", "a_gt_column"))
  }

  func test_scalarsWorkOnEitherSideAndVectorsStayVectors() throws {
    let v = try Matrix(vector: [1, 2, 4])
    XCTAssertEqual(try (v + 1).toArray(), [2, 3, 5])
    XCTAssertEqual(try (1 + v).toArray(), [2, 3, 5])
    XCTAssertEqual(try (8 / v).toArray(), [8, 4, 2])
    XCTAssertEqual(try (v * v).toArray(), [1, 4, 16])
    XCTAssertEqual(try (-v).toArray(), [-1, -2, -4])
    XCTAssertTrue(try (v - 1).isVector)
    XCTAssertTrue(try (v * v).isVector)
    let row = try Matrix(1, 3, values: [1, 1, 1])
    XCTAssertFalse(try (v + row).isVector)
    let column = try Matrix(2, 1, values: [10, 20])
    XCTAssertEqual(
      try (v + column).toRowArrays(), [[11, 12, 14], [21, 22, 24]])
  }

  func test_incompatibleShapesNameBothShapes() throws {
    let a = try Matrix.zeros(3, 4)
    let b = try Matrix.zeros(5, 2)
    assertThrows(try a + b, "add: shapes 3x4 and 5x2 do not broadcast")
    assertThrows(try a - b, "sub: shapes 3x4 and 5x2 do not broadcast")
    assertThrows(
      try a * (try Matrix.zeros(5)), "mul: shapes 3x4 and (5) do not broadcast")
    assertThrows(try a / b, "div: shapes 3x4 and 5x2 do not broadcast")
    assertThrows(try a.lessThan(b), "lt: shapes 3x4 and 5x2 do not broadcast")
    assertThrows(try a.power(b), "pow: shapes 3x4 and 5x2 do not broadcast")
  }

  func test_inPlaceOperationsBroadcastIntoSelf() throws {
    let m = try Matrix(2, 2, values: [1, 2, 3, 4])
    try m.addAssign(try Matrix(vector: [10, 20]))
    XCTAssertEqual(m.toArray(), [11, 22, 13, 24])
    try m.subtractAssign(1)
    try m.multiplyAssign(try Matrix(2, 1, values: [1, 2]))
    XCTAssertEqual(m.toArray(), [10, 21, 24, 46])
    try m.divideAssign(2)
    XCTAssertEqual(m.toArray(), [5, 10.5, 12, 23])
    assertThrows(
      try (try Matrix.zeros(3, 1)).addAssign(try Matrix.zeros(3, 4)),
      "add_: shape 3x4 does not broadcast to 3x1")
    assertThrows(
      try m.divideAssign(try Matrix.zeros(3)),
      "div_: shape (3) does not broadcast to 2x2")
  }

  func test_largeOperandsGiveTheSameAnswerAsSmallOnes() throws {
    let x = try seededMatrix(700, 300, seed: 1)
    let means = try x.mean(over: .rows)
    let centered = try x - means
    for i in stride(from: 0, to: 700, by: 111) {
      for j in stride(from: 0, to: 300, by: 37) {
        XCTAssertEqual(centered[i, j], x[i, j] - means[j])
      }
    }
    let scaled = try centered * 2 + x
    XCTAssertEqual(scaled[699, 299], centered[699, 299] * 2 + x[699, 299])
  }

  func test_elementwiseFunctionsMatchNumPy() throws {
    let x = try Fixture.matrix("elementwise", "input")
    let e = "elementwise"
    assertClose(try x.exp().toArray(), try Fixture.doubles(e, "exp"))
    assertClose(
      try x.abs().log1p().toArray(), try Fixture.doubles(e, "log1p_abs"))
    assertClose(
      try x.abs().sqrt().toArray(), try Fixture.doubles(e, "sqrt_abs"))
    assertClose(try x.sigmoid().toArray(), try Fixture.doubles(e, "sigmoid"))
    XCTAssertEqual(try x.round().toArray(), try Fixture.doubles(e, "round"))
    XCTAssertEqual(try x.floor().toArray(), try Fixture.doubles(e, "floor"))
    XCTAssertEqual(try x.ceil().toArray(), try Fixture.doubles(e, "ceil"))
    assertClose(try x.power(3).toArray(), try Fixture.doubles(e, "pow3"))
    XCTAssertEqual(
      try x.clip(lower: -2, upper: 2).toArray(), try Fixture.doubles(e, "clip"))
    let decimals = try Matrix(vector: [1.23456, -2.71828, 0.125, 2.675])
    assertClose(
      try decimals.round(decimals: 2).toArray(),
      try Fixture.doubles(e, "round2"))
  }

  func test_sigmoidIsExactAtTheExtremesAndPropagatesNaN() throws {
    let x = try Matrix(vector: [-800, 800, .nan, 0])
    let y = try x.sigmoid()
    XCTAssertEqual(y[0], 0)
    XCTAssertEqual(y[1], 1)
    XCTAssertTrue(y[2].isNaN)
    XCTAssertEqual(y[3], 0.5)
  }

  func test_clipKeepsNaNAndChecksBounds() throws {
    let x = try Matrix(vector: [-5, .nan, 5])
    let clipped = try x.clip(lower: 0)
    XCTAssertEqual(clipped[0], 0)
    XCTAssertTrue(clipped[1].isNaN)
    XCTAssertEqual(clipped[2], 5)
    try x.clipAssign(upper: 1)
    XCTAssertEqual(x[2], 1)
    assertThrows(
      try x.clip(lower: 3, upper: 1),
      "clip: lower bound 3 is greater than upper bound 1")
    assertThrows(try x.clipAssign(lower: .nan), "clip_: bounds must not be NaN")
  }

  func test_comparisonsGiveMasksAndNaNComparesFalse() throws {
    let x = try Matrix(vector: [1, 2, .nan])
    XCTAssertEqual(try x.lessThan(2).toArray(), [1, 0, 0])
    XCTAssertEqual(try x.lessOrEqual(2).toArray(), [1, 1, 0])
    XCTAssertEqual(try x.greaterThan(1).toArray(), [0, 1, 0])
    XCTAssertEqual(try x.greaterOrEqual(1).toArray(), [1, 1, 0])
    XCTAssertEqual(try x.equalTo(2).toArray(), [0, 1, 0])
    XCTAssertEqual(try x.notEqualTo(2).toArray(), [1, 0, 1])
    XCTAssertEqual(try x.equalTo(x).toArray(), [1, 1, 0])
    XCTAssertEqual(try x.isNaN().toArray(), [0, 0, 1])
    let y = try Matrix(vector: [.infinity, 0, .nan])
    XCTAssertEqual(try y.isFinite().toArray(), [0, 1, 0])
  }

  func test_whereChoosesAndBroadcasts() throws {
    let mask = try Matrix(vector: [1, 0, .nan])
    let a = try Matrix(vector: [1, 2, 3])
    XCTAssertEqual(
      try Matrix.where(mask, .matrix(a), .scalar(-1)).toArray(), [1, -1, 3])
    XCTAssertTrue(try Matrix.where(mask, .matrix(a), .scalar(0)).isVector)
    let column = try Matrix(2, 1, values: [1, 0])
    let grid = try Matrix.where(column, .matrix(a), .scalar(0))
    XCTAssertEqual(grid.toRowArrays(), [[1, 2, 3], [0, 0, 0]])
    assertThrows(
      try Matrix.where(
        try Matrix.zeros(3, 4), .matrix(try Matrix.zeros(5, 2)), .scalar(0)),
      "where: shapes 3x4, 5x2 and scalar do not broadcast")
  }
}
