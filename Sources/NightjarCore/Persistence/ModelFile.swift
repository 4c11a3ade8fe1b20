// Model files: a versioned, human-readable JSON document per estimator.

/// Saves and loads estimators and pipelines.
///
/// A model file is JSON, indented, so it can be read and diffed:
///
///     {
///       "format": "nightjar-model",
///       "version": 1,
///       "kind": "LogisticRegression",
///       "parameters": {"C": 1, "penalty": "l2", ...},
///       "fitted": {... the estimator's fitted state, or null ...}
///     }
///
/// A pipeline's "fitted" holds its steps, each a document of this form
/// without "format" and "version". Numbers are written in their shortest
/// form that reads back exactly, so a loaded model predicts bit for bit
/// as the saved one. Writing is atomic (a temporary file renamed over
/// the target). Loading checks the format, the version (this build
/// reads 1), the kind and the shapes of the fitted state.
public enum ModelFile {
  public static let format = "nightjar-model"
  public static let version = 1

  /// The estimators a file can hold, by kind; each family adds its own.
  nonisolated(unsafe) public static var kinds: [String: any Persistable.Type]
    = [
      "LogisticRegression": LogisticRegression.self,
      "StandardScaler": StandardScaler.self,
      "MinMaxScaler": MinMaxScaler.self,
      "RobustScaler": RobustScaler.self,
      "MaxAbsScaler": MaxAbsScaler.self,
      "Normalizer": Normalizer.self,
      "SimpleImputer": SimpleImputer.self,
      "LinearRegression": LinearRegression.self,
      "Ridge": Ridge.self,
      "Lasso": Lasso.self,
      "ElasticNet": ElasticNet.self,
      "OneHotEncoder": OneHotEncoder.self,
      "OrdinalEncoder": OrdinalEncoder.self,
      "LabelEncoder": LabelEncoder.self,
      "PolynomialFeatures": PolynomialFeatures.self,
      "RandomOverSampler": RandomOverSampler.self,
      "RandomUnderSampler": RandomUnderSampler.self,
      "SMOTE": SMOTE.self,
      "GaussianNoise": GaussianNoise.self,
    ]

  static func corrupt(_ message: String) -> NightjarError {
    .invalidArgument(operation: "load", message: message)
  }

  /// Writes `estimator` to `path`.
  public static func save(_ estimator: any Estimator, to path: String)
    throws(NightjarError)
  {
    guard case .object(let members) = try document(for: estimator) else {
      return
    }
    let full = JSON.object(
      [("format", .string(format)), ("version", .number(Double(version)))]
        + members)
    let text = full.text() + "\n"
    try FileSystem.writeAtomically(path, operation: "save") {
      (writer) throws(NightjarError) in
      try writer.write(text)
    }
  }

  /// The estimator saved at `path`.
  public static func load(_ path: String) throws(NightjarError)
    -> any Estimator
  {
    let bytes = try FileSystem.read(path, operation: "load")
    let root: JSON
    do throws(JSONParser.ParseError) {
      root = try JSONParser.parse(bytes)
    } catch {
      throw .invalidArgument(
        operation: "load", message: "\(path): not a model file (\(error))")
    }
    guard case .string(format)? = root["format"] else {
      throw .invalidArgument(
        operation: "load", message: "\(path): not a nightjar model file")
    }
    guard let found = root["version"]?.number, found == Double(version) else {
      let found = root["version"]?.number.map { JSON.numberText($0) } ?? "?"
      throw .invalidArgument(
        operation: "load",
        message: "\(path): model file version \(found) (this build reads "
          + "\(version))")
    }
    do throws(NightjarError) {
      return try estimator(from: root)
    } catch {
      if case .invalidArgument("load", let message) = error {
        throw .invalidArgument(operation: "load",
                               message: "\(path): \(message)")
      }
      throw error
    }
  }

  /// The "kind", "parameters" and "fitted" members for an estimator.
  static func document(for estimator: any Estimator) throws(NightjarError)
    -> JSON
  {
    let kind = type(of: estimator).name
    let parameters = estimator.parameters
    let parameterJSON = JSON.object(parameters.keys.sorted().compactMap {
      name in
      guard let value = parameters[name] else { return nil }
      switch value {
      case .number(let number): return (name, .number(number))
      case .string(let text): return (name, .string(text))
      case .boolean(let flag): return (name, .bool(flag))
      case .none: return (name, .null)
      }
    })
    var fitted = JSON.null
    if let pipeline = estimator as? Pipeline {
      var steps: [JSON] = []
      for step in pipeline.steps {
        guard case .object(let members) = try document(for: step.estimator)
        else { continue }
        steps.append(.object([("name", .string(step.name))] + members))
      }
      fitted = .object([
        ("fitted", .bool(pipeline.isFitted)), ("steps", .array(steps)),
      ])
      return .object([("kind", .string(kind)), ("fitted", fitted)])
    }
    guard let persistable = estimator as? any Persistable else {
      throw .invalidArgument(
        operation: "save", message: "\(kind) cannot be saved yet")
    }
    fitted = try persistable.fittedState() ?? .null
    return .object([
      ("kind", .string(kind)), ("parameters", parameterJSON),
      ("fitted", fitted),
    ])
  }

  /// Rebuilds an estimator from its document.
  static func estimator(from document: JSON) throws(NightjarError)
    -> any Estimator
  {
    guard case .string(let kind)? = document["kind"] else {
      throw corrupt("the file names no kind of model")
    }
    if kind == Pipeline.name {
      guard case .array(let items)? = document["fitted"]?["steps"] else {
        throw corrupt("the pipeline has no steps")
      }
      var steps: [Pipeline.Step] = []
      for item in items {
        guard case .string(let name)? = item["name"] else {
          throw corrupt("a pipeline step has no name")
        }
        steps.append(Pipeline.Step(name, try estimator(from: item)))
      }
      let pipeline = try Pipeline(steps)
      if case .bool(true)? = document["fitted"]?["fitted"] {
        pipeline.markFitted()
      }
      return pipeline
    }
    guard let type = kinds[kind] else {
      throw corrupt("unknown kind of model '\(kind)'")
    }
    let estimator = type.init()
    if case .object(let members)? = document["parameters"] {
      for (name, value) in members {
        switch value {
        case .number(let number):
          try estimator.setParameter(name, .number(number))
        case .string(let text): try estimator.setParameter(name, .string(text))
        case .bool(let flag): try estimator.setParameter(name, .boolean(flag))
        case .null: try estimator.setParameter(name, .none)
        default: throw corrupt("parameter '\(name)' has a bad value")
        }
      }
    }
    if let state = document["fitted"], state != .null {
      try estimator.restore(state)
    }
    return estimator
  }
}
