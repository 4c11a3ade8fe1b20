// A chain of transformers ending in an estimator, fitted and tuned as one.

/// Steps applied in order: every step but the last transforms X, the
/// last is a supervised estimator (or a transformer). Fitting a pipeline
/// fits each transformer on the rows it is given and passes their output
/// on, so that inside cross-validation a scaler learns from the training
/// folds only. Parameters of a step are named `step__parameter`
/// (`clf__C`), as in scikit-learn.
///
/// A first step that takes a data frame (a `FrameTransformer`, such as
/// ColumnTransformer) makes a pipeline whose X is a DataFrame: the
/// `frame:` methods; the Matrix ones then say X must be a frame.
public final class Pipeline: SupervisedEstimator {
  public static let name = "Pipeline"

  /// A named step.
  public struct Step {
    public let name: String
    public let estimator: any Estimator

    public init(_ name: String, _ estimator: any Estimator) {
      self.name = name
      self.estimator = estimator
    }
  }

  public let steps: [Step]
  private var fitted = false

  /// Errors: no steps, a repeated or empty name, a name with "__", an
  /// intermediate step that is not a transformer, a frame transformer
  /// after the first step.
  public init(_ steps: [Step]) throws(NightjarError) {
    guard !steps.isEmpty else {
      throw .invalidArgument(operation: "Pipeline", message: "no steps")
    }
    var seen: Set<String> = []
    for (index, step) in steps.enumerated() {
      guard !step.name.isEmpty, !step.name.contains("__") else {
        throw .invalidArgument(
          operation: "Pipeline",
          message: "step \(index + 1) has the name '\(step.name)'; names "
            + "must be non-empty and must not contain '__'")
      }
      guard seen.insert(step.name).inserted else {
        throw .invalidArgument(
          operation: "Pipeline",
          message: "two steps are named '\(step.name)'")
      }
      if index > 0 && step.estimator is any FrameTransformer {
        throw .invalidArgument(
          operation: "Pipeline",
          message: "step '\(step.name)' is a "
            + "\(type(of: step.estimator).name), which takes a DataFrame; "
            + "only the first step may")
      }
      if index < steps.count - 1 && !(step.estimator is any Transformer)
        && !(index == 0 && step.estimator is any FrameTransformer)
      {
        throw .invalidArgument(
          operation: "Pipeline",
          message: "step '\(step.name)' is a "
            + "\(type(of: step.estimator).name), which cannot transform; "
            + "only the last step may be a model")
      }
    }
    self.steps = steps
  }

  public var isFitted: Bool { fitted }

  /// Marks a pipeline whose steps were restored fitted (model files).
  func markFitted() { fitted = true }

  /// The final step as a supervised estimator, if it is one.
  var final: (any SupervisedEstimator)? {
    steps.last?.estimator as? any SupervisedEstimator
  }

  public var isClassifier: Bool { final?.isClassifier ?? false }

