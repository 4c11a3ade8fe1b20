// Saving and restoring fitted LinearRegression, Ridge, Lasso and
// ElasticNet models.

extension LinearFit {
  /// {"coef": vector, "intercept": number}, the members every linear
  /// regressor writes first.
  var members: [(String, JSON)] {
    let vector = coefficientVector().map { JSON($0) }
      ?? .array(coefficients.map { .number($0) })
    return [("coef", vector), ("intercept", .number(intercept))]
  }

  /// The fit written by `members`: coef must be a vector (one value per
  /// feature) and intercept a number; `kind` names the model in errors
  /// (`Ridge: 'coef' must be a vector of features, got 2x3`).
  static func restore(_ state: JSON, kind: String) throws(NightjarError)
    -> LinearFit
  {
    guard let coef = state["coef"] else {
      throw ModelFile.corrupt("\(kind): missing 'coef'")
    }
    let matrix = try coef.matrix("coef")
    guard matrix.isVector || matrix.columns == 1 else {
      throw ModelFile.corrupt(
        "\(kind): 'coef' must be a vector of features, got "
          + matrix.shapeText)
    }
    guard let intercept = state["intercept"]?.number else {
      throw ModelFile.corrupt("\(kind): missing 'intercept'")
    }
    return LinearFit(coefficients: matrix.toArray(), intercept: intercept)
  }
}

/// A whole number member of a model file, at least `minimum`.
private func count(
  _ state: JSON, _ key: String, kind: String, minimum: Int = 0
) throws(NightjarError) -> Int {
  guard let value = state[key]?.number, let whole = Int(exactly: value),
    whole >= minimum
  else {
    throw ModelFile.corrupt(
      "\(kind): '\(key)' must be a whole number >= \(minimum)")
  }
  return whole
}

extension LinearRegression: Persistable {
  /// coef, intercept, rank and the singular values; nil before `fit`.
  public func fittedState() throws(NightjarError) -> JSON? {
    guard let fitted else { return nil }
    var members = fitted.members
    members.append(("rank", .number(Double(rank))))
    if let singularValues {
      members.append(("singular", JSON(singularValues)))
    }
    return .object(members)
  }

  /// Restores what `fittedState` wrote; rank must not exceed the number
  /// of singular values, which must not exceed the number of features.
  public func restore(_ state: JSON) throws(NightjarError) {
    let fit = try LinearFit.restore(state, kind: Self.name)
    let rank = try count(state, "rank", kind: Self.name)
    var singular: Matrix?
    if let member = state["singular"] {
      let values = try member.matrix("singular")
      guard values.count <= fit.coefficients.count, rank <= values.count
      else {
        throw ModelFile.corrupt(
          "\(Self.name): \(fit.coefficients.count) coefficients, "
            + "\(values.count) singular values and rank \(rank) do not "
            + "fit together")
      }
      singular = values
    }
    fitted = fit
    self.rank = rank
    singularValues = singular
  }
}

extension Ridge: Persistable {
  /// coef and intercept; nil before `fit`.
  public func fittedState() throws(NightjarError) -> JSON? {
    fitted.map { .object($0.members) }
  }

  /// Restores what `fittedState` wrote.
  public func restore(_ state: JSON) throws(NightjarError) {
    fitted = try LinearFit.restore(state, kind: Self.name)
  }
}

extension ElasticNetFit {
  /// coef, intercept, n_iter and dual_gap.
  var state: JSON {
    .object(linear.members + [
      ("n_iter", .number(Double(iterations))), ("dual_gap", .number(dualGap)),
    ])
  }

  /// The fit written by `state`.
  static func restore(_ state: JSON, kind: String) throws(NightjarError)
    -> ElasticNetFit
  {
    let linear = try LinearFit.restore(state, kind: kind)
    let iterations = try count(state, "n_iter", kind: kind)
    guard let gap = state["dual_gap"]?.number else {
      throw ModelFile.corrupt("\(kind): missing 'dual_gap'")
    }
    return ElasticNetFit(linear: linear, iterations: iterations, dualGap: gap)
  }
}

extension Lasso: Persistable {
  /// coef, intercept, n_iter and dual_gap; nil before `fit`.
  public func fittedState() throws(NightjarError) -> JSON? {
    fitted?.state
  }

  /// Restores what `fittedState` wrote.
  public func restore(_ state: JSON) throws(NightjarError) {
    fitted = try ElasticNetFit.restore(state, kind: Self.name)
  }
}

extension ElasticNet: Persistable {
  /// coef, intercept, n_iter and dual_gap; nil before `fit`.
  public func fittedState() throws(NightjarError) -> JSON? {
    fitted?.state
  }

  /// Restores what `fittedState` wrote.
  public func restore(_ state: JSON) throws(NightjarError) {
    fitted = try ElasticNetFit.restore(state, kind: Self.name)
  }
}
