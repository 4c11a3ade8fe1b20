// The numeric columns of a frame as one row-major block of Float64.

extension DataFrame {
  /// The values of the columns `names` (default: every column) as one
  /// row-major block: `values[row * columns + column]`, rows x columns.
  ///
  /// Booleans give 0 and 1; missing values stay NaN (a model that cannot
  /// take NaN says so). The lead wraps this as `to_matrix()`, hence the
  /// operation name in messages. Throws `to_matrix: no column named 'x'`
  /// and `to_matrix: column 'city' holds text, not numbers`. A frame
  /// without rows or columns gives an empty block.
  /// - Complexity: O(rows x columns), one transposing copy.
  public func numericColumns(_ names: [String]? = nil)
    throws(NightjarError)
    -> (values: [Double], rows: Int, columns: Int, names: [String])
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
    let values = [Double](
      unsafeUninitializedCapacity: rowCount * width
    ) { buffer, initialized in
      // Column by column: sequential reads, writes strided by the width.
      for (column, source) in sources.enumerated() {
        source.withUnsafeBufferPointer { input in
          for row in 0..<rowCount {
            buffer[row * width + column] = input[row]
          }
        }
      }
      initialized = rowCount * width
    }
    return (values, rowCount, width, names)
  }
}
