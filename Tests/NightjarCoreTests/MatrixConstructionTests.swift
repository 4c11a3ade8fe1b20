// Tests of Matrix construction, conversion and release.

import XCTest

@testable import NightjarCore

final class MatrixConstructionTests: XCTestCase {
  func test_constantsHaveTheirShapeAndValue() throws {
    let zeros = try Matrix.zeros(2, 3)
    XCTAssertEqual(zeros.shape, [2, 3])
    XCTAssertEqual(zeros.toArray(), [0, 0, 0, 0, 0, 0])
    XCTAssertFalse(zeros.isVector)
    XCTAssertEqual(zeros.rank, 2)
    let ones = try Matrix.ones(4)
    XCTAssertEqual(ones.shape, [4])
    XCTAssertTrue(ones.isVector)
    XCTAssertEqual(ones.rank, 1)
    XCTAssertEqual(ones.toArray(), [1, 1, 1, 1])
    XCTAssertEqual(try Matrix.full(1, 2, value: 7).toArray(), [7, 7])
    XCTAssertEqual(try Matrix.full(2, value: -1).toArray(), [-1, -1])
    XCTAssertEqual(
      try Matrix.identity(2, 3).toRowArrays(), [[1, 0, 0], [0, 1, 0]])
    XCTAssertEqual(try Matrix.identity(2).toRowArrays(), [[1, 0], [0, 1]])
    XCTAssertEqual(zeros.byteCount, 48)
  }

  func test_largeFillUsesEveryChunk() throws {
    let big = try Matrix.full(1000, 301, value: 2.5)
    XCTAssertEqual(try big.sum(), 2.5 * 301_000)
    try big.fill(0)
    XCTAssertEqual(try big.countNonzero(), 0)
  }

  func test_negativeOrHugeDimensionsThrow() {
    assertThrows(
      try Matrix.zeros(-1, 3),
      "zeros: dimensions must not be negative, got -1x3")
    assertThrows(
      try Matrix.ones(Int.max, 2),
      "ones: a 9223372036854775807x2 matrix is too large to address")
    assertThrows(
      try Matrix.linspace(start: 0, stop: 1, count: Int.max),
      "linspace: a vector of 9223372036854775807 elements is too large "
        + "to address")
    assertThrows(
      try Matrix.zeros(1 << 40, 1 << 10),
      "zeros: cannot allocate 9007199254740992 bytes for a 1099511627776x1024 matrix"
    )
  }

  func test_arangeExcludesStopAsNumPy() throws {
    assertClose(
      try Matrix.arange(start: 0.5, stop: 3, step: 0.5).toArray(),
      try Fixture.doubles("elementwise", "arange"))
    assertClose(
      try Matrix.arange(start: 5, stop: 1, step: -1.5).toArray(),
      try Fixture.doubles("elementwise", "arange_negative"))
    XCTAssertEqual(try Matrix.arange(stop: 4).toArray(), [0, 1, 2, 3])
    XCTAssertEqual(try Matrix.arange(start: 3, stop: 1).count, 0)
    XCTAssertEqual(try Matrix.arange(start: 1e300, stop: -1e300).count, 0)
    assertThrows(
      try Matrix.arange(start: 0, stop: 1, step: 0),
      "arange: step must not be 0")
    assertThrows(
      try Matrix.arange(start: 0, stop: .nan),
      "arange: arguments must be finite numbers")
  }

  func test_linspaceIncludesBothEnds() throws {
    assertClose(
      try Matrix.linspace(start: -1, stop: 1, count: 7).toArray(),
      try Fixture.doubles("elementwise", "linspace"))
    XCTAssertEqual(
      try Matrix.linspace(start: 2, stop: 3, count: 1).toArray(), [2])
    XCTAssertEqual(try Matrix.linspace(start: 2, stop: 3, count: 0).count, 0)
    assertThrows(
      try Matrix.linspace(start: 0, stop: 1, count: -2),
      "linspace: count must not be negative, got -2")
  }

  func test_fromArraysAndBack() throws {
    let m = try Matrix(2, 3, values: [1, 2, 3, 4, 5, 6])
    XCTAssertEqual(m.toRowArrays(), [[1, 2, 3], [4, 5, 6]])
    XCTAssertEqual(m[1, 2], 6)
    XCTAssertEqual(m[4], 5)
    let rows = try Matrix(rowValues: [[1, 2], [3, 4], [5, 6]])
    XCTAssertEqual(rows.shape, [3, 2])
    XCTAssertEqual(rows.toArray(), [1, 2, 3, 4, 5, 6])
    XCTAssertEqual(try Matrix(rowValues: []).shape, [0, 0])
    let vector = try Matrix(vector: [1, 2])
    XCTAssertEqual(vector.shapeText, "(2)")
    XCTAssertEqual(vector.toRowArrays(), [[1, 2]])
  }

  func test_raggedRowsAndWrongCountsThrow() {
    assertThrows(
      try Matrix(rowValues: [[1, 2, 3], [4, 5, 6], [7, 8]]),
      "Matrix: row 3 has 2 columns, expected 3")
    assertThrows(
      try Matrix(2, 3, values: [1, 2, 3, 4, 5]),
      "Matrix: 5 values cannot fill a 2x3 matrix (6 needed)")
  }

  func test_closureConstructionIsRowMajorAndStopsAtAnError() throws {
    let m = try Matrix(2, 3) { i, j in Double(10 * i + j) }
    XCTAssertEqual(m.toArray(), [0, 1, 2, 10, 11, 12])
    var calls = 0
    assertThrows(
      try Matrix(3, 3) { i, j throws(NightjarError) in
        calls += 1
        if i == 1 && j == 1 {
          throw .invalidArgument(operation: "from_function", message: "stop")
        }
        return 0
      }, "from_function: stop")
    XCTAssertEqual(calls, 5)
  }

  func test_copyIsIndependent() throws {
    let m = try Matrix(vector: [1, 2, 3])
    let copy = try m.copy()
    try copy.set(1, to: 9)
    XCTAssertEqual(m.toArray(), [1, 2, 3])
    XCTAssertEqual(copy.toArray(), [9, 2, 3])
    XCTAssertTrue(copy.isVector)
  }

  func test_releaseLeavesAnEmptyMatrix() throws {
    let m = try Matrix.ones(100, 100)
    m.release()
    XCTAssertTrue(m.isReleased)
    XCTAssertEqual(m.shape, [0, 0])
    XCTAssertEqual(m.byteCount, 0)
    XCTAssertEqual(try m.sum(), 0)
    XCTAssertEqual(m.summary(), "Matrix 0x0 (released)")
    assertThrows(
      try m.get(row: 1, column: 1), "get: row index 1 out of range (empty)")
    m.release()
    XCTAssertTrue(m.isReleased)
  }
}
