// What an estimator provides to be saved in a model file.

/// An estimator whose fitted state can be written to a model file and
/// read back. Hyper-parameters are saved by the file itself (from
/// `parameters`); this is the rest: coefficients, classes, statistics.
public protocol Persistable: Estimator {
  /// A new estimator with default hyper-parameters.
  init()
  /// The fitted state, or nil when not fitted.
  func fittedState() throws(NightjarError) -> JSON?
  /// Restores what `fittedState` wrote; errors name what is missing or
  /// inconsistent (shapes that do not fit together).
  func restore(_ state: JSON) throws(NightjarError)
}

extension JSON {
  /// A matrix as {"rows", "columns", "vector", "data"}.
  public init(_ matrix: Matrix) {
    self = .object([
      ("rows", .number(Double(matrix.rows))),
      ("columns", .number(Double(matrix.columns))),
      ("vector", .bool(matrix.isVector)),
      ("data", .array(matrix.toArray().map { .number($0) })),
    ])
  }

  /// Labels as {"numbers": [...]} or {"strings": [...]}.
  public init(_ labels: Labels) {
    switch labels {
    case .numbers(let values):
      self = .object([("numbers", .array(values.map { .number($0) }))])
    case .strings(let values):
      self = .object([("strings", .array(values.map { .string($0) }))])
    }
  }

  /// The matrix written by `init(_: Matrix)`; `what` names it in errors.
  public func matrix(_ what: String) throws(NightjarError) -> Matrix {
    guard let rows = self["rows"]?.number.flatMap({ Int(exactly: $0) }),
      let columns = self["columns"]?.number.flatMap({ Int(exactly: $0) }),
      let data = self["data"]?.numbers, rows >= 0, columns >= 0,
      !rows.multipliedReportingOverflow(by: columns).overflow,
      data.count == rows * columns
    else { throw ModelFile.corrupt("'\(what)' is not a matrix") }
    if case .bool(true)? = self["vector"] { return try Matrix(vector: data) }
    return try Matrix(rows, columns, values: data)
  }

  /// The labels written by `init(_: Labels)`.
  public func labels(_ what: String) throws(NightjarError) -> Labels {
    if let numbers = self["numbers"]?.numbers { return .numbers(numbers) }
    if case .array(let items)? = self["strings"] {
      var strings: [String] = []
      for item in items {
        guard case .string(let text) = item else { break }
        strings.append(text)
      }
      if strings.count == items.count { return .strings(strings) }
    }
    throw ModelFile.corrupt("'\(what)' is not a list of labels")
  }
}
