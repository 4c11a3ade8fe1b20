// One random (or ordered) split of rows into a training and a test part.

/// scikit-learn's train_test_split, on row indices.
///
/// The test part has ceil(test_size x n) rows (or `testCount`); without
/// shuffling it is the last rows, in order. With shuffling the rows are
/// permuted by `RandomGenerator(seed)`; with `stratify`, each class is
/// split in proportion (its test share rounded so the total is right)
/// and both parts list their rows in order.
public struct TrainTestSplit {
  /// The test share, in (0, 1); default 0.25 as scikit-learn.
  public var testSize = 0.25
  /// A test row count instead of a share.
  public var testCount: Int?
  public var shuffle = true
  public var seed: UInt64 = 0

  public init() {}

  /// The number of test rows for n rows.
  func testRows(_ n: Int) throws(NightjarError) -> Int {
    if let testCount {
      guard testCount > 0, testCount < n else {
        throw .invalidArgument(
          operation: "train_test_split",
          message: "test_size is \(testCount) rows but there are \(n)")
      }
      return testCount
    }
    guard testSize > 0, testSize < 1 else {
      throw .invalidArgument(
        operation: "train_test_split",
        message: "test_size must be between 0 and 1, got "
          + Labels.format(testSize))
    }
    let count = Int((testSize * Double(n)).rounded(.up))
    guard count < n else {
      throw .invalidArgument(
        operation: "train_test_split",
        message: "test_size \(Labels.format(testSize)) leaves no training "
          + "rows out of \(n)")
    }
    return count
  }

  /// The split of `n` rows (0-based), stratified by `stratify` when given.
  public func split(count n: Int, stratify: Labels? = nil)
    throws(NightjarError) -> Split
  {
    guard n >= 2 else {
      throw .invalidArgument(
        operation: "train_test_split",
        message: "need at least 2 rows, got \(n)")
    }
    let nTest = try testRows(n)
    var generator = RandomGenerator(seed: seed)
    guard let stratify else {
      let order = shuffle ? generator.permutation(count: n) : Array(0..<n)
      return Split(train: Array(order[0..<(n - nTest)]),
                   test: Array(order[(n - nTest)...]))
    }
    guard stratify.count == n else {
      throw .shapeMismatch(
        operation: "train_test_split",
        message: "X has \(n) rows but stratify has \(stratify.count)")
    }
    guard shuffle else {
      throw .invalidArgument(
        operation: "train_test_split",
        message: "stratify needs shuffle = true")
    }
    guard let codes = stratify.encode(
      with: try stratify.classes("train_test_split"))
    else { return Split(train: [], test: []) }
    let classes = Int((codes.max() ?? 0) + 1)
    var members = [[Int]](repeating: [], count: classes)
    for row in generator.permutation(count: n) {
      members[Int(codes[row])].append(row)
    }
    // Each class's test share, floored, then the rows still missing go
    // to the classes with the largest remainders (ties: class order).
    var take = members.map {
      Int(Double($0.count) * Double(nTest) / Double(n))
    }
    let remainders = members.enumerated().map { c, rows in
      (Double(rows.count) * Double(nTest) / Double(n) - Double(take[c]), c)
    }.sorted { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
    var missing = nTest - take.reduce(0, +)
    for (_, c) in remainders where missing > 0 && take[c] < members[c].count
    {
      take[c] += 1
      missing -= 1
    }
    var train: [Int] = []
    var test: [Int] = []
    for c in 0..<classes {
      test += members[c][0..<take[c]]
      train += members[c][take[c]...]
    }
    return Split(train: train.sorted(), test: test.sorted())
  }
}
