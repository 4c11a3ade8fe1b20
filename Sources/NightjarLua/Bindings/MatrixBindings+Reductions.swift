// ml.Matrix methods: reductions, order statistics and shape changes.

import CLua
import CLuaShim
import NightjarCore

extension MatrixBindings {
  /// Adds a reduction: a number without an axis, a vector with one.
  private static func reduction(
    _ matrix: LuaClass<Matrix>, _ name: String, help: String,
    all: @escaping (Matrix) throws -> Double,
    along: @escaping (Matrix, Matrix.Axis) throws -> Matrix
  ) {
    matrix.method(name, help: help) { call, m throws(LuaError) in
      if let axis = try call.axis(2) {
        try call.push(matrix: try core { try along(m, axis) })
      } else {
        call.push(try core { try all(m) })
      }
      return 1
    }
  }

  /// The axis and ddof of var and std: (axis, ddof), (axis, {ddof = d})
  /// or ({ddof = d}).
  private static func axisAndDdof(
    _ call: LuaCall
  ) throws(LuaError) -> (Matrix.Axis?, Int) {
    if call.type(2) == LUA_TTABLE {
      return (nil, try ddof(call, 2))
    }
    let axis = try call.axis(2)
    if call.type(3) == LUA_TTABLE { return (axis, try ddof(call, 3)) }
    return (axis, try call.integer(3, or: 0))
  }

  private static func ddof(
    _ call: LuaCall, _ index: Int32
  ) throws(LuaError) -> Int {
    guard let value = try call.numberOption(index, "ddof") else { return 0 }
    guard let whole = Int(exactly: value) else {
      throw call.argumentError(index, "option 'ddof' must be an integer")
    }
    return whole
  }

  static func addReductions(_ matrix: LuaClass<Matrix>) {
    reduction(
      matrix, "sum",
      help: """
        m:sum([axis]) -> number or vector
          The sum of all elements, or along an axis: 1 sums each column
          (down the rows), 2 each row. Pairwise summation: accurate and
          the same on any number of cores.
          Example: X:sum(1)   -- column totals
        """, all: { try $0.sum() }, along: { try $0.sum(over: $1) })
    reduction(
      matrix, "mean",
      help: """
        m:mean([axis]) -> number or vector
          The mean of all elements, or per column (axis 1) or row (axis 2);
          nan for an empty matrix.
          Example: local centered = X - X:mean(1)
        """, all: { try $0.mean() }, along: { try $0.mean(over: $1) })
    for (name, isStd) in [("var", false), ("std", true)] {
      matrix.method(
        name,
        help: """
          m:\(name)([axis] [, ddof]) -> number or vector
            The \(isStd ? "standard deviation" : "variance") of all
            elements, or per column (axis 1) or row (axis 2), dividing by
            n - ddof: ddof 0 by default (population, as NumPy), 1 for the
            sample; ddof may also be given as {ddof = 1}. nan when
            n - ddof <= 0.
            Example: X:\(name)(1, {ddof = 1})
          """
      ) { call, m throws(LuaError) in
        let (axis, ddof) = try axisAndDdof(call)
        if let axis {
          try call.push(
            matrix: try core {
              isStd
                ? try m.standardDeviation(over: axis, ddof: ddof)
                : try m.variance(over: axis, ddof: ddof)
            })
        } else {
          call.push(
            try core {
              isStd
                ? try m.standardDeviation(ddof: ddof)
                : try m.variance(ddof: ddof)
            })
        }
        return 1
      }
    }
    reduction(
      matrix, "min",
      help: """
        m:min([axis]) -> number or vector
          The least element, or per column (axis 1) or row (axis 2); nan
          if a nan is among them. An error for an empty matrix.
          Example: X:min(1)
        """, all: { try $0.minimum() }, along: { try $0.minimum(over: $1) })
    reduction(
      matrix, "max",
      help: """
        m:max([axis]) -> number or vector
          The greatest element, or per column (axis 1) or row (axis 2);
          nan if a nan is among them. An error for an empty matrix.
          Example: scores:max()
        """, all: { try $0.maximum() }, along: { try $0.maximum(over: $1) })
    addArgExtremes(matrix)
    reduction(
      matrix, "median",
      help: """
        m:median([axis]) -> number or vector
          The median (the mean of the two middle values for an even
          count), of all elements or per column (axis 1) or row (axis 2);
          nan if a nan is among them or the matrix is empty.
          Example: X:median(1)
        """, all: { try $0.median() }, along: { try $0.median(over: $1) })
    matrix.method(
      "quantile",
      help: """
        m:quantile(q [, axis]) -> number or vector
          The q-quantile, q in [0, 1], interpolating linearly between the
          sorted values as NumPy's default; of all elements or per column
          (axis 1) or row (axis 2); nan if a nan is among them.
          Example: x:quantile(0.95)
        """
    ) { call, m throws(LuaError) in
      let q = try call.number(2)
      if let axis = try call.axis(3) {
        try call.push(matrix: try core { try m.quantile(q, over: axis) })
      } else {
        call.push(try core { try m.quantile(q) })
      }
      return 1
    }
    addCounts(matrix)
    addOrdering(matrix)
  }

