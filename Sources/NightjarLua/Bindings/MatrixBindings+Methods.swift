// ml.Matrix methods: element access, selection, arithmetic, functions.

import CLua
import CLuaShim
import NightjarCore

extension MatrixBindings {
  /// Adds a method taking no argument and returning a new matrix.
  static func unary(
    _ matrix: LuaClass<Matrix>, _ name: String, help: String,
    _ body: @escaping (Matrix) throws -> Matrix
  ) {
    matrix.method(name, help: help) { call, m throws(LuaError) in
      try call.push(matrix: try core { try body(m) })
      return 1
    }
  }

  // MARK: Access and selection

  static func addAccess(_ matrix: LuaClass<Matrix>) {
    matrix.method(
      "shape",
      help: """
        m:shape() -> rows, cols (a vector: n)
          The dimensions: two numbers for a matrix, one for a vector.
          Example: local n, p = X:shape()
        """
    ) { call, m throws(LuaError) in
      if m.isVector {
        call.push(m.columns)
        return 1
      }
      call.push(m.rows)
      call.push(m.columns)
      return 2
    }
    matrix.method(
      "get",
      help: """
        m:get(i, j) -> number; v:get(i) -> number
          The element at row i, column j (a vector: at i). Indices count
          from 1; negative ones from the end.
          Example: m:get(1, -1)   -- first row, last column
        """
    ) { call, m throws(LuaError) in
      let i = try call.integer(2)
      if call.isNil(3) {
        call.push(try core { try m.get(i) })
      } else {
        let j = try call.integer(3)
        call.push(try core { try m.get(row: i, column: j) })
      }
      return 1
    }
    matrix.method(
      "set",
      help: """
        m:set(i, j, value) -> m; v:set(i, value) -> v
          Sets one element in place and returns the matrix. Indices as in
          get.
          Example: m:set(2, 3, 0.5)
        """
    ) { call, m throws(LuaError) in
      let i = try call.integer(2)
      if m.isVector {
        let value = try call.number(3)
        try core { try m.set(i, to: value) }
      } else {
        let j = try call.integer(3)
        let value = try call.number(4)
        try core { try m.set(row: i, column: j, to: value) }
      }
      return returnSelf(call)
    }
    matrix.method(
      "totable",
      help: """
        m:totable() -> table
          The values as Lua tables: a table of rows for a matrix, a flat
          table for a vector.
          Example: ml.Matrix{{1, 2}}:totable()   --> {{1, 2}}
        """
    ) { call, m throws(LuaError) in
      try pushTable(call, m)
      return 1
    }
    matrix.method(
      "row",
      help: """
        m:row(i) -> vector
          Row i (from 1; negative from the end) as a vector of cols.
          Example: X:row(-1)   -- the last row
        """
    ) { call, m throws(LuaError) in
      let index = try call.integer(2)
      try call.push(
        matrix: try core {
          try m.row(
            try Matrix.resolveIndex(
              index, count: m.rows, name: "row index", operation: "row"))
        })
      return 1
    }
    matrix.method(
      "col",
      help: """
        m:col(j) -> vector
          Column j (from 1; negative from the end) as a vector of rows.
          Example: local y = data:col(1)
        """
    ) { call, m throws(LuaError) in
      let index = try call.integer(2)
      try call.push(
        matrix: try core {
          try m.column(
            try Matrix.resolveIndex(
              index, count: m.columns, name: "column index",
              operation: "col"))
        })
      return 1
    }
    addSelection(matrix)
  }

