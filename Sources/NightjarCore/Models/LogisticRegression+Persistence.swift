// Saving and restoring a fitted LogisticRegression.

extension LogisticRegression: Persistable {
  public func fittedState() throws(NightjarError) -> JSON? {
    guard let coefficients, let classes else { return nil }
    var members: [(String, JSON)] = [
      ("classes", JSON(classes)), ("coef", JSON(coefficients)),
      ("intercept", .array(intercepts.map { .number($0) })),
      ("n_iter", .number(Double(iterations))),
      ("converged", .bool(converged)),
    ]
    if case .table(let table) = classWeight {
      members.append(
        ("class_weight", .object(table.keys.sorted().map {
          ($0, .number(table[$0] ?? 1))
        })))
    }
    return .object(members)
  }

  public func restore(_ state: JSON) throws(NightjarError) {
    let classes = try state["classes"]?.labels("classes")
    let coefficients = try state["coef"]?.matrix("coef")
    guard let classes, let coefficients,
      let intercepts = state["intercept"]?.numbers
    else { throw ModelFile.corrupt("LogisticRegression: missing state") }
    let outputs = classes.count == 2 ? 1 : classes.count
    guard classes.count >= 2, coefficients.rows == outputs,
      intercepts.count == outputs
    else {
      throw ModelFile.corrupt(
        "LogisticRegression: \(classes.count) classes but coef is "
          + "\(coefficients.shapeText) and \(intercepts.count) intercepts")
    }
    if case .object(let table)? = state["class_weight"] {
      var weights: [String: Double] = [:]
      for (label, weight) in table { weights[label] = weight.number ?? 1 }
      classWeight = .table(weights)
    }
    self.classes = classes
    self.coefficients = coefficients
    self.intercepts = intercepts
    // Int(exactly:) rather than Int(): a damaged file's NaN or huge
    // count must be an error, never a crash.
    guard let count = Int(exactly: state["n_iter"]?.number ?? 0) else {
      throw ModelFile.corrupt("LogisticRegression: 'n_iter' is not a count")
    }
    iterations = count
    if case .bool(let flag)? = state["converged"] { converged = flag }
  }
}
