// The Matrix-facing BLAS calls, with dimensions checked; the routines
// themselves come from OpenBLAS.swift, which opens the library.

import CBLAS

/// Thin wrappers over the CBLAS routines Matrix uses. Every dimension is
/// checked against `Int32.max` here, because this OpenBLAS build takes
/// 32-bit integers and a silent truncation would compute garbage.
enum BLAS {
  /// `value` as the 32-bit integer BLAS and LAPACK take, or an error
  /// naming `operation` when it does not fit.
  static func dimension(
    _ value: Int, _ operation: String
  ) throws(NightjarError) -> Int32 {
    // Every wrapper asks for its dimensions first: the place to open
    // OpenBLAS on first use.
    try OpenBLAS.load()
    guard value >= 0, value <= Int(Int32.max) else {
      throw .invalidArgument(
        operation: operation,
        message: "dimension \(value) exceeds the BLAS limit of "
          + "\(Int32.max)")
    }
    return Int32(value)
  }

  /// C = A B for row-major A (m x k), B (k x n), C (m x n), all dense
  /// (leading dimensions k, n and n). `cblas_dgemm`, which OpenBLAS runs
  /// on all cores. Callers handle empty dimensions first.
  static func gemm(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
    _ c: UnsafeMutablePointer<Double>, m: Int, n: Int, k: Int,
    operation: String
  ) throws(NightjarError) {
    let m32 = try dimension(m, operation)
    let n32 = try dimension(n, operation)
    let k32 = try dimension(k, operation)
    OpenBLAS.dgemm(
      CblasRowMajor, CblasNoTrans, CblasNoTrans, m32, n32, k32, 1, a,
      max(1, k32), b, max(1, n32), 0, c, max(1, n32))
  }

  /// y = A x (or A^T x when `transposed`) for row-major A (m x n).
  /// `cblas_dgemv`.
  static func gemv(
    _ a: UnsafePointer<Double>, _ x: UnsafePointer<Double>,
    _ y: UnsafeMutablePointer<Double>, m: Int, n: Int, transposed: Bool,
    operation: String
  ) throws(NightjarError) {
    let m32 = try dimension(m, operation)
    let n32 = try dimension(n, operation)
    OpenBLAS.dgemv(
      CblasRowMajor, transposed ? CblasTrans : CblasNoTrans, m32, n32, 1, a,
      max(1, n32), x, 1, 0, y, 1)
  }

  /// The dot product of two dense vectors of `count` elements.
  /// `cblas_ddot`.
  static func dot(
    _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int,
    operation: String
  ) throws(NightjarError) -> Double {
    let n32 = try dimension(count, operation)
    return OpenBLAS.ddot(n32, x, 1, y, 1)
  }

  /// y += alpha x for dense vectors of `count` elements, a count already
  /// checked by `dimension`, so that solvers calling it once per
  /// coordinate pay no check. `cblas_daxpy`.
  static func axpy(
    _ alpha: Double, _ x: UnsafePointer<Double>,
    _ y: UnsafeMutablePointer<Double>, count: Int32
  ) {
    OpenBLAS.daxpy(count, alpha, x, 1, y, 1)
  }

  /// The dot product of two dense vectors of `count` elements, a count
  /// already checked by `dimension`. `cblas_ddot`.
  static func dot(
    _ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, count: Int32
  ) -> Double {
    OpenBLAS.ddot(count, x, 1, y, 1)
  }

  /// The Gram matrix of the row-major A (m x n): C = A^T A (n x n) when
  /// `transposed`, else C = A A^T (m x m), written to both triangles of
  /// the dense C. `cblas_dsyrk` fills the lower triangle, on all cores;
  /// the upper is mirrored here so that any LAPACK routine may read C.
  static func gram(
    _ a: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
    m: Int, n: Int, transposed: Bool, operation: String
  ) throws(NightjarError) {
    let m32 = try dimension(m, operation)
    let n32 = try dimension(n, operation)
    let size = transposed ? n : m
    let size32 = transposed ? n32 : m32
    OpenBLAS.dsyrk(
      CblasRowMajor, CblasLower, transposed ? CblasTrans : CblasNoTrans,
      size32, transposed ? m32 : n32, 1, a, max(1, n32), 0, c,
      max(1, size32))
    for i in 0..<size {
      for j in (i + 1)..<max(i + 1, size) { c[i * size + j] = c[j * size + i] }
    }
  }
}
