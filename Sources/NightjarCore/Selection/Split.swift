// One train/test split of row indices.

/// Rows (0-based) to fit on and rows to score on.
public struct Split: Equatable {
  public var train: [Int]
  public var test: [Int]

  public init(train: [Int], test: [Int]) {
    self.train = train
    self.test = test
  }
}