  private static func addArgExtremes(_ matrix: LuaClass<Matrix>) {
    for (name, greatest) in [("argmin", false), ("argmax", true)] {
      let which = greatest ? "greatest" : "least"
      matrix.method(
        name,
        help: """
          m:\(name)([axis]) -> i, j / i / vector
            Where the \(which) element is, counting from 1 (the first on
            ties, the first nan if any): its row and column for a matrix,
            its index for a vector; with an axis, the row of the \(which)
            element of each column (axis 1) or the column in each row
            (axis 2), as a vector.
            Example: local class = probabilities:\(name)(2)
          """
      ) { call, m throws(LuaError) in
        if let axis = try call.axis(2) {
          try call.push(
            matrix: try core {
              try
                (greatest
                ? m.argmax(over: axis) : m.argmin(over: axis)) + 1
            })
          return 1
        }
        let offset = try core {
          greatest ? try m.argmax() : try m.argmin()
        }
        if m.isVector {
          call.push(offset + 1)
          return 1
        }
        call.push(offset / m.columns + 1)
        call.push(offset % m.columns + 1)
        return 2
      }
    }
  }

  private static func addCounts(_ matrix: LuaClass<Matrix>) {
    matrix.method(
      "cumsum",
      help: """
        m:cumsum([axis]) -> Matrix or vector
          Running sums: over all elements row by row as a vector, or down
          each column (axis 1) or along each row (axis 2), keeping the
          shape.
          Example: returns:cumsum()
        """
    ) { call, m throws(LuaError) in
      let axis = try call.axis(2)
      try call.push(matrix: try core { try m.cumsum(over: axis) })
      return 1
    }
    matrix.method(
      "norm",
      help: """
        m:norm([ord]) -> number
          A norm: "fro" (default; for a vector the Euclidean norm, also
          ord 2), 1 (a vector: the sum of |x|; a matrix: the largest
          column sum of |x|) or "inf" / math.huge (a vector: the largest
          |x|; a matrix: the largest row sum of |x|).
          Example: (w1 - w0):norm()
        """
    ) { call, m throws(LuaError) in
      let kind = try normKind(call, 2, m)
      call.push(try core { try m.norm(kind) })
      return 1
    }
    reduction(
      matrix, "count_nonzero",
      help: """
        m:count_nonzero([axis]) -> number or vector
          How many elements are not 0 (nan counts), in all or per column
          (axis 1) or row (axis 2).
          Example: predictions:eq(y):count_nonzero()
        """, all: { Double(try $0.countNonzero()) },
      along: { try $0.countNonzero(over: $1) })
    for (name, isAll) in [("any", false), ("all", true)] {
      matrix.method(
        name,
        help: """
          m:\(name)([axis]) -> boolean or vector
            Whether \(isAll ? "every" : "any") element is non-zero (nan
            counts as non-zero); with an axis, a 0/1 vector per column
            (axis 1) or row (axis 2).\(isAll ? " True when empty." : "")
            Example: X:isnan():\(name)()
          """
      ) { call, m throws(LuaError) in
        if let axis = try call.axis(2) {
          try call.push(
            matrix: try core {
              isAll ? try m.all(over: axis) : try m.any(over: axis)
            })
        } else {
          call.push(try core { isAll ? try m.all() : try m.any() })
        }
        return 1
      }
    }
  }

  /// The norm named by argument `index`: nil, "fro", 2 (vectors), 1,
  /// "inf" or math.huge.
  private static func normKind(
    _ call: LuaCall, _ index: Int32, _ m: Matrix
  ) throws(LuaError) -> Matrix.Norm {
    if call.isNil(index) { return .frobenius }
    if call.type(index) == LUA_TSTRING {
      switch try call.option(index, ["fro", "inf"]) {
      case "inf": return .infinity
      default: return .frobenius
      }
    }
    let order = try call.number(index)
    if order == 1 { return .one }
    if order == .infinity { return .infinity }
    if order == 2 && m.isVector { return .frobenius }
    throw call.argumentError(
      index, "norm must be \"fro\", 1 or \"inf\"" + (m.isVector ? ", or 2" : "")
    )
  }