  private static func addSelection(_ matrix: LuaClass<Matrix>) {
    matrix.method(
      "slice",
      help: """
        m:slice(first_row, last_row [, first_col, last_col]) -> Matrix
        v:slice(first, last) -> vector
          A copy of a block of consecutive rows and columns; the ends are
          included, count from 1, may be negative (from the end) and nil
          means the start or the end. Keeps two dimensions.
          Example: X:slice(1, 100)          -- the first 100 rows
                   X:slice(nil, nil, 2, -1) -- every column but the first
        """
    ) { call, m throws(LuaError) in
      func range(_ first: Int32, _ last: Int32) throws(LuaError)
        -> Matrix.Selection
      {
        if call.isNil(first) && call.isNil(last) { return .all }
        return .range(
          try call.integer(first, or: 1), try call.integer(last, or: -1))
      }
      if m.isVector {
        let elements = try range(2, 3)
        try call.push(
          matrix: try core { try m.select(elements, operation: "slice") })
        return 1
      }
      let rows = try range(2, 3)
      let columns = try range(4, 5)
      try call.push(
        matrix: try core {
          try m.select(rows: rows, columns: columns, operation: "slice")
        })
      return 1
    }
    matrix.method(
      "index",
      help: """
        m:index(rows [, cols]) -> Matrix; v:index(which) -> vector
        m:index(mask) -> vector
          A copy of chosen rows and columns, in the order given. Each of
          rows and cols is nil (all), an index, a table of indices
          (repeats allowed, negative from the end) or a 0/1 mask vector.
          A 0/1 mask with m's own shape picks elements, in row order.
          Example: X:index({1, 3, 5})       -- rows 1, 3 and 5
                   X:index(y:eq(1))         -- the rows where y is 1
                   X:index(nil, {2, 1})     -- columns 2 and 1
                   X:index(X:gt(0))         -- the positive elements
        """
    ) { call, m throws(LuaError) in
      if let mask = call.optionalObject(Matrix.self, 2), !mask.isVector,
        call.isNil(3)
      {
        try call.push(matrix: try core { try m.elements(where: mask) })
        return 1
      }
      let rows = try selection(call, 2, what: "row list")
      if m.isVector {
        try call.push(matrix: try core { try m.select(rows) })
        return 1
      }
      let columns = try selection(call, 3, what: "column list")
      try call.push(
        matrix: try core { try m.select(rows: rows, columns: columns) })
      return 1
    }
  }

  /// Argument `index` as a selection: nil, an index, a table of indices
  /// or a mask matrix.
  private static func selection(
    _ call: LuaCall, _ index: Int32, what: String
  ) throws(LuaError) -> Matrix.Selection {
    if call.isNil(index) { return .all }
    if call.type(index) == LUA_TNUMBER {
      return .indices([try call.integer(index)])
    }
    if call.type(index) == LUA_TTABLE {
      return .indices(
        try readIntegers(call, index, what: what, operation: "index"))
    }
    if call.type(index) == LUA_TUSERDATA {
      return .mask(try call.object(Matrix.self, index))
    }
    throw call.typeError(index, expected: "table, number or Matrix")
  }

  // MARK: Arithmetic and elementwise functions

  static func addElementwise(_ matrix: LuaClass<Matrix>) {
    addArithmeticMethods(matrix)
    addInPlace(matrix)
    addProducts(matrix)
    unary(
      matrix, "exp",
      help: "m:exp() -> Matrix\n  e^x for every element.\n"
        + "  Example: ml.Matrix{0, 1}:exp()"
    ) { try $0.exp() }
    unary(
      matrix, "log",
      help: "m:log() -> Matrix\n  The natural logarithm of every element "
        + "(log(0) is -inf,\n  negative values give nan).\n"
        + "  Example: prices:log()"
    ) { try $0.log() }
    unary(
      matrix, "log1p",
      help: "m:log1p() -> Matrix\n  log(1 + x) for every element, accurate "
        + "for tiny x.\n  Example: counts:log1p()"
    ) { try $0.log1p() }
    unary(
      matrix, "sqrt",
      help: "m:sqrt() -> Matrix\n  The square root of every element "
        + "(nan below 0).\n  Example: variances:sqrt()"
    ) { try $0.sqrt() }
    unary(
      matrix, "abs",
      help: "m:abs() -> Matrix\n  The absolute value of every element.\n"
        + "  Example: (a - b):abs():max()"
    ) { try $0.abs() }
    unary(
      matrix, "sigmoid",
      help: "m:sigmoid() -> Matrix\n  1 / (1 + e^-x) for every element, "
        + "without overflow for\n  large |x|.\n"
        + "  Example: (X:matmul(w) + b):sigmoid()"
    ) { try $0.sigmoid() }
    unary(
      matrix, "floor",
      help: "m:floor() -> Matrix\n  The largest integer not above each "
        + "element.\n  Example: (m * 10):floor()"
    ) { try $0.floor() }
    unary(
      matrix, "ceil",
      help: "m:ceil() -> Matrix\n  The smallest integer not below each "
        + "element.\n  Example: m:ceil()"
    ) { try $0.ceil() }
    unary(
      matrix, "isnan",
      help: "m:isnan() -> mask\n  1 where the element is nan, else 0.\n"
        + "  Example: X:isnan():sum(1)   -- missing values per column"
    ) { try $0.isNaN() }
    unary(
      matrix, "isfinite",
      help: "m:isfinite() -> mask\n  1 where the element is neither nan nor "
        + "infinite, else 0.\n  Example: m:isfinite():all()"
    ) { try $0.isFinite() }
    matrix.method(
      "round",
      help: """
        m:round([decimals]) -> Matrix
          Every element rounded to decimals places (default 0), halves to
          even as NumPy does: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2.
          Example: m:round(2)
        """
    ) { call, m throws(LuaError) in
      let decimals = try call.integer(2, or: 0)
      try call.push(matrix: try core { try m.round(decimals: decimals) })
      return 1
    }
    matrix.method(
      "clip",
      help: """
        m:clip(min, max) -> Matrix
          Every element limited to [min, max]; either bound may be nil
          (no limit); nan stays nan.
          Example: p:clip(1e-15, 1 - 1e-15)
        """
    ) { call, m throws(LuaError) in
      let lower = try call.number(2, or: -.infinity)
      let upper = try call.number(3, or: .infinity)
      try call.push(
        matrix: try core { try m.clip(lower: lower, upper: upper) })
      return 1
    }
    matrix.method(
      "pow",
      help: """
        m:pow(p) -> Matrix
          Every element to the power p, a number or a matrix (elementwise,
          broadcast).
          Example: (a - b):pow(2):mean()
        """
    ) { call, m throws(LuaError) in
      switch try call.matrixOrNumber(2) {
      case .scalar(let p):
        try call.push(matrix: try core { try m.power(p) })
      case .matrix(let p):
        try call.push(matrix: try core { try m.power(p) })
      }
      return 1
    }
    addComparisons(matrix)
  }

