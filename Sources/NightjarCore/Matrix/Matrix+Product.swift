// Matrix products (BLAS dgemm, dgemv, ddot) and the blocked transpose.

extension Matrix {
  /// The matrix product, NumPy's `matmul`:
  /// - matrix (m x k) times matrix (k x n) is an m x n matrix
  ///   (`cblas_dgemm`, on all cores);
  /// - matrix (m x k) times vector (k) is a vector (m) (`cblas_dgemv`);
  /// - vector (k) times matrix (k x n) is a vector (n) (`cblas_dgemv`,
  ///   transposed);
  /// - vector (k) times vector (k) is a vector of one element, the dot
  ///   product (`dot` gives it as a number).
  ///
  /// An inner dimension of 0 gives zeros. Throws `matmul: shapes 3x4 and
  /// 5x2 do not align`; `operation` renames the caller (`dot`). NaN
  /// propagates as BLAS computes it.
  public func matmul(
    _ other: Matrix, operation: String = "matmul"
  ) throws(NightjarError) -> Matrix {
    let inner = columns
    let otherInner = other.isVector ? other.columns : other.rows
    guard inner == otherInner else {
      throw .shapeMismatch(
        operation: operation,
        message: "shapes \(shapeText) and \(other.shapeText) do not align")
    }
    switch (isVector, other.isVector) {
    case (true, true):
      let result = try Matrix(uninitializedCount: 1, operation: operation)
      result.base[0] = try dot(other, operation: operation)
      return result
    case (false, true):
      let result = try Matrix(uninitializedCount: rows, operation: operation)
      if inner == 0 || rows == 0 {
        try result.fill(0)
        return result
      }
      try BLAS.gemv(
        base, other.base, result.base, m: rows, n: columns,
        transposed: false, operation: operation)
      return result
    case (true, false):
      let result = try Matrix(
        uninitializedCount: other.columns, operation: operation)
      if inner == 0 || other.columns == 0 {
        try result.fill(0)
        return result
      }
      try BLAS.gemv(
        other.base, base, result.base, m: other.rows, n: other.columns,
        transposed: true, operation: operation)
      return result
    case (false, false):
      let result = try Matrix(
        uninitializedRows: rows, columns: other.columns, operation: operation)
      if inner == 0 || result.isEmpty {
        try result.fill(0)
        return result
      }
      try BLAS.gemm(
        base, other.base, result.base, m: rows, n: other.columns, k: inner,
        operation: operation)
      return result
    }
  }

  /// The dot product of two vectors of the same length (`cblas_ddot`); 0
  /// for empty vectors. Throws `dot: shapes (3) and (4) do not align`, or
  /// `dot: expected two vectors, got 3x4 and (4)` (use `matmul` for
  /// matrices).
  public func dot(
    _ other: Matrix, operation: String = "dot"
  ) throws(NightjarError) -> Double {
    guard isVector, other.isVector else {
      throw .invalidArgument(
        operation: operation,
        message: "expected two vectors, got \(shapeText) and "
          + "\(other.shapeText)")
    }
    guard count == other.count else {
      throw .shapeMismatch(
        operation: operation,
        message: "shapes \(shapeText) and \(other.shapeText) do not align")
    }
    if count == 0 { return 0 }
    return try BLAS.dot(base, other.base, count: count, operation: operation)
  }

  /// The transpose: a columns x rows matrix with element (j, i) equal to
  /// this (i, j). A vector's transpose is a copy of the vector, as in
  /// NumPy (use `reshape` to make a column).
  ///
  /// Copies in 32 x 32 tiles, so that both the rows read and the columns
  /// written stay in the L1 cache; bands of tile rows run on all cores.
  public func transpose() throws(NightjarError) -> Matrix {
    if isVector { return try copy() }
    let result = try Matrix(
      uninitializedRows: columns, columns: rows, operation: "transpose")
    if result.count == 0 { return result }
    let source = base
    let target = result.base
    let rows = self.rows
    let columns = self.columns
    let tile = 32
    let bands = (rows + tile - 1) / tile
    // Band b owns source rows [b * tile, (b + 1) * tile), which are the
    // target columns of the same numbers: bands write disjoint elements.
    // Within a tile the target is written row by row (contiguous) while
    // the source column reads hit at most 32 cache lines, all resident.
    try ParallelWork.forEachChunk(
      count: bands,
      chunkLength: ParallelWork.chunkLength(itemCost: tile * max(1, columns)),
      itemCost: tile * max(1, columns)
    ) { _, bandRange in
      for band in bandRange {
        let rowStart = band * tile
        let rowEnd = min(rows, rowStart + tile)
        var columnStart = 0
        while columnStart < columns {
          let columnEnd = min(columns, columnStart + tile)
          for j in columnStart..<columnEnd {
            let out = target + j * rows
            for i in rowStart..<rowEnd { out[i] = source[i * columns + j] }
          }
          columnStart = columnEnd
        }
      }
    }
    return result
  }
}
