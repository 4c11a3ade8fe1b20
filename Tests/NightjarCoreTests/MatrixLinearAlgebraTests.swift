// Tests of solve, lstsq, inv, det, cholesky, qr, svd and eigh.

import XCTest

@testable import NightjarCore

final class MatrixLinearAlgebraTests: XCTestCase {
  let tolerance = 1e-10

  func test_solveMatchesNumPyForVectorAndMatrixRightHandSides() throws {
    let a = try Fixture.matrix("linalg", "a")
    let x = try a.solve(try Fixture.matrix("linalg", "b"))
    XCTAssertTrue(x.isVector)
    assertClose(
      x, try Fixture.matrix("linalg", "solve_vector"), tolerance: tolerance)
    assertClose(
      try a.solve(try Fixture.matrix("linalg", "bm")),
      try Fixture.matrix("linalg", "solve_matrix"), tolerance: tolerance)
  }

  func test_solveThenMultiplyGivesTheRightHandSide() throws {
    for n in [1, 2, 7, 60] {
      let a =
        try seededMatrix(n, n, seed: UInt64(n)) + (try Matrix.identity(n) * 3)
      let b = try seededMatrix(n, 4, seed: UInt64(100 + n))
      let x = try a.solve(b)
      assertClose(try a.matmul(x), b, tolerance: 1e-9, "n = \(n)")
    }
  }

  func test_inverseAndDeterminantMatchNumPy() throws {
    let a = try Fixture.matrix("linalg", "a")
    let inverse = try a.inverse()
    assertClose(
      inverse, try Fixture.matrix("linalg", "inv"), tolerance: tolerance)
    assertClose(
      try inverse.matmul(a), try Matrix.identity(5), tolerance: 1e-12,
      "inv(A) A")
    assertClose(
      try a.determinant(), try Fixture.double("linalg", "det"), tolerance: 1e-10
    )
    let wide = try Fixture.matrix("linalg", "wide")
    assertClose(
      try wide.matmul(try wide.transpose()).determinant(),
      try Fixture.double("linalg", "det_wide_gram"), tolerance: 1e-10)
    XCTAssertEqual(try Matrix.zeros(0, 0).determinant(), 1)
    let swap = try Matrix(2, 2, values: [0, 1, 1, 0])
    XCTAssertEqual(try swap.determinant(), -1)
  }

  func test_singularAndNonSquareErrors() throws {
    let singular = try Matrix(2, 2, values: [1, 2, 2, 4])
    assertThrows(
      try singular.solve(try Matrix(vector: [1, 2])),
      "solve: matrix is singular")
    assertThrows(try singular.inverse(), "inv: matrix is singular")
    XCTAssertEqual(try singular.determinant(), 0)
    let rectangle = try Matrix.zeros(3, 4)
    assertThrows(
      try rectangle.solve(try Matrix.zeros(3)),
      "solve: matrix must be square, got 3x4")
    assertThrows(try rectangle.inverse(), "inv: matrix must be square, got 3x4")
    assertThrows(
      try rectangle.determinant(), "det: matrix must be square, got 3x4")
    assertThrows(
      try rectangle.cholesky(), "cholesky: matrix must be square, got 3x4")
    assertThrows(try rectangle.eigh(), "eigh: matrix must be square, got 3x4")
    assertThrows(
      try (try Matrix.identity(3)).solve(try Matrix.zeros(4)),
      "solve: shapes 3x3 and (4) do not align")
    assertThrows(
      try (try Matrix.identity(2)).solve(try Matrix(vector: [1, .nan])),
      "solve: input contains NaN or infinity")
    assertThrows(
      try Matrix(2, 2, values: [1, .infinity, 0, 1]).inverse(),
      "inv: input contains NaN or infinity")
    assertThrows(
      try (try Matrix.zeros(3)).qr(), "qr: expected a matrix, got (3)")
  }

  func test_choleskyMatchesNumPyAndRejectsIndefinite() throws {
    let spd = try Fixture.matrix("linalg", "spd")
    let factor = try spd.cholesky()
    assertClose(
      factor, try Fixture.matrix("linalg", "cholesky"), tolerance: tolerance)
    assertClose(
      try factor.matmul(try factor.transpose()), spd, tolerance: 1e-12)
    let indefinite = try Matrix(2, 2, values: [1, 2, 2, 1])
    assertThrows(
      try indefinite.cholesky(), "cholesky: matrix is not positive definite")
  }

