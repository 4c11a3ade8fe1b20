// Products of the input columns up to a degree.

/// Appends the products of the input columns up to `degree`, as
/// scikit-learn's PolynomialFeatures: for columns a, b and degree 2 the
/// output columns are 1, a, b, a^2, a b, b^2, in scikit-learn's order
/// (by degree, then as combinations with replacement of the columns).
/// `interactionOnly` keeps the products of distinct columns (a b, not
/// a^2); `includeBias` the leading column of ones.
///
/// Each product is formed as scikit-learn forms it, the product of
/// degree d - 1 times one more column, so the results have its bits.
/// NaN and infinity are errors (scikit-learn's rule). X is rows x
/// features (a vector is one feature); the output has
/// sum over d of C(n + d - 1, d) columns (C(n, d) with interactionOnly),
/// which grows fast: more than `columnLimit` is an error.
public final class PolynomialFeatures: Transformer, Persistable {
  public static let name = "PolynomialFeatures"

  /// The largest total degree, >= 0. Default 2.
  public var degree = 2
  /// Only products of distinct columns. Default false.
  public var interactionOnly = false
  /// Start with a column of ones. Default true.
  public var includeBias = true

  /// The number of input features seen by `fit` (0 before).
  public internal(set) var featureCount = 0
  /// The number of output columns, after fit.
  public internal(set) var outputWidth = 0
  private var steps: [Step] = []

  /// One block of products: `count` output columns from `target` on are
  /// the columns from `source` on times input column `feature`.
  struct Step {
    let target: Int
    let source: Int
    let count: Int
    let feature: Int
  }

  /// The most output columns `fit` plans (2^24): past that a single
  /// row takes 128 MB, and a degree typed by mistake would exhaust
  /// memory before any error.
  public static let columnLimit = 1 << 24

  public init() {}

  public var isFitted: Bool { featureCount > 0 }

