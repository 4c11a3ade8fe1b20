// ml.Matrix constructors, linear algebra, files, and the ml functions.

import CLua
import CLuaShim
import NightjarCore

extension MatrixBindings {
  // MARK: Class functions

  static func addStatics(_ matrix: LuaClass<Matrix>) {
    let constants:
      [(
        String, String, (Int, Int) throws -> Matrix,
        (Int) throws -> Matrix
      )] = [
        (
          "zeros", "zeros", { try Matrix.zeros($0, $1) },
          { try Matrix.zeros($0) }
        ),
        ("ones", "ones", { try Matrix.ones($0, $1) }, { try Matrix.ones($0) }),
      ]
    for (name, what, matrixOf, vectorOf) in constants {
      matrix.staticFunction(
        name,
        help: """
          ml.Matrix.\(name)(rows, cols) -> Matrix
          ml.Matrix.\(name)(n) -> vector
            A rows x cols matrix (or a vector of n) of \(what).
            Example: local w = ml.Matrix.\(name)(X.cols)
          """
      ) { call throws(LuaError) in
        let first = try call.integer(1)
        if call.isNil(2) {
          try call.push(matrix: try core { try vectorOf(first) })
        } else {
          let second = try call.integer(2)
          try call.push(matrix: try core { try matrixOf(first, second) })
        }
        return 1
      }
    }
    matrix.staticFunction(
      "full",
      help: """
        ml.Matrix.full(rows, cols, value) -> Matrix
        ml.Matrix.full(n, value) -> vector
          A matrix (three arguments) or a vector (two) filled with value.
          Example: ml.Matrix.full(2, 3, 0.5)
        """
    ) { call throws(LuaError) in
      let first = try call.integer(1)
      if call.count >= 3 {
        let columns = try call.integer(2)
        let value = try call.number(3)
        try call.push(
          matrix: try core { try Matrix.full(first, columns, value: value) })
      } else {
        let value = try call.number(2)
        try call.push(matrix: try core { try Matrix.full(first, value: value) })
      }
      return 1
    }
    matrix.staticFunction(
      "eye",
      help: """
        ml.Matrix.eye(n [, cols]) -> Matrix
          The identity: ones on the main diagonal, zeros elsewhere; n x n,
          or n x cols.
          Example: A + ml.Matrix.eye(A.rows) * 1e-6
        """
    ) { call throws(LuaError) in
      let rows = try call.integer(1)
      let columns = call.isNil(2) ? nil : try call.integer(2)
      try call.push(matrix: try core { try Matrix.identity(rows, columns) })
      return 1
    }
    addRanges(matrix)
    addRandom(matrix)
    addFromFunction(matrix)
    matrix.staticFunction(
      "load",
      help: """
        ml.Matrix.load(path) -> Matrix
          Reads a matrix written by m:save(path) (nightjar's NJMX binary
          format); the error names the path and what is wrong.
          Example: local X = ml.Matrix.load("features.njmx")
        """
    ) { call throws(LuaError) in
      let path = try call.string(1)
      try call.push(matrix: try core { try Matrix.load(from: path) })
      return 1
    }
  }

  private static func addRanges(_ matrix: LuaClass<Matrix>) {
    matrix.staticFunction(
      "arange",
      help: """
        ml.Matrix.arange([start,] stop [, step]) -> vector
          start, start + step, ... up to but EXCLUDING stop, as NumPy's
          arange (start 0 and step 1 by default).
          Example: ml.Matrix.arange(5)          --> 0 1 2 3 4
                   ml.Matrix.arange(1, 2, 0.25) --> 1 1.25 1.5 1.75
        """
    ) { call throws(LuaError) in
      let result: Matrix
      if call.isNil(2) {
        let stop = try call.number(1)
        result = try core { try Matrix.arange(stop: stop) }
      } else {
        let start = try call.number(1)
        let stop = try call.number(2)
        let step = try call.number(3, or: 1)
        result = try core {
          try Matrix.arange(start: start, stop: stop, step: step)
        }
      }
      try call.push(matrix: result)
      return 1
    }
    matrix.staticFunction(
      "linspace",
      help: """
        ml.Matrix.linspace(start, stop [, n]) -> vector
          n evenly spaced values from start to stop, both included (n is
          50 by default, as NumPy's).
          Example: ml.Matrix.linspace(0, 1, 5)   --> 0 0.25 0.5 0.75 1
        """
    ) { call throws(LuaError) in
      let start = try call.number(1)
      let stop = try call.number(2)
      let count = try call.integer(3, or: 50)
      try call.push(
        matrix: try core {
          try Matrix.linspace(start: start, stop: stop, count: count)
        })
      return 1
    }
  }

