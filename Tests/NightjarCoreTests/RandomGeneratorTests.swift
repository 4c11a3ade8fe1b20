// Tests of RandomGenerator: the pinned stream and its derived draws.

import XCTest

@testable import NightjarCore

final class RandomGeneratorTests: XCTestCase {
  func test_firstOutputsForSeedZeroArePinned() {
    // Written here as literals so that the stream cannot change silently,
    // even if the fixture file were regenerated.
    var generator = RandomGenerator(seed: 0)
    XCTAssertEqual(generator.next(), 0x99ec_5f36_cb75_f2b4)
    XCTAssertEqual(generator.next(), 0xbf6e_1f78_4956_452a)
    XCTAssertEqual(generator.next(), 0x1a5f_849d_4933_e6e0)
  }

  func test_streamMatchesTheIndependentPythonImplementation() throws {
    var generator = RandomGenerator(seed: 0)
    let expected = try Fixture.strings("generator", "seed0_next")
    XCTAssertEqual(
      (0..<expected.count).map { _ in
        String(generator.next(), radix: 16).leftPadded(to: 16)
      }, expected)
    var negative = RandomGenerator(seed: -1)
    let expectedNegative = try Fixture.strings("generator", "seed_minus1_next")
    XCTAssertEqual(
      (0..<2).map { _ in
        String(negative.next(), radix: 16).leftPadded(to: 16)
      }, expectedNegative)
  }

  func test_uniformAndNormalDrawsMatchExactly() throws {
    var generator = RandomGenerator(seed: 42)
    for (i, value) in try Fixture.doubles("generator", "seed42_uniform")
      .enumerated()
    {
      XCTAssertEqual(generator.nextUniform(), value, "uniform \(i)")
    }
    var normal = RandomGenerator(seed: 7)
    for (i, value) in try Fixture.doubles("generator", "seed7_normal")
      .enumerated()
    {
      XCTAssertEqual(normal.nextNormal(), value, "normal \(i)")
    }
  }

  func test_integersBelowAndPermutationMatch() throws {
    var generator = RandomGenerator(seed: 3)
    let expected = try Fixture.doubles("generator", "seed3_below10")
    XCTAssertEqual(
      (0..<expected.count).map { _ in Double(generator.nextInt(below: 10)) },
      expected)
    var shuffler = RandomGenerator(seed: 5)
    XCTAssertEqual(
      shuffler.permutation(count: 10).map(Double.init),
      try Fixture.doubles("generator", "seed5_permutation10"))
    XCTAssertEqual(shuffler.permutation(count: 0), [])
    XCTAssertEqual(shuffler.nextInt(below: 1), 0)
  }

  func test_uniformStaysInUnitIntervalAndNormalHasUnitSpread() {
    var generator = RandomGenerator(seed: 11)
    var sum = 0.0
    var squares = 0.0
    let draws = 20_000
    for _ in 0..<draws {
      let u = generator.nextUniform()
      XCTAssert(u >= 0 && u < 1)
      let z = generator.nextNormal()
      sum += z
      squares += z * z
    }
    let mean = sum / Double(draws)
    XCTAssertEqual(mean, 0, accuracy: 0.05)
    XCTAssertEqual(squares / Double(draws) - mean * mean, 1, accuracy: 0.05)
  }

  func test_randomMatricesFollowTheStreamInRowMajorOrder() throws {
    var generator = RandomGenerator(seed: 42)
    let uniform = try Matrix.uniform(2, 2, low: -1, high: 3, using: &generator)
    let expected = try Fixture.doubles("generator", "seed42_uniform")
    assertClose(
      uniform.toArray(), expected.prefix(4).map { -1 + 4 * $0 },
      tolerance: 0, "uniform matrix")
    var normalGenerator = RandomGenerator(seed: 7)
    let normal = try Matrix.normal(
      5, mean: 10, standardDeviation: 2, using: &normalGenerator)
    XCTAssertTrue(normal.isVector)
    assertClose(
      normal.toArray(),
      try Fixture.doubles("generator", "seed7_normal").prefix(5).map {
        10 + 2 * $0
      }, tolerance: 0, "normal vector")
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