  private static func addArithmeticMethods(_ matrix: LuaClass<Matrix>) {
    let operations:
      [(
        String, String, (Matrix, Matrix) throws -> Matrix,
        (Matrix, Double) throws -> Matrix
      )] = [
        (
          "add", "m + x", { a, b in try a + b },
          { a, b in try a + b }
        ),
        (
          "sub", "m - x", { a, b in try a - b },
          { a, b in try a - b }
        ),
        (
          "mul", "m * x (elementwise)",
          { a, b in try a * b },
          { a, b in try a * b }
        ),
        (
          "div", "m / x", { a, b in try a / b },
          { a, b in try a / b }
        ),
      ]
    for (name, meaning, both, scalar) in operations {
      matrix.method(
        name,
        help: """
          m:\(name)(x) -> Matrix
            \(meaning) as a new matrix, x a matrix (broadcast) or a number;
            the same as the operator.
            Example: X:\(name)(X:mean(1))
          """
      ) { call, m throws(LuaError) in
        switch try call.matrixOrNumber(2) {
        case .matrix(let x): try call.push(matrix: try core { try both(m, x) })
        case .scalar(let x):
          try call.push(matrix: try core { try scalar(m, x) })
        }
        return 1
      }
    }
  }

  private static func addInPlace(_ matrix: LuaClass<Matrix>) {
    let operations:
      [(
        String, String, (Matrix, Matrix) throws -> Void,
        (Matrix, Double) throws -> Void
      )] = [
        ("add_", "adds", { try $0.addAssign($1) }, { try $0.addAssign($1) }),
        (
          "sub_", "subtracts", { try $0.subtractAssign($1) },
          { try $0.subtractAssign($1) }
        ),
        (
          "mul_", "multiplies by", { try $0.multiplyAssign($1) },
          { try $0.multiplyAssign($1) }
        ),
        (
          "div_", "divides by", { try $0.divideAssign($1) },
          { try $0.divideAssign($1) }
        ),
      ]
    for (name, verb, both, scalar) in operations {
      matrix.method(
        name,
        help: """
          m:\(name)(x) -> m
            In place: \(verb) x, a number or a matrix that broadcasts to
            m's shape (a row, a column, a vector of cols); returns m.
            Example: X:\(name)(2)
          """
      ) { call, m throws(LuaError) in
        switch try call.matrixOrNumber(2) {
        case .matrix(let x): try core { try both(m, x) }
        case .scalar(let x): try core { try scalar(m, x) }
        }
        return returnSelf(call)
      }
    }
    matrix.method(
      "fill_",
      help: """
        m:fill_(value) -> m
          In place: sets every element to value; returns m.
          Example: m:fill_(0)
        """
    ) { call, m throws(LuaError) in
      let value = try call.number(2)
      try core { try m.fill(value) }
      return returnSelf(call)
    }
    matrix.method(
      "clip_",
      help: """
        m:clip_(min, max) -> m
          In place: limits every element to [min, max] (nil: no bound).
          Example: weights:clip_(-1, 1)
        """
    ) { call, m throws(LuaError) in
      let lower = try call.number(2, or: -.infinity)
      let upper = try call.number(3, or: .infinity)
      try core { try m.clipAssign(lower: lower, upper: upper) }
      return returnSelf(call)
    }
    matrix.method(
      "copy",
      help: """
        m:copy() -> Matrix
          A new matrix with the same shape and values.
          Example: local backup = m:copy()
        """
    ) { call, m throws(LuaError) in
      try call.push(matrix: try core { try m.copy() })
      return 1
    }
  }

