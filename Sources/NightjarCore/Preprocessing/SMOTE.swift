// Growing classes with synthetic rows between neighbouring rows.

/// Balances classes with synthetic rows, as imbalanced-learn's SMOTE
/// (Chawla et al., 2002): each new row of a class lies on the segment
/// between a random row of that class and one of its `kNeighbors`
/// nearest rows of the same class, at a uniform random point:
/// x + u (neighbour - x), u in [0, 1).
///
/// `samplingStrategy` says which classes grow and to what count (see
/// `SamplingStrategy`; default "auto": every class to the majority's
/// count). A class that grows needs more than `kNeighbors` rows.
/// Neighbours are exact (Euclidean; ties to the lower row), found with
/// BLAS inner products on large classes (see `NearestNeighbors`).
///
/// The result is X's rows in order, then the new rows class by class in
/// sorted class order; y follows and keeps its kind. Draws (row,
/// neighbour, u) come from a `RandomGenerator` seeded with `seed`, so
/// the same seed gives the same rows on every run and thread count.
/// The draws differ from imbalanced-learn's (another generator), so the
/// rows do too, but not their distribution. X must be finite.
public final class SMOTE: Sampler, Persistable {
  public static let name = "SMOTE"

  /// Default "auto".
  public var samplingStrategy = SamplingStrategy.auto
  /// The neighbours to choose from, >= 1. Default 5.
  public var kNeighbors = 5
  /// Default 0.
  public var seed = 0

  /// Per class of the last `fitResample` (sorted), the rows added.
  public internal(set) var addedCounts: (classes: Labels, counts: [Int])?

  public init() {}

  public var isFitted: Bool { addedCounts != nil }

  public var parameters: [String: ParameterValue] {
    ["sampling_strategy": samplingStrategy.value,
     "k_neighbors": .number(Double(kNeighbors)),
     "seed": .number(Double(seed))]
  }

  public func setParameter(_ name: String, _ value: ParameterValue)
    throws(NightjarError)
  {
    switch name {
    case "sampling_strategy":
      samplingStrategy = try SamplingStrategy.parse(value, .over, in: Self.name)
    case "k_neighbors":
      kNeighbors = try value.positiveInteger(for: name, in: Self.name)
    case "seed": seed = try ClassSampling.seed(value, Self.name)
    default: throw Self.unknownParameter(name)
    }
  }

  public func cloned() -> SMOTE {
    let copy = SMOTE()
    copy.samplingStrategy = samplingStrategy
    copy.kNeighbors = kNeighbors
    copy.seed = seed
    return copy
  }

  /// X's rows, then the synthetic rows of each class that grows; y to
  /// match, in its kind. Records `addedCounts`.
  public func fitResample(_ x: Matrix, _ y: Target) throws(NightjarError)
    -> (x: Matrix, y: Target)
  {
    let data = try ClassSampling.classes(x, y)
    let targets = try samplingStrategy.targets(data.counts, .over)
    let byClass = data.rowsByClass
    for (position, count) in targets where count > 0 {
      guard byClass[position].count > kNeighbors else {
        throw .invalidArgument(
          operation: "fit_resample",
          message: "SMOTE needs more than k_neighbors = \(kNeighbors) rows "
            + "in each class it grows; class "
            + "\(CategoryIndex.quoted(data.classes, position)) has "
            + "\(byClass[position].count)")
      }
    }

    let (rows, columns) = PreprocessingInput.shape(x)
    let total = rows + targets.reduce(0) { $0 + $1.count }
    let grown = x.isVector
      ? try Matrix(uninitializedCount: total, operation: "fit_resample")
      : try Matrix(
        uninitializedRows: total, columns: columns,
        operation: "fit_resample")
    let out = grown.base
    out.update(from: x.base, count: rows * columns)
    var generator = RandomGenerator(seed: seed)
    // y: a row of the original per resampled row (a new row takes its
    // class from the first member of the class).
    var sources = Array(0..<rows)
    var added = [Int](repeating: 0, count: data.counts.count)
    var next = rows
    for (position, count) in targets where count > 0 {
      // The class's rows gathered contiguously, their neighbours found,
      // then each new row drawn: a row, one of its neighbours, a gap.
      let members = byClass[position]
      let points = UnsafeMutablePointer<Double>.allocate(
        capacity: members.count * columns)
      defer { points.deallocate() }
      for (r, row) in members.enumerated() {
        (points + r * columns).update(
          from: x.base + row * columns, count: columns)
      }
      let neighbors = try NearestNeighbors.search(
        points, rows: members.count, columns: columns, k: kNeighbors)
      for _ in 0..<count {
        if next % 4096 == 0 { try Cancellation.check() }
        let r = generator.nextInt(below: members.count)
        let choice = generator.nextInt(below: kNeighbors)
        let n = neighbors[r * kNeighbors + choice]
        let gap = generator.nextUniform()
        let source = points + r * columns
        let neighbor = points + n * columns
        let target = out + next * columns
        for c in 0..<columns {
          target[c] = source[c] + gap * (neighbor[c] - source[c])
        }
        sources.append(members[0])
        next += 1
      }
      added[position] = count
    }

    addedCounts = (data.classes, added)
    return (grown, try ClassSampling.target(y, data.labels, rows: sources))
  }

  public func fittedState() throws(NightjarError) -> JSON? {
    addedCounts.map { ClassSampling.state($0.classes, $0.counts) }
  }

  public func restore(_ state: JSON) throws(NightjarError) {
    addedCounts = try ClassSampling.restore(state, Self.name)
  }
}
