// A DataFrame's numeric columns gathered into a row-major Matrix.

extension DataFrame {
  /// The numeric columns (all, or `names` in that order) as a Matrix of
  /// rows x columns; missing values are NaN. A text or absent column is
  /// an error naming it (`to_matrix: column 'city' holds text, not
  /// numbers`).
  ///
  /// The columns are stored apart, so this is a transpose: it runs over
  /// blocks of rows (each block's writes stay in cache) on all cores,
  /// straight into the matrix's buffer.
  public func toMatrix(_ names: [String]? = nil) throws(NightjarError)
    -> Matrix
  {
    let names = names ?? columnNames
    var sources: [[Double]] = []
    for name in names {
      let column = columns[try position(of: name, operation: "to_matrix")]
      guard let numbers = column.numbers else {
        throw .invalidArgument(
          operation: "to_matrix",
          message: "column '\(name)' holds text, not numbers")
      }
      sources.append(numbers)
    }
    let width = sources.count
    let matrix = try Matrix(
      uninitializedRows: rowCount, columns: width, operation: "to_matrix")
    let out = matrix.base
    let block = 256
    try ParallelWork.forEachChunk(
      count: rowCount, chunkLength: block, itemCost: width
    ) { _, range in
      for column in 0..<width {
        sources[column].withUnsafeBufferPointer { input in
          for row in range { out[row * width + column] = input[row] }
        }
      }
    }
    return matrix
  }
}