  private static func addProducts(_ matrix: LuaClass<Matrix>) {
    matrix.method(
      "matmul",
      help: """
        A:matmul(B) -> Matrix, vector or number
          The matrix product (BLAS dgemm/dgemv): (m x k)(k x n) is m x n;
          a matrix times a vector of k is a vector of m; a vector of k
          times a matrix k x n is a vector of n; two vectors give their
          dot product, a number.
          Example: local scores = X:matmul(w)
        """
    ) { call, m throws(LuaError) in
      try pushProduct(call, m, try call.object(Matrix.self, 2), "matmul")
    }
    matrix.method(
      "dot",
      help: """
        a:dot(b) -> number or Matrix
          The dot product of two vectors, a number; with a matrix operand
          the same as matmul.
          Example: w:dot(w)
        """
    ) { call, m throws(LuaError) in
      try pushProduct(call, m, try call.object(Matrix.self, 2), "dot")
    }
    unary(
      matrix, "transpose",
      help: "m:transpose() -> Matrix\n  The cols x rows transpose (also m.T); "
        + "a vector stays a vector.\n  Example: X:transpose():matmul(X)"
    ) { try $0.transpose() }
  }

  /// Pushes `a` times `b` as matmul defines it; two vectors give a number.
  static func pushProduct(
    _ call: LuaCall, _ a: Matrix, _ b: Matrix, _ operation: String
  ) throws(LuaError) -> Int32 {
    if a.isVector && b.isVector {
      call.push(try core { try a.dot(b, operation: operation) })
      return 1
    }
    try call.push(
      matrix: try core { try a.matmul(b, operation: operation) })
    return 1
  }

  private static func addComparisons(_ matrix: LuaClass<Matrix>) {
    let comparisons:
      [(
        String, String, (Matrix, Matrix) throws -> Matrix,
        (Matrix, Double) throws -> Matrix
      )] = [
        ("lt", "<", { try $0.lessThan($1) }, { try $0.lessThan($1) }),
        ("le", "<=", { try $0.lessOrEqual($1) }, { try $0.lessOrEqual($1) }),
        ("gt", ">", { try $0.greaterThan($1) }, { try $0.greaterThan($1) }),
        (
          "ge", ">=", { try $0.greaterOrEqual($1) },
          { try $0.greaterOrEqual($1) }
        ),
        ("eq", "==", { try $0.equalTo($1) }, { try $0.equalTo($1) }),
        ("ne", "~=", { try $0.notEqualTo($1) }, { try $0.notEqualTo($1) }),
      ]
    for (name, symbol, both, scalar) in comparisons {
      matrix.method(
        name,
        help: """
          m:\(name)(x) -> mask
            1 where m \(symbol) x holds, else 0; x is a number or a matrix
            (broadcast). Comparisons with nan are false, except ne.
            Example: y:\(name)(1):sum()
          """
      ) { call, m throws(LuaError) in
        switch try call.matrixOrNumber(2) {
        case .matrix(let x): try call.push(matrix: try core { try both(m, x) })
        case .scalar(let x):
          try call.push(matrix: try core { try scalar(m, x) })
        }
        return 1
      }
    }
  }
}
