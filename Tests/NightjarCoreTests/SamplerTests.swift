// The samplers: class counts against imbalanced-learn, where the rows
// come from, SMOTE's segments and neighbours, determinism, errors.

import XCTest

@testable import NightjarCore

final class SamplerTests: XCTestCase {
  private func sampler(_ name: String, _ strategy: ParameterValue) throws
    -> any Sampler
  {
    let estimator = try makeEstimator(name, ["sampling_strategy": strategy])
    guard let sampler = estimator as? any Sampler else {
      throw PreprocessingFixture.FixtureError.malformed(name)
    }
    if let smote = sampler as? SMOTE { smote.kNeighbors = 3 }
    return sampler
  }

  private func labels(_ value: JSONValue?) throws -> Labels {
    let list = try PreprocessingFixture.list(value)
    let strings = list.compactMap { item -> String? in
      if case .string(let text) = item { return text }
      return nil
    }
    if strings.count == list.count { return .strings(strings) }
    return .numbers(try list.map(Fixture.number))
  }

  private func counts(_ labels: Labels) throws -> [String: Int] {
    var counts: [String: Int] = [:]
    for i in 0..<labels.count { counts[labels.text(at: i), default: 0] += 1 }
    return counts
  }

  func test_classCountsAgreeWithImbalancedLearn() throws {
    let root = try PreprocessingFixture.object(
      try PreprocessingFixture.object(PreprocessingFixture.root)["samplers"])
    let targets = try PreprocessingFixture.object(root["targets"])
    let cases = try PreprocessingFixture.list(root["cases"])
    XCTAssertGreaterThanOrEqual(cases.count, 50)
    for item in cases {
      let table = try PreprocessingFixture.object(item)
      guard case .string(let name)? = table["sampler"],
        case .string(let target)? = table["y"], let strategy = table["strategy"]
      else { throw PreprocessingFixture.FixtureError.malformed("case") }
      let what = "\(name)(\(strategy)) on \(target)"
      let y = try labels(targets[target])
      let x = try seededMatrix(y.count, 2, seed: 5)
      let sampler = try sampler(
        name, try PreprocessingFixture.parameter(strategy))
      let (resampledX, resampledY) = try sampler.fitResample(x, .labels(y))
      let output = try resampledY.labels("test")
      XCTAssertEqual(resampledX.rows, output.count, what)
      let expectedClasses = try labels(table["classes"])
      let expectedCounts = try PreprocessingFixture.list(table["counts"])
        .map { Int(try Fixture.number($0)) }
      var expected: [String: Int] = [:]
      for (i, count) in expectedCounts.enumerated() {
        expected[expectedClasses.text(at: i)] = count
      }
      XCTAssertEqual(try counts(output), expected, what)
      // sampling_strategy_: the classes changed, without zero entries.
      let changed = try PreprocessingFixture.object(table["changed"])
        .compactMapValues { value -> Int? in
          guard case .number(let number) = value, number > 0 else {
            return nil
          }
          return Int(number)
        }
      XCTAssertEqual(recorded(sampler), changed, what)
    }
  }

  /// A sampler's sampling_strategy_ as {label text: count}, zeros left
  /// out.
  private func recorded(_ sampler: any Sampler) -> [String: Int] {
    let state: (classes: Labels, counts: [Int])?
    switch sampler {
    case let s as RandomOverSampler: state = s.addedCounts
    case let s as RandomUnderSampler: state = s.keptCounts
    case let s as SMOTE: state = s.addedCounts
    default: state = nil
    }
    guard let state else { return [:] }
    var result: [String: Int] = [:]
    for (i, count) in state.counts.enumerated() where count > 0 {
      result[state.classes.text(at: i)] = count
    }
    return result
  }