  func test_qrReconstructsWithOrthonormalColumns() throws {
    for name in ["tall", "wide", "a"] {
      let a = try Fixture.matrix("linalg", name)
      let (q, r) = try a.qr()
      let k = min(a.rows, a.columns)
      XCTAssertEqual(q.shape, [a.rows, k])
      XCTAssertEqual(r.shape, [k, a.columns])
      assertClose(try q.matmul(r), a, tolerance: 1e-12, "\(name): Q R")
      assertClose(
        try q.transpose().matmul(q), try Matrix.identity(k), tolerance: 1e-12,
        "\(name): Q^T Q")
      for i in 0..<k {
        for j in 0..<i {
          XCTAssertEqual(r[i, j], 0, "\(name): R below diagonal")
        }
      }
    }
    let (_, r) = try Fixture.matrix("linalg", "tall").qr()
    let diagonal = try Matrix(vector: (0..<3).map { r[$0, $0].magnitude })
    assertClose(
      diagonal, try Fixture.matrix("linalg", "qr_r_abs_diagonal"),
      tolerance: 1e-12)
  }

  func test_svdMatchesNumPyAndReconstructs() throws {
    let tall = try Fixture.matrix("linalg", "tall")
    assertClose(
      try tall.singularValues(), try Fixture.matrix("linalg", "svd_tall"),
      tolerance: 1e-12)
    let wide = try Fixture.matrix("linalg", "wide")
    let (u, s, vt) = try wide.svd()
    assertClose(s, try Fixture.matrix("linalg", "svd_wide"), tolerance: 1e-12)
    XCTAssertEqual(u.shape, [3, 3])
    XCTAssertEqual(vt.shape, [3, 6])
    assertClose(try (u * s).matmul(vt), wide, tolerance: 1e-12, "U S V^T")
    let (fullU, _, fullVt) = try tall.svd(full: true)
    XCTAssertEqual(fullU.shape, [7, 7])
    XCTAssertEqual(fullVt.shape, [3, 3])
    assertClose(
      try fullU.transpose().matmul(fullU), try Matrix.identity(7),
      tolerance: 1e-12)
  }

  func test_eighGivesAscendingValuesAndColumnVectors() throws {
    let sym = try Fixture.matrix("linalg", "sym")
    let (values, vectors) = try sym.eigh()
    assertClose(
      values, try Fixture.matrix("linalg", "eigh_values"), tolerance: 1e-12)
    for i in 0..<5 {
      let v = try vectors.column(i)
      assertClose(
        try sym.matmul(v), try v * values[i], tolerance: 1e-12, "A v = l v")
    }
  }

  func test_leastSquaresMatchesNumPyIncludingRankDeficiency() throws {
    let tall = try Fixture.matrix("linalg", "tall")
    let y = try Fixture.matrix("linalg", "yt")
    let fit = try tall.leastSquares(y)
    assertClose(
      fit.solution, try Fixture.matrix("linalg", "lstsq_solution"),
      tolerance: tolerance)
    assertClose(
      fit.residuals, try Fixture.matrix("linalg", "lstsq_residuals"),
      tolerance: tolerance)
    XCTAssertEqual(Double(fit.rank), try Fixture.double("linalg", "lstsq_rank"))
    assertClose(
      fit.singularValues, try Fixture.matrix("linalg", "lstsq_singular"),
      tolerance: 1e-12)
    let deficient = try Fixture.matrix("linalg", "deficient")
    let minimum = try deficient.leastSquares(y)
    XCTAssertEqual(
      Double(minimum.rank), try Fixture.double("linalg", "lstsq_deficient_rank")
    )
    assertClose(
      minimum.solution,
      try Fixture.matrix("linalg", "lstsq_deficient_solution"),
      tolerance: 1e-9)
    XCTAssertEqual(minimum.residuals.count, 0)
    assertThrows(
      try tall.leastSquares(try Matrix.zeros(4)),
      "lstsq: shapes 7x3 and (4) do not align")
  }
}
