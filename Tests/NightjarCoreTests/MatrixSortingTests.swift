// Tests of sort, argsort, unique and the selection behind quantiles.

import XCTest

@testable import NightjarCore

final class MatrixSortingTests: XCTestCase {
  func test_sortAndArgsortMatchNumPyWithNaNLast() throws {
    let a = try Fixture.matrix("sorting", "input")
    let s = "sorting"
    func expect(_ observed: Matrix, _ key: String) throws {
      let expected =
        key.contains("axis")
        ? try Fixture.matrix(s, key)
        : try Matrix(vector: Fixture.doubles(s, key))
      XCTAssertEqual(observed.shape, expected.shape, key)
      XCTAssertEqual(
        observed.toArray().map { $0.isNaN ? -99 : $0 },
        expected.toArray().map { $0.isNaN ? -99 : $0 }, key)
    }
    try expect(try a.sorted(), "sort")
    try expect(try a.sorted(over: .rows), "sort_axis1")
    try expect(try a.sorted(over: .columns), "sort_axis2")
    try expect(try a.argsort(), "argsort")
    try expect(try a.argsort(over: .rows), "argsort_axis1")
    try expect(try a.argsort(over: .columns), "argsort_axis2")
  }

  func test_vectorSortArgsortAndUniqueMatchNumPy() throws {
    let v = try Fixture.matrix("vector", "input")
    XCTAssertEqual(
      try v.sorted().toArray(), try Fixture.doubles("vector", "sort"))
    XCTAssertEqual(
      try v.argsort().toArray(), try Fixture.doubles("vector", "argsort"))
    let (values, counts) = try v.unique()
    XCTAssertEqual(
      values.toArray(), try Fixture.doubles("vector", "unique_values"))
    XCTAssertEqual(
      counts.toArray(), try Fixture.doubles("vector", "unique_counts"))
    let withNaN = try Fixture.matrix("vector_nan", "input")
    XCTAssertEqual(
      try withNaN.argsort().toArray(),
      try Fixture.doubles("vector_nan", "argsort"))
    let (nanValues, nanCounts) = try withNaN.unique()
    XCTAssertEqual(Array(nanValues.toArray().prefix(3)), [1, 2, 3])
    XCTAssertTrue(nanValues[3].isNaN)
    XCTAssertEqual(
      nanCounts.toArray(), try Fixture.doubles("vector_nan", "unique_counts"))
  }

  func test_argsortIsStable() throws {
    let v = try Matrix(vector: [2, 1, 2, 1, 2, 1])
    XCTAssertEqual(try v.argsort().toArray(), [1, 3, 5, 0, 2, 4])
  }

  func test_selectionAgreesWithSortingOnManyShapes() throws {
    var generator = RandomGenerator(seed: 21)
    for n in [1, 2, 3, 16, 17, 100, 1001] {
      // Few distinct values exercise the equal-to-pivot paths.
      let values = (0..<n).map { _ in Double(generator.nextInt(below: 7)) }
      let sorted = values.sorted()
      for k in Set([0, n / 3, n / 2, n - 1]) {
        var scratch = values
        scratch.withUnsafeMutableBufferPointer { buffer in
          if let base = buffer.baseAddress { Matrix.selectKth(base, n, k) }
        }
        XCTAssertEqual(scratch[k], sorted[k], "n \(n) k \(k)")
        XCTAssertTrue(scratch[..<k].allSatisfy { $0 <= sorted[k] })
        XCTAssertTrue(scratch[(k + 1)...].allSatisfy { $0 >= sorted[k] })
      }
      let m = try Matrix(vector: values)
      let position = Double(n - 1) * 0.5
      let low = sorted[Int(position)]
      let high = sorted[min(n - 1, Int(position) + 1)]
      assertClose(
        try m.median(),
        low + (high - low) * (position - position.rounded(.down)),
        "median of \(n)")
    }
  }
}