  func test_randomSamplersTakeRowsOfTheRightClass() throws {
    let y: Labels = .strings(["a", "b", "a", "a", "c", "a", "b", "a"])
    let x = try Matrix(8, 2) { i, j in Double(i * 10 + j) }
    let over = RandomOverSampler()
    let (ox, oy) = try over.fitResample(x, .labels(y))
    guard case .labels(let overLabels) = oy else { return XCTFail("kind") }
    XCTAssertEqual(try counts(overLabels), ["a": 5, "b": 5, "c": 5])
    XCTAssertEqual(Array(over.sampleIndices.prefix(8)), Array(0..<8))
    for (row, source) in over.sampleIndices.enumerated() {
      XCTAssertEqual(overLabels.text(at: row), y.text(at: source))
      XCTAssertEqual(ox[row, 1], x[source, 1])
    }
    let under = RandomUnderSampler()
    let (ux, uy) = try under.fitResample(x, .labels(y))
    guard case .labels(let underLabels) = uy else { return XCTFail("kind") }
    XCTAssertEqual(underLabels, .strings(["a", "b", "c"]))
    XCTAssertEqual(under.sampleIndices.count, 3)
    XCTAssertEqual(under.sampleIndices[2], 4)
    XCTAssertEqual(ux.rows, 3)
    // Classes in sorted order; rows of a class in their original order.
    try under.setParameter("sampling_strategy", .string("majority"))
    _ = try under.fitResample(x, .labels(y))
    XCTAssertEqual(under.sampleIndices.count, 4)
    XCTAssertEqual(Array(under.sampleIndices.suffix(3)), [1, 6, 4])
    try under.setParameter("sampling_strategy", .string("all"))
    try under.setParameter("replacement", .boolean(true))
    _ = try under.fitResample(x, .labels(y))
    XCTAssertEqual(under.keptCounts?.counts, [1, 1, 1])
  }

  func test_numericLabelsGivenAsAMatrixStayAMatrix() throws {
    let y = try Matrix(vector: [0, 0, 0, 1])
    let x = try Matrix(vector: [1, 2, 3, 4])
    let (rx, ry) = try RandomOverSampler().fitResample(x, .values(y))
    XCTAssertEqual(rx.shapeText, "(6)")
    guard case .values(let vector) = ry else { return XCTFail("kind") }
    XCTAssertEqual(vector.toArray(), [0, 0, 0, 1, 1, 1])
    XCTAssertEqual(Array(rx.toArray().suffix(2)), [4, 4])
  }

  func test_sameSeedSameRowsOtherSeedOtherRows() throws {
    let y: Labels = .numbers((0..<60).map { $0 < 45 ? 0 : 1 })
    let x = try seededMatrix(60, 3, seed: 9)
    for make in [
      { RandomOverSampler() as any Sampler }, { RandomUnderSampler() },
      { SMOTE() }, { GaussianNoise() },
    ] {
      let first = try make().fitResample(x, .labels(y)).x
      let again = try make().fitResample(x, .labels(y)).x
      XCTAssertEqual(first.toArray(), again.toArray())
      let other = make()
      try other.setParameter("seed", .number(42))
      XCTAssertNotEqual(
        try other.fitResample(x, .labels(y)).x.toArray(), first.toArray(),
        "\(type(of: other).name)")
    }
  }

  func test_smotePointsLieBetweenNeighboursOfTheirClass() throws {
    let y: Labels = .strings((0..<80).map { $0 % 5 == 0 ? "rare" : "common" })
    let x = try seededMatrix(80, 3, seed: 21)
    let smote = SMOTE()
    try smote.setParameter("k_neighbors", .number(4))
    let (rx, ry) = try smote.fitResample(x, .labels(y))
    let output = try ry.labels("test")
    XCTAssertEqual(try counts(output), ["rare": 64, "common": 64])
    XCTAssertEqual(Array(rx.toArray().prefix(240)), x.toArray())
    // The rare rows, and each one's 4 nearest rare rows by brute force.
    let rare = (0..<80).filter { $0 % 5 == 0 }.map { x.toRowArrays()[$0] }
    func squared(_ a: [Double], _ b: [Double]) -> Double {
      zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    }
    let neighbours = rare.indices.map { i in
      rare.indices.filter { $0 != i }
        .sorted { squared(rare[i], rare[$0]) < squared(rare[i], rare[$1]) }
        .prefix(4)
    }
    for row in 80..<rx.rows {
      XCTAssertEqual(output.text(at: row), "rare")
      let point = (0..<3).map { rx[row, $0] }
      let found = rare.indices.contains { i in
        neighbours[i].contains { n in
          // point = rare[i] + u (rare[n] - rare[i]), 0 <= u < 1.
          let direction = zip(rare[n], rare[i]).map { $0 - $1 }
          let length = squared(rare[n], rare[i])
          let offset = zip(point, rare[i]).map { $0 - $1 }
          let u = zip(offset, direction).reduce(0) { $0 + $1.0 * $1.1 }
            / length
          let rebuilt = zip(rare[i], direction).map { $0 + u * $1 }
          return u >= 0 && u < 1 && squared(rebuilt, point) < 1e-24
        }
      }
      XCTAssertTrue(found, "row \(row) is on no segment to a neighbour")
    }
  }