  /// The generator an options table asks for: `seed` fixes the stream;
  /// without one each call draws a fresh seed.
  private static func generator(
    _ call: LuaCall, _ options: Int32
  ) throws(LuaError) -> RandomGenerator {
    guard let seed = try call.numberOption(options, "seed") else {
      return RandomGenerator()
    }
    guard let whole = Int64(exactly: seed) else {
      throw call.argumentError(options, "option 'seed' must be an integer")
    }
    return RandomGenerator(seed: Int(whole))
  }

  private static func addRandom(_ matrix: LuaClass<Matrix>) {
    for (name, normal) in [("rand", false), ("randn", true)] {
      let parameters = normal ? "mean = 0, std = 1" : "low = 0, high = 1"
      let what =
        normal
        ? "normal values (Marsaglia's polar method)"
        : "values uniform in [low, high)"
      matrix.staticFunction(
        name,
        help: """
          ml.Matrix.\(name)(rows [, cols] [, options]) -> Matrix or vector
            A matrix (or, without cols, a vector) of \(what), drawn row by
            row from nightjar's xoshiro256** generator. options: seed (the
            same seed gives the same values on every machine; none gives
            a fresh stream), \(parameters).
            Example: ml.Matrix.\(name)(100, 3, {seed = 42})
          """
      ) { call throws(LuaError) in
        let rows = try call.integer(1)
        let hasColumns = call.type(2) == LUA_TNUMBER
        let columns = hasColumns ? try call.integer(2) : 0
        let options: Int32 = hasColumns ? 3 : 2
        if !call.isNil(options) { try call.checkTable(options) }
        var random = try generator(call, options)
        let result: Matrix
        if normal {
          let mean = try call.numberOption(options, "mean") ?? 0
          let spread = try call.numberOption(options, "std") ?? 1
          result = try core {
            hasColumns
              ? try Matrix.normal(
                rows, columns, mean: mean, standardDeviation: spread,
                using: &random)
              : try Matrix.normal(
                rows, mean: mean, standardDeviation: spread, using: &random)
          }
        } else {
          let low = try call.numberOption(options, "low") ?? 0
          let high = try call.numberOption(options, "high") ?? 1
          result = try core {
            hasColumns
              ? try Matrix.uniform(
                rows, columns, low: low, high: high, using: &random)
              : try Matrix.uniform(rows, low: low, high: high, using: &random)
          }
        }
        try call.push(matrix: result)
        return 1
      }
    }
  }

