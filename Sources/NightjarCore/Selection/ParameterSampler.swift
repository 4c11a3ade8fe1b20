// The candidates of a randomized search, drawn from distributions with a
// seed.

/// `count` candidates drawn from one or more spaces (tables of parameter
/// names to distributions), as scikit-learn's ParameterSampler draws
/// them, but from nightjar's `RandomGenerator`, so that a seed gives the
/// same candidates on every machine:
/// - When every parameter of every space is a list (`.choice`), the
///   candidates are `count` distinct points of the full grid
///   (`ParameterGrid` order), taken in the order of a seeded permutation;
///   a grid smaller than `count` gives all of its points, with a
///   warning.
/// - Otherwise each candidate picks a space (uniformly, when there are
///   several) and draws each parameter in the order of the sorted names.
public struct ParameterSampler {
  public let candidates: [[String: ParameterValue]]
  /// Why fewer than `count` candidates were drawn, if so.
  public let warnings: [String]

  /// Errors: no space, an empty space, `count` below 1.
  public init(
    _ spaces: [[String: ParameterDistribution]], count: Int, seed: UInt64,
    operation: String
  ) throws(NightjarError) {
    guard count >= 1 else {
      throw .invalidArgument(
        operation: operation,
        message: "n_iter must be at least 1, got \(count)")
    }
    guard !spaces.isEmpty, spaces.allSatisfy({ !$0.isEmpty }) else {
      throw .invalidArgument(
        operation: operation, message: "the parameter distributions are empty")
    }
    var generator = RandomGenerator(seed: seed)
    var lists: [[String: [ParameterValue]]] = []
    for space in spaces {
      var grid: [String: [ParameterValue]] = [:]
      for (name, distribution) in space {
        if case .choice(let values) = distribution { grid[name] = values }
      }
      if grid.count == space.count { lists.append(grid) }
    }

    if lists.count == spaces.count {
      let grid = try ParameterGrid(lists, operation: operation)
      let size = grid.candidates.count
      var notes: [String] = []
      if size < count {
        notes.append(
          "\(operation): the grid has only \(size) candidates, fewer than "
            + "n_iter = \(count); running all of them (use GridSearchCV)")
      }
      let order = generator.permutation(count: size)
      candidates = order.prefix(Swift.min(count, size)).map {
        grid.candidates[$0]
      }
      warnings = notes
      return
    }
    var drawn: [[String: ParameterValue]] = []
    for _ in 0..<count {
      let space = spaces.count == 1
        ? spaces[0] : spaces[generator.nextInt(below: spaces.count)]
      var candidate: [String: ParameterValue] = [:]
      for name in space.keys.sorted() {
        guard let distribution = space[name] else { continue }
        candidate[name] = distribution.sample(&generator)
      }
      drawn.append(candidate)
    }
    candidates = drawn
    warnings = []
  }
}
