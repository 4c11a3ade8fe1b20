// K folds that keep each class's share in every fold.

/// Splits rows into `splits` folds with the class proportions of y kept
/// in each, the same assignment scikit-learn's StratifiedKFold makes
/// without shuffling:
///
/// classes are numbered by first appearance; the sorted class numbers
/// are dealt round-robin into the folds, which fixes how many rows of
/// each class every fold gets; then each class's rows, in order, fill
/// fold 0's share, then fold 1's, and so on. With `shuffle`, each
/// class's fold sequence is permuted by `RandomGenerator(seed)`.
public struct StratifiedKFold {
  public var splits = 5
  public var shuffle = false
  public var seed: UInt64 = 0

  public init(splits: Int = 5, shuffle: Bool = false, seed: UInt64 = 0) {
    self.splits = splits
    self.shuffle = shuffle
    self.seed = seed
  }

  /// The splits of the rows of y. A class with fewer rows than folds is
  /// an error only when every class is that small (scikit-learn warns
  /// otherwise; see `warning(for:)`).
  public func split(_ y: Labels) throws(NightjarError) -> [Split] {
    let n = y.count
    try KFold.check(splits: splits, count: n, "StratifiedKFold")
    // Classes numbered by first appearance.
    var firstSeen: [Int32] = []
    var number: [Int32: Int] = [:]
    guard let codes = y.encode(with: try y.classes("StratifiedKFold"))
    else { return [] }
    var encoded = [Int](repeating: 0, count: n)
    for (row, code) in codes.enumerated() {
      if number[code] == nil {
        number[code] = firstSeen.count
        firstSeen.append(code)
      }
      encoded[row] = number[code] ?? 0
    }
    let classes = firstSeen.count
    var counts = [Int](repeating: 0, count: classes)
    for c in encoded { counts[c] += 1 }
    guard splits <= (counts.max() ?? 0) else {
      throw .invalidArgument(
        operation: "StratifiedKFold",
        message: "n_splits is \(splits) but no class has that many rows")
    }
    // Deal the sorted class numbers round-robin: allocation[f][c] rows
    // of class c go to fold f.
    let sorted = encoded.sorted()
    var allocation = [[Int]](
      repeating: [Int](repeating: 0, count: classes), count: splits)
    for (position, c) in sorted.enumerated() {
      allocation[position % splits][c] += 1
    }
    var testFold = [Int](repeating: 0, count: n)
    var generator = RandomGenerator(seed: seed)
    for c in 0..<classes {
      var folds: [Int] = []
      for f in 0..<splits {
        folds += [Int](repeating: f, count: allocation[f][c])
      }
      if shuffle {
        let order = generator.permutation(count: folds.count)
        folds = order.map { folds[$0] }
      }
      var next = 0
      for row in 0..<n where encoded[row] == c {
        testFold[row] = folds[next]
        next += 1
      }
    }
    return (0..<splits).map { f in
      Split(
        train: (0..<n).filter { testFold[$0] != f },
        test: (0..<n).filter { testFold[$0] == f })
    }
  }

  /// scikit-learn's warning when the smallest class has fewer rows than
  /// folds, or nil.
  public func warning(for y: Labels) -> String? {
    guard let codes = y.encode(with: (try? y.classes("")) ?? y) else {
      return nil
    }
    var counts: [Int32: Int] = [:]
    for code in codes { counts[code, default: 0] += 1 }
    guard let smallest = counts.values.min(), smallest < splits else {
      return nil
    }
    return "StratifiedKFold: the least populated class in y has only "
      + "\(smallest) members, fewer than n_splits = \(splits)"
  }
}