  private static func addFromFunction(_ matrix: LuaClass<Matrix>) {
    matrix.staticFunction(
      "from_function",
      help: """
        ml.Matrix.from_function(rows, cols, f) -> Matrix
          A rows x cols matrix whose element (i, j) is f(i, j), i and j
          counted from 1, called row by row. An error in f stops the
          construction and is raised as it is.
          Example: ml.Matrix.from_function(3, 3, function(i, j)
                     return i == j and 1 or 0 end)
        """
    ) { call throws(LuaError) in
      let rows = try call.integer(1)
      let columns = try call.integer(2)
      try call.checkFunction(3)
      let L = call.L
      var errorOnStack = false
      let result: Matrix
      do throws(NightjarError) {
        result = try Matrix(rows, columns) { i, j throws(NightjarError) in
          lua_pushvalue(L, 3)  // [+1] f
          lua_pushinteger(L, lua_Integer(i + 1))  // [+1]
          lua_pushinteger(L, lua_Integer(j + 1))  // [+1]
          guard luaProtectedCall(L, 2, 1, 0) == LUA_OK else {  // [-3, +1]
            // The error object stays on top for the trampoline to raise.
            errorOnStack = true
            throw .interrupted
          }
          let kind = lua_type(L, -1)
          var isNumber: Int32 = 0
          let value = lua_tonumberx(L, -1, &isNumber)
          luaPop(L, 1)  // [-1]
          guard kind == LUA_TNUMBER, isNumber != 0 else {
            throw .invalidArgument(
              operation: "from_function",
              message: "f(\(i + 1), \(j + 1)) returned a "
                + "\(typeName(L, kind)), expected a number")
          }
          return value
        }
      } catch {
        if errorOnStack { throw LuaError.value }
        throw LuaError(error)
      }
      try call.push(matrix: result)
      return 1
    }
  }

  // MARK: Linear algebra

  /// The bodies shared by `A:solve(b)` and `ml.solve(A, b)`: A is
  /// argument 1 in both.
  private static let linearAlgebra: [(String, String, LuaBody)] = [
    (
      "solve",
      """
      ml.solve(A, b) -> x; A:solve(b) -> x
        The solution of A x = b for a square A (n x n) and b a vector of
        n or an n x k matrix (LU with partial pivoting, LAPACK dgesv); x
        has b's shape. An error if A is singular.
        Example: local w = ml.solve(X.T:matmul(X), X.T:matmul(y))
      """,
      { call throws(LuaError) in
        let a = try call.object(Matrix.self, 1)
        let b = try call.object(Matrix.self, 2)
        try call.push(matrix: try core { try a.solve(b) })
        return 1
      }
    ),
    (
      "lstsq",
      """
      ml.lstsq(A, b [, rcond]) -> x, residuals, rank, singular_values
        The least-squares solution of A x = b for A m x n and b a vector
        of m or an m x k matrix, the smallest-norm one when A is rank
        deficient (SVD, LAPACK dgelsd), as NumPy's lstsq. residuals holds
        the squared residual norms when A has full column rank and m > n,
        else it is empty. rcond (default eps * max(m, n)) sets which
        singular values count as zero.
        Example: local coef = ml.lstsq(X, y)
      """,
      { call throws(LuaError) in
        let a = try call.object(Matrix.self, 1)
        let b = try call.object(Matrix.self, 2)
        let rcond = call.isNil(3) ? nil : try call.number(3)
        let fit = try core { try a.leastSquares(b, rcond: rcond) }
        try call.push(matrix: fit.solution)
        try call.push(matrix: fit.residuals)
        call.push(fit.rank)
        try call.push(matrix: fit.singularValues)
        return 4
      }
    ),
    (
      "inv",
      """
      ml.inv(A) -> Matrix; A:inv() -> Matrix
        The inverse of a square matrix (LU, LAPACK dgetrf and dgetri); an
        error if A is singular. Prefer ml.solve to multiplying by it.
        Example: ml.inv(ml.Matrix{{2, 0}, {0, 4}})
      """,
      { call throws(LuaError) in
        let a = try call.object(Matrix.self, 1)
        try call.push(matrix: try core { try a.inverse() })
        return 1
      }
    ),
    (
      "det",
      """
      ml.det(A) -> number; A:det() -> number
        The determinant of a square matrix, from its LU factors (LAPACK
        dgetrf); 0 for a singular matrix.
        Example: ml.det(ml.Matrix{{1, 2}, {3, 4}})   --> -2
      """,
      { call throws(LuaError) in
        let a = try call.object(Matrix.self, 1)
        call.push(try core { try a.determinant() })
        return 1
      }
    ),
    (
      "cholesky",
      """
      ml.cholesky(A) -> L; A:cholesky() -> L
        The lower-triangular L with L L^T = A for a symmetric positive
        definite A, read from its lower triangle (LAPACK dpotrf); an error
        if A is not positive definite.
        Example: local L = ml.cholesky(S)
      """,
      { call throws(LuaError) in
        let a = try call.object(Matrix.self, 1)
        try call.push(matrix: try core { try a.cholesky() })
        return 1
      }
    ),
    (
      "qr",
      """
      ml.qr(A) -> Q, R; A:qr() -> Q, R
        The reduced QR decomposition A = Q R of an m x n matrix: Q is
        m x k with orthonormal columns and R is k x n upper triangular,
        k = min(m, n) (Householder, LAPACK dgeqrf and dorgqr). Signs of
        Q's columns follow LAPACK.
        Example: local Q, R = ml.qr(X)
      """,
      { call throws(LuaError) in
        let a = try call.object(Matrix.self, 1)
        let (q, r) = try core { try a.qr() }
        try call.push(matrix: q)
        try call.push(matrix: r)
        return 2
      }
    ),
    (
      "svd",
      """
      ml.svd(A [, {full = true}]) -> U, S, Vt; A:svd(...) -> U, S, Vt
        The singular value decomposition A = U diag(S) Vt (LAPACK dgesdd):
        reduced by default (U m x k, S a vector of k descending, Vt
        k x n, k = min(m, n)); full = true gives U m x m and Vt n x n.
        Example: local U, S, Vt = ml.svd(X)
      """,
      { call throws(LuaError) in
        let a = try call.object(Matrix.self, 1)
        if !call.isNil(2) { try call.checkTable(2) }
        let full = call.booleanOption(2, "full")
        let (u, s, vt) = try core { try a.svd(full: full) }
        try call.push(matrix: u)
        try call.push(matrix: s)
        try call.push(matrix: vt)
        return 3
      }
    ),
    (
      "eigh",
      """
      ml.eigh(A) -> values, vectors; A:eigh() -> values, vectors
        The eigenvalues (a vector, ascending) and eigenvectors (the
        columns of an n x n matrix, column i for value i) of a symmetric
        matrix, read from its lower triangle (LAPACK dsyevd).
        Example: local values, vectors = ml.eigh(covariance)
      """,
      { call throws(LuaError) in
        let a = try call.object(Matrix.self, 1)
        let (values, vectors) = try core { try a.eigh() }
        try call.push(matrix: values)
        try call.push(matrix: vectors)
        return 2
      }
    ),
  ]

