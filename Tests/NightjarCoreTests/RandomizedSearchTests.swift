// ParameterSampler and RandomizedSearchCV: seeded draws that repeat, the
// grid rule for lists, and the same machinery as GridSearchCV.

import XCTest

@testable import NightjarCore

final class RandomizedSearchTests: XCTestCase {
  let spaces: [[String: ParameterDistribution]] = [[
    "alpha": .logUniform(low: 1e-3, high: 1e3),
    "solver": .choice([.string("cholesky"), .string("svd")]),
    "fit_intercept": .choice([.boolean(true)]),
  ]]

  func test_theSameSeedDrawsTheSameCandidates() throws {
    let a = try ParameterSampler(spaces, count: 6, seed: 3, operation: "t")
    let b = try ParameterSampler(spaces, count: 6, seed: 3, operation: "t")
    let c = try ParameterSampler(spaces, count: 6, seed: 4, operation: "t")
    XCTAssertEqual(a.candidates, b.candidates)
    XCTAssertNotEqual(a.candidates, c.candidates)
    XCTAssertEqual(a.candidates.count, 6)
    for candidate in a.candidates {
      guard case .number(let alpha)? = candidate["alpha"] else {
        return XCTFail("alpha is \(String(describing: candidate["alpha"]))")
      }
      XCTAssertTrue(alpha >= 1e-3 && alpha < 1e3)
      XCTAssertEqual(candidate["fit_intercept"], .boolean(true))
    }
  }

  func test_drawsFollowTheDocumentedRecipe() throws {
    // Names sorted: alpha, fit_intercept, solver; one uniform or one
    // index per name from the generator seeded with the seed.
    let sampler = try ParameterSampler(spaces, count: 2, seed: 0,
                                       operation: "t")
    var generator = RandomGenerator(seed: 0)
    for candidate in sampler.candidates {
      let u = generator.nextUniform()
      let alpha = exp(log(1e-3) + (log(1e3) - log(1e-3)) * u)
      XCTAssertEqual(candidate["alpha"], .number(alpha))
      _ = generator.nextInt(below: 1)
      let solver = ["cholesky", "svd"][generator.nextInt(below: 2)]
      XCTAssertEqual(candidate["solver"], .string(solver))
    }
  }

  func test_listsAloneDrawDistinctGridPoints() throws {
    let lists: [[String: ParameterDistribution]] = [[
      "C": .choice([.number(0.1), .number(1), .number(10)]),
      "penalty": .choice([.string("l1"), .string("l2")]),
    ]]
    let some = try ParameterSampler(lists, count: 4, seed: 1, operation: "t")
    XCTAssertEqual(some.candidates.count, 4)
    XCTAssertEqual(Set(some.candidates).count, 4)
    XCTAssertEqual(some.warnings, [])
    let all = try ParameterSampler(lists, count: 10, seed: 1,
                                   operation: "RandomizedSearchCV")
    XCTAssertEqual(all.candidates.count, 6)
    let grid = try ParameterGrid(
      [["C": [.number(0.1), .number(1), .number(10)],
        "penalty": [.string("l1"), .string("l2")]]], operation: "t")
    XCTAssertEqual(Set(all.candidates), Set(grid.candidates))
    XCTAssertEqual(
      all.warnings,
      ["RandomizedSearchCV: the grid has only 6 candidates, fewer than "
        + "n_iter = 10; running all of them (use GridSearchCV)"])
  }

  func test_searchMatchesGridSearchOnTheSameCandidates() throws {
    let x = try seededMatrix(50, 4, seed: 8)
    var generator = RandomGenerator(seed: 9)
    let y = try Matrix(vector: (0..<50).map {
      2 * x[$0 * 4] - x[$0 * 4 + 3] + generator.nextNormal()
    })
    let search = try RandomizedSearchCV(
      Ridge(), spaces: [["alpha": .logUniform(low: 0.01, high: 100)]],
      iterations: 5, seed: 2)
    try search.fit(x, .values(y))
    let grid = GridSearchCV(
      Ridge(), grid: try ParameterGrid(
        [["alpha": search.candidates.compactMap { $0["alpha"] }]],
        operation: "t"))
    try grid.fit(x, .values(y))
    XCTAssertEqual(search.results?.meanScores, grid.results?.meanScores)
    XCTAssertEqual(search.bestParameters, grid.bestParameters)
    XCTAssertEqual(
      try search.bestEstimator?.predict(target: x).values("t").toArray(),
      try grid.bestEstimator?.predict(target: x).values("t").toArray())
  }

  func test_messagesNameWhatIsWrong() throws {
    assertThrows(
      try RandomizedSearchCV(
        Ridge(), spaces: [["C": .uniform(low: 0, high: 1)]]),
      "RandomizedSearchCV: Ridge has no parameter 'C'")
    assertThrows(
      try ParameterSampler(spaces, count: 0, seed: 0, operation: "t"),
      "t: n_iter must be at least 1, got 0")
    assertThrows(
      try ParameterSampler([[:]], count: 1, seed: 0, operation: "t"),
      "t: the parameter distributions are empty")
    assertThrows(
      try ParameterDistribution.checkedUniform(1, 0, log: false),
      "uniform: low must be less than high, both finite, got 1 and 0")
    assertThrows(
      try ParameterDistribution.checkedUniform(0, 1, log: true),
      "loguniform: low must be positive, got 0")
    assertThrows(
      try ParameterDistribution.checkedIntegers(3, 3),
      "randint: low must be less than high (and high - low a 64-bit "
        + "integer), got 3 and 3")
    assertThrows(
      try ParameterDistribution.checkedChoice([]),
      "choice: no values to choose from")
  }
}