  public var parameters: [String: ParameterValue] {
    var all: [String: ParameterValue] = [:]
    for step in steps {
      for (name, value) in step.estimator.parameters {
        all[step.name + "__" + name] = value
      }
    }
    return all
  }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    guard let separator = name.firstRange(of: "__"),
      let step = steps.first(where: {
        $0.name == String(name[..<separator.lowerBound])
      })
    else { throw Self.unknownParameter(name) }
    try step.estimator.setParameter(
      String(name[separator.upperBound...]), value)
  }

  public func cloned() -> Pipeline {
    // The steps were valid when this pipeline was made, so their clones
    // are too.
    let copies = steps.map { Step($0.name, $0.estimator.cloned()) }
    return (try? Pipeline(copies)) ?? self
  }

  /// The first step when it takes a data frame.
  var frameStep: (any FrameTransformer)? {
    steps.first?.estimator as? any FrameTransformer
  }

  /// The error for X of the wrong kind for the first step.
  private func wrongInput(_ operation: String, frame: Bool)
    -> NightjarError
  {
    let first = steps.first.map { type(of: $0.estimator).name } ?? ""
    return .invalidArgument(
      operation: operation,
      message: frame
        ? "X is a DataFrame but the first step, a \(first), takes a "
          + "Matrix (start with a ColumnTransformer)"
        : "the first step, a \(first), takes a DataFrame as X")
  }

  /// Runs X through the transformers (all steps but the last).
  public func transformThrough(_ x: Matrix) throws(NightjarError) -> Matrix {
    guard frameStep == nil else {
      throw wrongInput("transform", frame: false)
    }
    return try transformSteps(x, from: 0)
  }

  /// X through the transformers from step `start` to the last but one.
  private func transformSteps(_ x: Matrix, from start: Int)
    throws(NightjarError) -> Matrix
  {
    var current = x
    for step in steps.dropLast().dropFirst(start) {
      guard let transformer = step.estimator as? any Transformer else {
        continue
      }
      current = try transformer.transform(current)
    }
    return current
  }

  public func fit(_ x: Matrix, target y: Target, sampleWeight: Matrix?)
    throws(NightjarError)
  {
    guard frameStep == nil else { throw wrongInput("fit", frame: false) }
    try fitSteps(x, from: 0, target: y, sampleWeight: sampleWeight)
  }

  /// Fits the steps from `start` on X (the output of the step before).
  private func fitSteps(
    _ x: Matrix, from start: Int, target y: Target, sampleWeight: Matrix?
  ) throws(NightjarError) {
    var current = x
    for step in steps.dropLast().dropFirst(start) {
      guard let transformer = step.estimator as? any Transformer else {
        continue
      }
      current = try transformer.fitTransform(current, target: y)
    }
    if start >= steps.count {
      // Only the frame step: nothing after it.
    } else if let final {
      try final.fit(current, target: y, sampleWeight: sampleWeight)
    } else if let last = steps.last?.estimator as? any Transformer {
      try last.fit(current, target: y)
    }
    fitted = true
  }

  public func predict(target x: Matrix) throws(NightjarError) -> Target {
    guard let final else {
      throw .invalidArgument(
        operation: "predict", message: "the last step cannot predict")
    }
    guard fitted else { throw Self.notFitted("predict") }
    guard frameStep == nil else { throw wrongInput("predict", frame: false) }
    return try final.predict(target: try transformSteps(x, from: 0))
  }

  public func score(_ x: Matrix, target y: Target) throws(NightjarError)
    -> Double
  {
    guard let final else {
      throw .invalidArgument(
        operation: "score", message: "the last step cannot score")
    }
    guard fitted else { throw Self.notFitted("score") }
    guard frameStep == nil else { throw wrongInput("score", frame: false) }
    return try final.score(try transformSteps(x, from: 0), target: y)
  }

  /// X through every step, the last included (a pipeline of
  /// transformers).
  public func transform(_ x: Matrix) throws(NightjarError) -> Matrix {
    guard fitted else { throw Self.notFitted("transform") }
    return try transformRest(try transformThrough(x), from: 0)
  }

  /// X through the steps from `start`, the last included.
  private func transformRest(_ x: Matrix, from start: Int)
    throws(NightjarError) -> Matrix
  {
    guard start < steps.count else { return x }
    var current = try transformSteps(x, from: start)
    if let last = steps.last?.estimator as? any Transformer {
      current = try last.transform(current)
    }
    return current
  }

  // MARK: - A DataFrame as X

  /// Fits the first step (a frame transformer) on the frame, then the
  /// rest on its output.
  public func fit(frame: DataFrame, target y: Target, sampleWeight: Matrix?)
    throws(NightjarError)
  {
    guard let first = frameStep else { throw wrongInput("fit", frame: true) }
    let x = try first.fitTransform(frame, target: y)
    try fitSteps(x, from: 1, target: y, sampleWeight: sampleWeight)
  }

  /// The last step's predictions for the rows of the frame.
  public func predict(frame: DataFrame) throws(NightjarError) -> Target {
    guard let final else {
      throw .invalidArgument(
        operation: "predict", message: "the last step cannot predict")
    }
    guard fitted else { throw Self.notFitted("predict") }
    guard let first = frameStep else {
      throw wrongInput("predict", frame: true)
    }
    return try final.predict(
      target: try transformSteps(try first.transform(frame), from: 1))
  }

  /// The last step's score on the rows of the frame.
  public func score(frame: DataFrame, target y: Target)
    throws(NightjarError) -> Double
  {
    guard let final else {
      throw .invalidArgument(
        operation: "score", message: "the last step cannot score")
    }
    guard fitted else { throw Self.notFitted("score") }
    guard let first = frameStep else {
      throw wrongInput("score", frame: true)
    }
    return try final.score(
      try transformSteps(try first.transform(frame), from: 1), target: y)
  }

  /// The frame through every step, the last included.
  public func transform(frame: DataFrame) throws(NightjarError) -> Matrix {
    guard fitted else { throw Self.notFitted("transform") }
    guard let first = frameStep else {
      throw wrongInput("transform", frame: true)
    }
    return try transformRest(try first.transform(frame), from: 1)
  }
}