  func test_blasNeighboursMatchBruteForce() throws {
    // 700 x 700 x 10 multiply-adds: beyond the direct limit, so the
    // BLAS path with re-ranking runs; a duplicate row tests the ties.
    let rows = 700
    let d = 10
    var values = try seededMatrix(rows, d, seed: 4).toArray()
    for c in 0..<d { values[5 * d + c] = values[3 * d + c] }
    XCTAssertGreaterThan(rows * rows * d, NearestNeighbors.directLimit)
    let k = 5
    let found = try values.withUnsafeBufferPointer { buffer in
      try NearestNeighbors.search(
        buffer.baseAddress!, rows: rows, columns: d, k: k)
    }
    func distance(_ i: Int, _ j: Int) -> Double {
      var sum = 0.0
      for c in 0..<d {
        let difference = values[i * d + c] - values[j * d + c]
        sum += difference * difference
      }
      return sum
    }
    let checked: [Int] = Array(stride(from: 0, to: rows, by: 37)) + [3, 5]
    for i in checked {
      var pairs: [(distance: Double, row: Int)] = []
      for j in 0..<rows where j != i { pairs.append((distance(i, j), j)) }
      pairs.sort {
        $0.distance < $1.distance
          || ($0.distance == $1.distance && $0.row < $1.row)
      }
      let expected: [Int] = pairs.prefix(k).map { $0.row }
      XCTAssertEqual(
        Array(found[(i * k)..<((i + 1) * k)]), expected, "row \(i)")
    }
    XCTAssertEqual(found[3 * k], 5)
    XCTAssertEqual(found[5 * k], 3)
  }

  func test_gaussianNoiseFollowsItsDocumentedStream() throws {
    // 70 000 x 2 values: three blocks of 65536, each with its own
    // generator seeded from the master stream.
    let x = try Matrix.zeros(70_000, 2)
    let noise = GaussianNoise()
    try noise.setParameter("std", .number(2))
    try noise.setParameter("seed", .number(7))
    let out = try noise.transform(x).toArray()
    var master = RandomGenerator(seed: 7)
    var expected: [Double] = []
    for block in 0..<3 {
      var generator = RandomGenerator(seed: master.next())
      let count = min(65536, 140_000 - block * 65536)
      for _ in 0..<count { expected.append(2 * generator.nextNormal()) }
    }
    XCTAssertEqual(out, expected)
    let y: Labels = .strings(["u", "v"])
    let small = try Matrix(2, 2, values: [1, 2, 3, 4])
    try noise.setParameter("copies", .number(3))
    let (rx, ry) = try noise.fitResample(small, .labels(y))
    XCTAssertEqual(rx.rows, 8)
    XCTAssertEqual(Array(rx.toArray().prefix(4)), [1, 2, 3, 4])
    XCTAssertEqual(
      try ry.labels("test"), .strings(["u", "v", "u", "v", "u", "v", "u", "v"]))
    let regression = try noise.fitResample(
      small, .values(try Matrix(vector: [0.5, 1.5])))
    guard case .values(let values) = regression.y else {
      return XCTFail("kind")
    }
    XCTAssertEqual(values.toArray(), [0.5, 1.5, 0.5, 1.5, 0.5, 1.5, 0.5, 1.5])
  }