  static func addLinearAlgebra(_ matrix: LuaClass<Matrix>) {
    for (name, help, body) in linearAlgebra {
      matrix.method(name, help: help) { call, _ throws(LuaError) in
        try body(call)
      }
    }
  }

  // MARK: Files

  static func addStorage(_ matrix: LuaClass<Matrix>) {
    matrix.method(
      "save",
      help: """
        m:save(path) -> m
          Writes the matrix to path in nightjar's NJMX binary format
          (exact values, shape included), replacing the file atomically;
          read it back with ml.Matrix.load(path).
          Example: X:save("features.njmx")
        """
    ) { call, m throws(LuaError) in
      let path = try call.string(2)
      try core { try m.save(to: path) }
      return returnSelf(call)
    }
    matrix.method(
      "to_csv",
      help: """
        m:to_csv(path [, header]) -> m
          Writes comma-separated text, one line per row (a vector as one
          column), after a header line when header (a table of names, one
          per column) is given. Numbers read back exactly; nan is an empty
          field. The file is replaced atomically.
          Example: X:to_csv("X.csv", {"age", "income"})
        """
    ) { call, m throws(LuaError) in
      let path = try call.string(2)
      var header: [String]?
      if !call.isNil(3) {
        try call.checkTable(3)
        header = try readStrings(call, 3, operation: "to_csv")
      }
      try core { try m.writeCSV(to: path, header: header) }
      return returnSelf(call)
    }
  }

