// Growing classes by drawing their rows again, at random.

/// Balances classes by repeating randomly drawn rows of the classes to
/// grow (with replacement), as imbalanced-learn's RandomOverSampler.
/// `samplingStrategy` says which classes grow and to what count (see
/// `SamplingStrategy`; default "auto": every class to the majority's
/// count).
///
/// The result is X's rows in order, then the drawn rows class by class
/// in sorted class order; y follows and keeps its kind. Draws use a
/// `RandomGenerator` seeded with `seed`, so the same seed gives the same
/// rows on every run. X must be finite; labels may be numbers or
/// strings.
public final class RandomOverSampler: Sampler, Persistable {
  public static let name = "RandomOverSampler"

  /// Default "auto".
  public var samplingStrategy = SamplingStrategy.auto
  /// Default 0.
  public var seed = 0

  /// Per class of the last `fitResample` (sorted), the rows added.
  public internal(set) var addedCounts: (classes: Labels, counts: [Int])?
  /// The original row (0-based) of each resampled row.
  public internal(set) var sampleIndices: [Int] = []

  public init() {}

  public var isFitted: Bool { addedCounts != nil }

  public var parameters: [String: ParameterValue] {
    ["sampling_strategy": samplingStrategy.value, "seed": .number(Double(seed))]
  }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    switch name {
    case "sampling_strategy":
      samplingStrategy = try SamplingStrategy.parse(value, .over, in: Self.name)
    case "seed": seed = try ClassSampling.seed(value, Self.name)
    default: throw Self.unknownParameter(name)
    }
  }

  public func cloned() -> RandomOverSampler {
    let copy = RandomOverSampler()
    copy.samplingStrategy = samplingStrategy
    copy.seed = seed
    return copy
  }

  /// X's rows, then the drawn rows of each class that grows; y to
  /// match, in its kind. Records `addedCounts` and `sampleIndices`.
  public func fitResample(_ x: Matrix, _ y: Target) throws(NightjarError)
    -> (x: Matrix, y: Target)
  {
    let data = try ClassSampling.classes(x, y)
    let targets = try samplingStrategy.targets(data.counts, .over)

    let byClass = data.rowsByClass
    var generator = RandomGenerator(seed: seed)
    var indices = Array(0..<data.labels.count)
    var added = [Int](repeating: 0, count: data.counts.count)
    for (position, count) in targets {
      let rows = byClass[position]
      for _ in 0..<count {
        indices.append(rows[generator.nextInt(below: rows.count)])
      }
      added[position] = count
    }

    addedCounts = (data.classes, added)
    sampleIndices = indices
    return (try x.rows(at: indices),
            try ClassSampling.target(y, data.labels, rows: indices))
  }

  public func fittedState() throws(NightjarError) -> JSON? {
    addedCounts.map { ClassSampling.state($0.classes, $0.counts) }
  }

  public func restore(_ state: JSON) throws(NightjarError) {
    addedCounts = try ClassSampling.restore(state, Self.name)
  }
}