  private static func addOrdering(_ matrix: LuaClass<Matrix>) {
    matrix.method(
      "sort",
      help: """
        m:sort([axis]) -> Matrix or vector
          The values in ascending order, nan last: all elements as a
          vector, or each column (axis 1) or row (axis 2) sorted in place
          of the original, keeping the shape.
          Example: scores:sort()
        """
    ) { call, m throws(LuaError) in
      let axis = try call.axis(2)
      try call.push(matrix: try core { try m.sorted(over: axis) })
      return 1
    }
    matrix.method(
      "argsort",
      help: """
        m:argsort([axis]) -> Matrix or vector
          The indices (from 1) that sort the values ascending, nan last,
          equal values in their original order (stable): over all
          elements as a vector, or per column (axis 1, row indices) or
          row (axis 2, column indices).
          Example: local order = scores:argsort(); X:index(order:totable())
        """
    ) { call, m throws(LuaError) in
      let axis = try call.axis(2)
      try call.push(matrix: try core { try m.argsort(over: axis) + 1 })
      return 1
    }
    matrix.method(
      "unique",
      help: """
        m:unique() -> values, counts
          The distinct values in ascending order and how many times each
          occurs, as two vectors; all nans count as one value, last.
          Example: local classes, counts = y:unique()
        """
    ) { call, m throws(LuaError) in
      let (values, counts) = try core { try m.unique() }
      try call.push(matrix: values)
      try call.push(matrix: counts)
      return 2
    }
  }

  // MARK: Shape

  static func addShape(_ matrix: LuaClass<Matrix>) {
    matrix.method(
      "reshape",
      help: """
        m:reshape(rows, cols) -> Matrix; m:reshape(n) -> vector
          The same elements, row by row, in a new shape; one dimension may
          be -1 and is then inferred.
          Example: ml.Matrix.arange(6):reshape(2, -1)
        """
    ) { call, m throws(LuaError) in
      let first = try call.integer(2)
      if call.isNil(3) {
        try call.push(matrix: try core { try m.reshape(first) })
      } else {
        let second = try call.integer(3)
        try call.push(matrix: try core { try m.reshape(first, second) })
      }
      return 1
    }
    unary(
      matrix, "flatten",
      help: "m:flatten() -> vector\n  All elements, row by row, as a vector.\n"
        + "  Example: m:flatten():sort()"
    ) { try $0.flatten() }
    matrix.method(
      "insert",
      help: """
        m:insert(pos, values [, axis]) -> Matrix
          A copy with values inserted before position pos (1 to n + 1;
          n + 1 appends): rows by default (axis 1) or columns (axis 2).
          values is a number (one row or column of it), a vector (one row
          or column) or a matrix of several. For a vector, elements.
          Example: X:insert(1, 1, 2)   -- a first column of ones
        """
    ) { call, m throws(LuaError) in
      let position = try call.integer(2)
      let values = try call.matrixOrNumber(3)
      let axis = try call.axis(4) ?? .rows
      let length = axis == .rows && !m.isVector ? m.rows : m.columns
      try call.push(
        matrix: try core {
          try m.inserting(
            values,
            at: try Matrix.resolveInsertPosition(position, count: length),
            axis: axis)
        })
      return 1
    }
    let repeatBody: LuaClass<Matrix>.Method = { call, m throws(LuaError) in
      let times = try call.integer(2)
      let axis = try call.axis(3)
      try call.push(matrix: try core { try m.repeated(times, over: axis) })
      return 1
    }
    let repeatHelp = """
      m:rep(n [, axis]) -> Matrix or vector
        Each element repeated n times, as a vector (no axis); or each row
        (axis 1) or column (axis 2) repeated n times in place. NumPy's
        repeat: "repeat" is a Lua keyword, so call m:rep(...) (or
        m["repeat"](m, ...)).
        Example: ml.Matrix{1, 2}:rep(2)   --> 1 1 2 2
      """
    matrix.method("rep", help: repeatHelp, repeatBody)
    matrix.method("repeat", help: repeatHelp, repeatBody)
    matrix.method(
      "tile",
      help: """
        m:tile(rows, cols) -> Matrix; v:tile(n) -> vector
          The whole matrix repeated rows times downwards and cols times
          across; a vector repeated n times end to end.
          Example: ml.Matrix{1, 2}:tile(3)   --> 1 2 1 2 1 2
        """
    ) { call, m throws(LuaError) in
      let first = try call.integer(2)
      if m.isVector && call.isNil(3) {
        try call.push(matrix: try core { try m.tiled(rows: 1, columns: first) })
        return 1
      }
      let second = try call.integer(3)
      try call.push(
        matrix: try core { try m.tiled(rows: first, columns: second) })
      return 1
    }
  }
}