  func test_samplersSaveTheirParameters() throws {
    let smote = SMOTE()
    try smote.setParameters([
      "k_neighbors": .number(3), "sampling_strategy": .string("minority"),
      "seed": .number(-4),
    ])
    let loaded = try roundTrip(smote)
    XCTAssertEqual(
      loaded.parameters.mapValues(\.description),
      smote.parameters.mapValues(\.description))
    let under = RandomUnderSampler()
    _ = try under.fitResample(
      try Matrix(vector: [1, 2, 3]), .labels(.strings(["a", "b", "b"])))
    let back = try roundTrip(under) as? RandomUnderSampler
    XCTAssertEqual(back?.keptCounts?.counts, [0, 1])
  }

  // MARK: - Errors

  func test_samplerErrors() throws {
    let x = try Matrix(4, 1, values: [1, 2, 3, 4])
    let two: Target = .labels(.strings(["a", "a", "a", "b"]))
    let three: Target = .labels(.strings(["a", "b", "c", "a"]))
    assertThrows(
      try RandomOverSampler().setParameter(
        "sampling_strategy", .string("majority")),
      "RandomOverSampler: invalid option 'majority' for 'sampling_strategy'")
    assertThrows(
      try RandomUnderSampler().setParameter(
        "sampling_strategy", .string("minority")),
      "RandomUnderSampler: invalid option 'minority' for 'sampling_strategy'")
    assertThrows(
      try SMOTE().setParameter("sampling_strategy", .number(1.5)),
      "SMOTE: 'sampling_strategy' must be a ratio in (0, 1] or one of "
        + "'auto', 'minority', 'not minority', 'not majority', 'all', got 1.5")
    assertThrows(
      try SMOTE().setParameter("k_neighbors", .number(0)),
      "SMOTE: 'k_neighbors' must be at least 1, got 0")
    assertThrows(
      try GaussianNoise().setParameter("std", .number(-1)),
      "GaussianNoise: 'std' must be a non-negative number, got -1")
    assertThrows(
      try RandomOverSampler().setParameter("seed", .number(0.5)),
      "RandomOverSampler: 'seed' must be a whole number, got 0.5")
    let ratio = RandomOverSampler()
    try ratio.setParameter("sampling_strategy", .number(0.2))
    assertThrows(
      try ratio.fitResample(x, three),
      "fit_resample: a ratio sampling_strategy needs two classes, y has 3")
    assertThrows(
      try ratio.fitResample(x, two),
      "fit_resample: sampling_strategy 0.2 would remove rows of the minority "
        + "class; increase it")
    let under = RandomUnderSampler()
    try under.setParameter("sampling_strategy", .number(0.2))
    assertThrows(
      try under.fitResample(x, two),
      "fit_resample: sampling_strategy 0.2 would need new rows of the "
        + "majority class; increase it")
    assertThrows(
      try RandomOverSampler().fitResample(
        x, .labels(.strings(["a", "a", "a", "a"]))),
      "fit_resample: y has only one class; there is nothing to balance")
    assertThrows(
      try SMOTE().fitResample(x, two),
      "fit_resample: SMOTE needs more than k_neighbors = 5 rows in each "
        + "class it grows; class 'b' has 1")
    assertThrows(
      try RandomOverSampler().fitResample(x, .labels(.strings(["a"]))),
      "fit_resample: X has 4 rows but y has 1")
    assertThrows(
      try GaussianNoise().fitResample(x, .labels(.strings(["a"]))),
      "fit_resample: X has 4 rows but y has 1")
    assertThrows(
      try RandomOverSampler().fitResample(
        try Matrix(4, 1, values: [1, .nan, 3, 4]), two),
      "fit_resample: input contains NaN (column 1, row 2)")
    assertThrows(
      try RandomOverSampler().fitResample(
        x, .labels(.numbers([0, .nan, 1, 1]))),
      "fit_resample: y contains NaN (row 2)")
  }
}
