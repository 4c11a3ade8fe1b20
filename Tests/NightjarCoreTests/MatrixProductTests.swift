// Tests of matmul, dot and transpose.

import XCTest

@testable import NightjarCore

final class MatrixProductTests: XCTestCase {
  func test_productsMatchNumPy() throws {
    let a = try Fixture.matrix("broadcast", "a")
    let vector = try Fixture.matrix("broadcast", "vector")
    let column = try Fixture.matrix("broadcast", "column")
    assertClose(
      try a.matmul(try a.transpose()),
      try Fixture.matrix("broadcast", "matmul_a_at"))
    let av = try a.matmul(vector)
    XCTAssertTrue(av.isVector)
    assertClose(av, try Fixture.matrix("broadcast", "matmul_a_vector"))
    let va = try column.flatten().matmul(a)
    XCTAssertTrue(va.isVector)
    assertClose(va, try Fixture.matrix("broadcast", "matmul_column_a"))
    assertClose(
      try vector.dot(vector),
      try Fixture.double("broadcast", "dot_vector_vector"))
    XCTAssertEqual(try vector.matmul(vector).shape, [1])
    assertClose(try a.transpose(), try Fixture.matrix("broadcast", "transpose"))
  }

  func test_misalignedShapesThrow() throws {
    let a = try Matrix.zeros(3, 4)
    assertThrows(
      try a.matmul(try Matrix.zeros(5, 2)),
      "matmul: shapes 3x4 and 5x2 do not align")
    assertThrows(
      try a.matmul(try Matrix.zeros(3)),
      "matmul: shapes 3x4 and (3) do not align")
    assertThrows(
      try (try Matrix.zeros(2)).matmul(a),
      "matmul: shapes (2) and 3x4 do not align")
    assertThrows(
      try (try Matrix.zeros(2)).dot(try Matrix.zeros(3)),
      "dot: shapes (2) and (3) do not align")
    assertThrows(
      try a.dot(try Matrix.zeros(4)),
      "dot: expected two vectors, got 3x4 and (4)")
    assertThrows(
      try a.matmul(try Matrix.zeros(5, 2), operation: "dot"),
      "dot: shapes 3x4 and 5x2 do not align")
  }

  func test_emptyInnerDimensionGivesZeros() throws {
    let product = try Matrix.zeros(2, 0).matmul(try Matrix.zeros(0, 3))
    XCTAssertEqual(product.toRowArrays(), [[0, 0, 0], [0, 0, 0]])
    XCTAssertEqual(
      try Matrix.zeros(2, 0).matmul(try Matrix.zeros(0)).toArray(), [0, 0])
    XCTAssertEqual(try Matrix.zeros(0).dot(try Matrix.zeros(0)), 0)
  }

  func test_transposeTwiceIsIdentityOnOddShapes() throws {
    for (rows, columns) in [(1, 1), (3, 70), (65, 33), (257, 129), (0, 5)] {
      let m = try seededMatrix(
        rows, columns, seed: UInt64(rows * 1000 + columns))
      let t = try m.transpose()
      XCTAssertEqual(t.shape, [columns, rows])
      if rows > 0 {
        XCTAssertEqual(t[columns - 1, rows - 1], m[rows - 1, columns - 1])
        XCTAssertEqual(t[0, rows - 1], m[rows - 1, 0])
      }
      XCTAssertEqual(try t.transpose().toArray(), m.toArray())
    }
    let v = try Matrix(vector: [1, 2])
    XCTAssertTrue(try v.transpose().isVector)
  }

  func test_matmulAgreesWithANaiveProduct() throws {
    let a = try seededMatrix(37, 53, seed: 4)
    let b = try seededMatrix(53, 29, seed: 5)
    let product = try a.matmul(b)
    for i in stride(from: 0, to: 37, by: 6) {
      for j in stride(from: 0, to: 29, by: 5) {
        var expected = 0.0
        for k in 0..<53 { expected += a[i, k] * b[k, j] }
        assertClose(product[i, j], expected, tolerance: 1e-12, "(\(i), \(j))")
      }
    }
  }

  func test_blasDimensionLimitIsChecked() {
    assertThrows(
      try BLAS.dimension(Int(Int32.max) + 1, "matmul"),
      "matmul: dimension 2147483648 exceeds the BLAS limit of 2147483647")
    XCTAssertEqual(try BLAS.dimension(7, "matmul"), 7)
  }
}