  public var parameters: [String: ParameterValue] {
    ["degree": .number(Double(degree)),
     "interaction_only": .boolean(interactionOnly),
     "include_bias": .boolean(includeBias)]
  }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    switch name {
    case "degree":
      let whole = try value.integer(for: name, in: Self.name)
      guard whole >= 0 else {
        throw .invalidArgument(
          operation: Self.name,
          message: "'degree' must be a whole number >= 0, got \(value)")
      }
      degree = whole
    case "interaction_only":
      interactionOnly = try value.boolean(for: name, in: Self.name)
    case "include_bias":
      includeBias = try value.boolean(for: name, in: Self.name)
    default: throw Self.unknownParameter(name)
    }
  }

  public func cloned() -> PolynomialFeatures {
    let copy = PolynomialFeatures()
    copy.degree = degree
    copy.interactionOnly = interactionOnly
    copy.includeBias = includeBias
    return copy
  }

  /// Records the number of features and plans the products.
  public func fit(_ x: Matrix, target y: Target? = nil) throws(NightjarError)
  {
    try PreprocessingInput.check(x, "fit", allowNaN: false)
    try plan(features: PreprocessingInput.shape(x).columns)
  }

  /// Plans the products for `features` columns: scikit-learn's loop
  /// over degrees, where the block of degree d for column f multiplies
  /// the degree d - 1 columns that start with column f (or after it,
  /// for interactions only) by column f.
  private func plan(features: Int) throws(NightjarError) {
    guard degree > 0 || includeBias else {
      throw .invalidArgument(
        operation: "fit",
        message: "degree 0 without include_bias leaves no column")
    }
    let tooMany = NightjarError.invalidArgument(
      operation: "fit",
      message: "degree \(degree) on \(features) columns makes more than "
        + "\(Self.columnLimit) columns")
    // Products of distinct columns stop at the number of columns.
    let top = interactionOnly ? Swift.min(degree, features) : degree
    guard Self.outputCount(features, top, interactionOnly, includeBias)
      != nil
    else { throw tooMany }
    var steps: [Step] = []
    var column = includeBias ? 1 : 0
    if degree >= 1 {
      var index = Array(column..<(column + features))
      column += features
      index.append(column)
      for _ in stride(from: 2, through: top, by: 1) {
        try Cancellation.check()
        var next: [Int] = []
        let end = index[index.count - 1]
        for feature in 0..<features where feature + 1 < index.count {
          var start = index[feature]
          next.append(column)
          if interactionOnly { start += index[feature + 1] - index[feature] }
          let (after, overflow) = column.addingReportingOverflow(end - start)
          guard !overflow, after <= Self.columnLimit else { throw tooMany }
          if after <= column { break }
          steps.append(Step(
            target: column, source: start, count: end - start,
            feature: feature))
          column = after
        }
        next.append(column)
        index = next
      }
    }

    self.steps = steps
    featureCount = features
    outputWidth = column
  }

  /// The number of output columns, or nil past `columnLimit`: the sum
  /// over degrees d <= `top` of C(n + d - 1, d) (C(n, d) for
  /// interactions only), each term from the last by one multiplication
  /// and exact division. Few rounds: the terms grow with d, except for
  /// one column, which has one term per degree.
  static func outputCount(
    _ n: Int, _ top: Int, _ interactionOnly: Bool, _ includeBias: Bool
  ) -> Int? {
    var total = includeBias ? 1 : 0
    guard top >= 1 else { return total }
    if n == 1 && !interactionOnly {
      return top <= columnLimit - total ? total + top : nil
    }
    var terms = 1
    for d in 1...top {
      let factor = interactionOnly ? n - d + 1 : n + d - 1
      let (product, overflow) = terms.multipliedReportingOverflow(by: factor)
      guard !overflow else { return nil }
      terms = product / d
      total += terms
      guard total <= columnLimit else { return nil }
    }
    return total
  }

  /// The products of the rows of X: rows x outputWidth.
  public func transform(_ x: Matrix) throws(NightjarError) -> Matrix {
    guard isFitted else { throw Self.notFitted("transform") }
    try PreprocessingInput.check(x, "transform", allowNaN: false)
    try PreprocessingInput.columns(
      x, expected: featureCount, noun: "transformer", "transform")

    let rows = PreprocessingInput.shape(x).rows
    let result = try Matrix(
      uninitializedRows: rows, columns: outputWidth, operation: "transform")
    let features = featureCount
    let bias = includeBias
    let linear = degree >= 1
    let steps = self.steps
    let width = outputWidth
    try PreprocessingInput.forEachRowBlock(x, into: result) {
      input, output, count in
      for i in 0..<count {
        let row = input + i * features
        let out = output + i * width
        if bias { out[0] = 1 }
        if linear { (out + (bias ? 1 : 0)).update(from: row, count: features) }
        for step in steps {
          let factor = row[step.feature]
          for k in 0..<step.count {
            out[step.target + k] = out[step.source + k] * factor
          }
        }
      }
    }
    return result
  }

  /// The exponent of each input column in each output column:
  /// outputWidth x features (scikit-learn's `powers_`).
  public func powers() throws(NightjarError) -> Matrix {
    guard isFitted else { throw Self.notFitted("powers_") }
    let features = featureCount
    let result = try Matrix.zeros(outputWidth, features)
    let base = result.base
    let first = includeBias ? 1 : 0
    if degree >= 1 {
      for feature in 0..<features {
        base[(first + feature) * features + feature] = 1
      }
    }
    for step in steps {
      for k in 0..<step.count {
        let target = base + (step.target + k) * features
        target.update(from: base + (step.source + k) * features,
                      count: features)
        target[step.feature] += 1
      }
    }
    return result
  }

  /// The output column names: `1`, `x0`, `x0^2`, `x0 x1`, from the
  /// input names (default `x0`, `x1`, ... as scikit-learn).
  public func featureNames(input: [String]? = nil) throws(NightjarError)
    -> [String]
  {
    let powers = try self.powers()
    let names = try CategoryIndex.inputNames(input, count: featureCount)
    return powers.toRowArrays().map { exponents in
      let factors = exponents.enumerated().compactMap {
        feature, exponent -> String? in
        guard exponent > 0 else { return nil }
        return exponent == 1
          ? names[feature] : "\(names[feature])^\(Int(exponent))"
      }
      return factors.isEmpty ? "1" : factors.joined(separator: " ")
    }
  }

  public func fittedState() throws(NightjarError) -> JSON? {
    guard isFitted else { return nil }
    return .object([("n_features_in", .number(Double(featureCount)))])
  }

  public func restore(_ state: JSON) throws(NightjarError) {
    guard let count = state["n_features_in"]?.number
      .flatMap({ Int(exactly: $0) }), count > 0, count < Self.columnLimit
    else {
      throw ModelFile.corrupt("PolynomialFeatures: missing 'n_features_in'")
    }
    try plan(features: count)
  }
}
