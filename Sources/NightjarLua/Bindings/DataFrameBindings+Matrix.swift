// df:to_matrix(): the numeric columns of a DataFrame as a Matrix.

import CLua
import NightjarCore

extension DataFrameBindings {
  static func addMatrix(_ frame: LuaClass<LuaDataFrame>) {
    frame.method(
      "to_matrix",
      help: """
        df:to_matrix([columns]) -> Matrix (rows x columns), names
          The numeric columns (all, or those named, in that order) as a
          Matrix; missing values are NaN. A text or absent column is an
          error naming it. The column names come second.
        Example: local X = df:drop("label"):to_matrix()
        """
    ) { call, box throws(LuaError) in
      let names: [String]? = call.isNil(2) ? nil : try self.names(call, 2)
      let matrix = try MatrixBindings.core { try box.frame.toMatrix(names) }
      try call.push(matrix: matrix)
      call.push(strings: names ?? box.frame.columnNames)
      return 2
    }
  }
}
