// K consecutive folds, optionally after a seeded shuffle.

/// Splits n rows into `splits` folds; each fold is the test set once.
///
/// Without shuffling the folds are consecutive runs of rows, the first
/// `n % splits` of them one row longer, as scikit-learn's KFold. With
/// `shuffle`, the rows are permuted first by `RandomGenerator(seed)`, so
/// the same seed gives the same folds on every machine (not the same
/// folds as NumPy's generator would).
public struct KFold {
  /// Folds; at least 2. Default 5.
  public var splits = 5
  /// Whether to permute the rows first. Default false.
  public var shuffle = false
  /// The permutation's seed. Default 0.
  public var seed: UInt64 = 0

  public init(splits: Int = 5, shuffle: Bool = false, seed: UInt64 = 0) {
    self.splits = splits
    self.shuffle = shuffle
    self.seed = seed
  }

  /// The splits of `count` rows, test folds in order.
  public func split(count: Int) throws(NightjarError) -> [Split] {
    try KFold.check(splits: splits, count: count, "KFold")
    var order = Array(0..<count)
    if shuffle {
      var generator = RandomGenerator(seed: seed)
      order = generator.permutation(count: count)
    }
    var result: [Split] = []
    var start = 0
    for fold in 0..<splits {
      let size = count / splits + (fold < count % splits ? 1 : 0)
      let test = Array(order[start..<(start + size)])
      let train = Array(order[0..<start] + order[(start + size)...])
      result.append(Split(train: train, test: test))
      start += size
    }
    return result
  }

  static func check(splits: Int, count: Int, _ operation: String)
    throws(NightjarError)
  {
    guard splits >= 2 else {
      throw .invalidArgument(
        operation: operation,
        message: "n_splits must be at least 2, got \(splits)")
    }
    guard splits <= count else {
      throw .invalidArgument(
        operation: operation,
        message: "n_splits is \(splits) but there are only \(count) rows")
    }
  }
}