  /// The strings of the sequence at `index`: `to_csv: header element [2]
  /// is a number, expected a string` otherwise.
  private static func readStrings(
    _ call: LuaCall, _ index: Int32, operation: String
  ) throws(LuaError) -> [String] {
    let L = call.L
    let table = lua_absindex(L, index)
    let count = Int(lua_rawlen(L, table))
    var names = [String]()
    for j in 1..<(count + 1) {
      let kind = lua_rawgeti(L, table, lua_Integer(j))  // [+1]
      let name = luaString(L, -1)
      luaPop(L, 1)  // [-1]
      guard let name else {
        throw LuaError.message(
          "\(operation): header element [\(j)] is a \(typeName(L, kind)), "
            + "expected a string")
      }
      names.append(name)
    }
    return names
  }

  // MARK: ml functions

  /// The matrices in the table at `index`: `hstack: element [2] is a
  /// table, expected a Matrix` otherwise.
  private static func readMatrices(
    _ call: LuaCall, _ index: Int32, operation: String
  ) throws(LuaError) -> [Matrix] {
    try call.checkTable(index)
    let L = call.L
    let table = lua_absindex(L, index)
    let count = Int(lua_rawlen(L, table))
    var parts = [Matrix]()
    for j in 1..<(count + 1) {
      _ = lua_rawgeti(L, table, lua_Integer(j))  // [+1]
      let part = call.optionalObject(Matrix.self, -1)
      let found = call.typeName(-1)
      luaPop(L, 1)  // [-1]
      guard let part else {
        throw LuaError.message(
          "\(operation): element [\(j)] is a \(found), expected a Matrix")
      }
      parts.append(part)
    }
    return parts
  }

  /// ml.concat on a list of matrices (the DataFrame binding sends lists
  /// that do not start with a DataFrame here).
  static func concat(_ call: LuaCall) throws(LuaError) -> Int32 {
    let parts = try readMatrices(call, 1, operation: "concat")
    let axis = try call.axis(2) ?? .rows
    try call.push(
      matrix: try core { try Matrix.concatenate(parts, axis: axis) })
    return 1
  }

  static func defineFunctions(in state: LuaState) {
    state.define(
      "hstack", group: "Matrix",
      help: """
        ml.hstack{A, B, ...} -> Matrix
          The matrices side by side (same number of rows); a vector of n
          counts as an n x 1 column. Vectors only give one long vector.
          Example: local Xb = ml.hstack{ml.Matrix.ones(X.rows), X}
        """
    ) { call throws(LuaError) in
      let parts = try readMatrices(call, 1, operation: "hstack")
      try call.push(matrix: try core { try Matrix.hstack(parts) })
      return 1
    }
    state.define(
      "vstack", group: "Matrix",
      help: """
        ml.vstack{A, B, ...} -> Matrix
          The matrices one above the other (same number of columns); a
          vector of n counts as a 1 x n row.
          Example: local all = ml.vstack{train, test}
        """
    ) { call throws(LuaError) in
      let parts = try readMatrices(call, 1, operation: "vstack")
      try call.push(matrix: try core { try Matrix.vstack(parts) })
      return 1
    }
    state.define(
      "concat", group: "Matrix",
      help: """
        ml.concat({A, B, ...} [, axis]) -> Matrix
          Joins along axis 1 (default: rows after rows, as vstack; vectors
          join into one long vector) or axis 2 (side by side, as hstack).
          Example: ml.concat({A, B}, 2)
        """
    ) { call throws(LuaError) in try concat(call) }
    state.define(
      "where", group: "Matrix",
      help: """
        ml.where(mask, a, b) -> Matrix
          a where mask is non-zero, b elsewhere; a and b are matrices or
          numbers, and all three broadcast together.
          Example: ml.where(x:lt(0), 0, x)   -- negative values to 0
        """
    ) { call throws(LuaError) in
      let mask = try call.object(Matrix.self, 1)
      let a = try call.matrixOrNumber(2)
      let b = try call.matrixOrNumber(3)
      try call.push(matrix: try core { try Matrix.where(mask, a, b) })
      return 1
    }
    for (name, help, body) in linearAlgebra {
      state.define(name, group: "Linear algebra", help: help, body)
    }
  }
}
