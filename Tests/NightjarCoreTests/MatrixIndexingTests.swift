// Tests of element access and selections, 1-based and 0-based.

import XCTest

@testable import NightjarCore

final class MatrixIndexingTests: XCTestCase {
  /// 3x4 with element (i, j), counted from 1, equal to 10 i + j.
  private func sample() throws -> Matrix {
    try Matrix(3, 4) { i, j in Double(10 * (i + 1) + j + 1) }
  }

  func test_getAndSetCountFromOneAndFromTheEnd() throws {
    let m = try sample()
    XCTAssertEqual(try m.get(row: 1, column: 1), 11)
    XCTAssertEqual(try m.get(row: -1, column: -1), 34)
    XCTAssertEqual(try m.get(row: 2, column: -4), 21)
    let v = try Matrix(vector: [5, 6, 7])
    XCTAssertEqual(try v.get(-1), 7)
    try v.set(2, to: 0)
    XCTAssertEqual(v.toArray(), [5, 0, 7])
    let copy = try m.copy()
    try copy.set(row: -1, column: 1, to: 99)
    XCTAssertEqual(copy[2, 0], 99)
  }

  func test_outOfRangeIndicesThrowWithTheRange() throws {
    let m = try sample()
    assertThrows(
      try m.get(row: 5, column: 1), "get: row index 5 out of range (1..3)")
    assertThrows(
      try m.get(row: 0, column: 1), "get: row index 0 out of range (1..3)")
    assertThrows(
      try m.get(row: 1, column: -5), "get: column index -5 out of range (1..4)")
    assertThrows(
      try m.set(row: 1, column: 9, to: 0),
      "set: column index 9 out of range (1..4)")
    assertThrows(try m.get(2), "get: a matrix needs a row and a column index")
    let v = try Matrix(vector: [1, 2])
    assertThrows(try v.get(3), "get: index 3 out of range (1..2)")
    assertThrows(try v.set(-3, to: 1), "set: index -3 out of range (1..2)")
    assertThrows(
      try Matrix.resolveIndex(4, count: 0, name: "row index", operation: "row"),
      "row: row index 4 out of range (empty)")
  }

  func test_rowAndColumnAreVectors() throws {
    let m = try sample()
    let row = try m.row(1)
    XCTAssertTrue(row.isVector)
    XCTAssertEqual(row.toArray(), [21, 22, 23, 24])
    let column = try m.column(3)
    XCTAssertEqual(column.shapeText, "(3)")
    XCTAssertEqual(column.toArray(), [14, 24, 34])
    assertThrows(try m.row(3), "row: offset 3 out of range (0..<3)")
    assertThrows(try m.column(-1), "col: offset -1 out of range (0..<4)")
  }

  func test_rowsAtOffsetsGatherInOrderWithRepeats() throws {
    let m = try sample()
    let picked = try m.rows(at: [2, 0, 2])
    XCTAssertEqual(
      picked.toRowArrays(),
      [
        [31, 32, 33, 34], [11, 12, 13, 14], [31, 32, 33, 34],
      ])
    XCTAssertEqual(try m.rows(at: []).shape, [0, 4])
    let v = try Matrix(vector: [1, 2, 3, 4])
    XCTAssertEqual(try v.rows(at: [3, 1]).toArray(), [4, 2])
    XCTAssertTrue(try v.rows(at: [3, 1]).isVector)
    XCTAssertEqual(
      try m.columns(at: [3, 0]).toRowArrays(),
      [
        [14, 11], [24, 21], [34, 31],
      ])
    XCTAssertEqual(
      try m.rows(in: 1..<3).toArray(),
      [
        21, 22, 23, 24, 31, 32, 33, 34,
      ])
    assertThrows(try m.rows(at: [0, 5]), "rows: offset 5 out of range (0..<3)")
    assertThrows(
      try m.rows(in: 2..<4), "rows: range 2..<4 out of range (0..<3)")
  }

  func test_rowsAtOffsetsOnALargeMatrixMatchesElementwiseGather() throws {
    let m = try sample()
    let big = try seededMatrix(3000, 40, seed: 3)
    var generator = RandomGenerator(seed: 9)
    let order = generator.permutation(count: 3000)
    let picked = try big.rows(at: order)
    for (k, i) in order.enumerated() where k % 97 == 0 {
      XCTAssertEqual(try picked.row(k).toArray(), try big.row(i).toArray())
    }
  }

  func test_selectWithRangesListsAndMasks() throws {
    let m = try sample()
    let block = try m.select(rows: .range(2, -1), columns: .range(-2, -1))
    XCTAssertEqual(block.toRowArrays(), [[23, 24], [33, 34]])
    let listed = try m.select(rows: .indices([3, 1]), columns: .all)
    XCTAssertEqual(
      listed.toRowArrays(), [[31, 32, 33, 34], [11, 12, 13, 14]])
    let mask = try Matrix(vector: [1, 0, 1])
    let masked = try m.select(rows: .mask(mask), columns: .indices([-1]))
    XCTAssertEqual(masked.toRowArrays(), [[14], [34]])
    XCTAssertEqual(try m.select(.range(3, 2)).shape, [0, 4])
    let v = try Matrix(vector: [1, 2, 3, 4, 5])
    XCTAssertEqual(try v.select(.range(2, 4)).toArray(), [2, 3, 4])
    XCTAssertTrue(try v.select(.indices([5, 1])).isVector)
    let greater = try v.greaterThan(2)
    XCTAssertEqual(try v.select(.mask(greater)).toArray(), [3, 4, 5])
  }

  func test_selectErrorsNameTheOperation() throws {
    let m = try sample()
    assertThrows(
      try m.select(rows: .range(1, 9), columns: .all, operation: "slice"),
      "slice: row index 9 out of range (1..3)")
    assertThrows(
      try m.select(rows: .mask(try Matrix(vector: [1, 0])), columns: .all),
      "index: row mask has shape (2), expected (3)")
    assertThrows(
      try m.select(
        rows: .all, columns: .mask(try Matrix(vector: [1, 0.5, 0, 1]))),
      "index: column mask element 2 is 0.5, expected 0 or 1")
    assertThrows(
      try m.select(rows: .indices([1, 4]), columns: .all),
      "index: row index 4 out of range (1..3)")
  }

  func test_elementsWhereMaskHoldsAreRowMajor() throws {
    let m = try sample()
    let mask = try m.greaterThan(30).lessThan(1)
    XCTAssertEqual(try m.elements(where: mask).count, 8)
    let odd = try Matrix(2, 2, values: [1, 0, 0, 1])
    let square = try Matrix(2, 2, values: [1, 2, 3, 4])
    XCTAssertEqual(try square.elements(where: odd).toArray(), [1, 4])
    assertThrows(
      try m.elements(where: odd), "index: mask has shape 2x2, expected 3x4")
    assertThrows(
      try square.elements(where: try Matrix(2, 2, values: [1, 2, 0, 0])),
      "index: mask element 2 is 2, expected 0 or 1")
  }
}
