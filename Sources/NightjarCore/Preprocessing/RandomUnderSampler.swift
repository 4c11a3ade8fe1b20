// Shrinking classes by keeping a random subset of their rows.

/// Balances classes by keeping a random subset of the rows of the
/// classes to shrink, as imbalanced-learn's RandomUnderSampler.
/// `samplingStrategy` says which classes shrink and to what count (see
/// `SamplingStrategy`; default "auto": every class to the minority's
/// count). With `replacement` the kept rows are drawn with replacement.
///
/// The result holds the rows class by class in sorted class order, each
/// class's kept rows in their original order; y follows and keeps its
/// kind. Draws use a `RandomGenerator` seeded with `seed` (a partial
/// Fisher-Yates shuffle without replacement), so the same seed gives
/// the same rows on every run. X must be finite.
public final class RandomUnderSampler: Sampler, Persistable {
  public static let name = "RandomUnderSampler"

  /// Default "auto".
  public var samplingStrategy = SamplingStrategy.auto
  /// Default 0.
  public var seed = 0
  /// Draw kept rows with replacement. Default false.
  public var replacement = false

  /// Per class of the last `fitResample` (sorted), the rows kept of the
  /// classes that shrank.
  public internal(set) var keptCounts: (classes: Labels, counts: [Int])?
  /// The original row (0-based) of each resampled row.
  public internal(set) var sampleIndices: [Int] = []

  public init() {}

  public var isFitted: Bool { keptCounts != nil }

  public var parameters: [String: ParameterValue] {
    ["sampling_strategy": samplingStrategy.value,
     "seed": .number(Double(seed)), "replacement": .boolean(replacement)]
  }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    switch name {
    case "sampling_strategy":
      samplingStrategy = try SamplingStrategy.parse(
        value, .under, in: Self.name)
    case "seed": seed = try ClassSampling.seed(value, Self.name)
    case "replacement":
      replacement = try value.boolean(for: name, in: Self.name)
    default: throw Self.unknownParameter(name)
    }
  }

  public func cloned() -> RandomUnderSampler {
    let copy = RandomUnderSampler()
    copy.samplingStrategy = samplingStrategy
    copy.seed = seed
    copy.replacement = replacement
    return copy
  }

  /// The kept rows, class by class; y to match, in its kind. Records
  /// `keptCounts` and `sampleIndices`.
  public func fitResample(_ x: Matrix, _ y: Target) throws(NightjarError)
    -> (x: Matrix, y: Target)
  {
    let data = try ClassSampling.classes(x, y)
    let targets = try samplingStrategy.targets(data.counts, .under)

    var keep = [Int?](repeating: nil, count: data.counts.count)
    for (position, count) in targets { keep[position] = count }
    var generator = RandomGenerator(seed: seed)
    var indices: [Int] = []
    var kept = [Int](repeating: 0, count: data.counts.count)
    for (position, rows) in data.rowsByClass.enumerated() {
      guard let count = keep[position] else {
        indices += rows
        continue
      }
      var chosen: [Int]
      if replacement {
        chosen = (0..<count).map { _ in
          rows[generator.nextInt(below: rows.count)]
        }
      } else {
        // Partial Fisher-Yates: the first `count` places of a shuffle.
        chosen = rows
        for place in 0..<count {
          let other = place + generator.nextInt(below: rows.count - place)
          chosen.swapAt(place, other)
        }
        chosen = Array(chosen.prefix(count))
      }
      indices += chosen.sorted()
      kept[position] = count
    }

    keptCounts = (data.classes, kept)
    sampleIndices = indices
    return (try x.rows(at: indices),
            try ClassSampling.target(y, data.labels, rows: indices))
  }

  public func fittedState() throws(NightjarError) -> JSON? {
    keptCounts.map { ClassSampling.state($0.classes, $0.counts) }
  }

  public func restore(_ state: JSON) throws(NightjarError) {
    keptCounts = try ClassSampling.restore(state, Self.name)
  }
}
