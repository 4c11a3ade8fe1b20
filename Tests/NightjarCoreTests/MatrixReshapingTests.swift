// Tests of reshape, flatten, stacking, insert, repeat and tile.

import XCTest

@testable import NightjarCore

final class MatrixReshapingTests: XCTestCase {
  func test_reshapeInfersOneDimensionAndRoundTrips() throws {
    let m = try seededMatrix(6, 4, seed: 2)
    let r = try m.reshape(-1, 3)
    XCTAssertEqual(r.shape, [8, 3])
    XCTAssertEqual(try r.reshape(6, -1).toArray(), m.toArray())
    let v = try m.reshape(-1)
    XCTAssertEqual(v.shape, [24])
    XCTAssertEqual(try v.reshape(6, 4).toArray(), m.toArray())
    XCTAssertEqual(try m.flatten().toArray(), m.toArray())
  }

  func test_reshapeErrors() throws {
    let m = try Matrix.zeros(3, 4)
    assertThrows(try m.reshape(5, 2), "reshape: cannot reshape 3x4 into 5x2")
    assertThrows(try m.reshape(5, -1), "reshape: cannot reshape 3x4 into 5x-1")
    assertThrows(try m.reshape(-1, -1), "reshape: only one dimension can be -1")
    assertThrows(
      try m.reshape(-3, 4), "reshape: dimensions must be positive or -1, got -3"
    )
    assertThrows(try m.reshape(7), "reshape: cannot reshape 3x4 into (7)")
  }

  func test_hstackTreatsVectorsAsColumns() throws {
    let a = try Matrix(2, 2, values: [1, 2, 3, 4])
    let v = try Matrix(vector: [5, 6])
    XCTAssertEqual(
      try Matrix.hstack([a, v]).toRowArrays(), [[1, 2, 5], [3, 4, 6]])
    let joined = try Matrix.hstack([v, v])
    XCTAssertTrue(joined.isVector)
    XCTAssertEqual(joined.toArray(), [5, 6, 5, 6])
    assertThrows(
      try Matrix.hstack([a, try Matrix.zeros(3, 1)]),
      "hstack: shapes 2x2 and 3x1 have different row counts")
    assertThrows(try Matrix.hstack([]), "hstack: nothing to stack")
  }

  func test_vstackTreatsVectorsAsRows() throws {
    let a = try Matrix(2, 2, values: [1, 2, 3, 4])
    let v = try Matrix(vector: [5, 6])
    XCTAssertEqual(
      try Matrix.vstack([a, v]).toRowArrays(), [[1, 2], [3, 4], [5, 6]])
    XCTAssertEqual(try Matrix.vstack([v, v]).shape, [2, 2])
    assertThrows(
      try Matrix.vstack([a, try Matrix.zeros(3)]),
      "vstack: shapes 2x2 and (3) have different column counts")
  }

  func test_concatenateFollowsTheAxisConvention() throws {
    let a = try Matrix(2, 2, values: [1, 2, 3, 4])
    XCTAssertEqual(try Matrix.concatenate([a, a], axis: .rows).shape, [4, 2])
    XCTAssertEqual(
      try Matrix.concatenate([a, a], axis: .columns).shape, [2, 4])
    let v = try Matrix(vector: [1, 2])
    XCTAssertEqual(try Matrix.concatenate([v, v], axis: .rows).shape, [4])
    assertThrows(
      try Matrix.concatenate([v, v], axis: .columns),
      "concat: vectors have only axis 1")
    assertThrows(
      try Matrix.concatenate([a, try Matrix.zeros(1, 3)], axis: .rows),
      "concat: shapes 2x2 and 1x3 have different column counts")
  }

  func test_insertRowsColumnsAndElements() throws {
    let a = try Matrix(2, 2, values: [1, 2, 3, 4])
    XCTAssertEqual(
      try a.inserting(.matrix(try Matrix(vector: [8, 9])), at: 1).toRowArrays(),
      [[1, 2], [8, 9], [3, 4]])
    XCTAssertEqual(
      try a.inserting(.scalar(0), at: 2, axis: .columns).toRowArrays(),
      [[1, 2, 0], [3, 4, 0]])
    XCTAssertEqual(
      try a.inserting(
        .matrix(try Matrix(vector: [7, 7])), at: 0, axis: .columns
      )
      .toRowArrays(), [[7, 1, 2], [7, 3, 4]])
    let v = try Matrix(vector: [1, 2, 3])
    let inserted = try v.inserting(.matrix(try Matrix(vector: [9, 9])), at: 1)
    XCTAssertTrue(inserted.isVector)
    XCTAssertEqual(inserted.toArray(), [1, 9, 9, 2, 3])
    XCTAssertEqual(try v.inserting(.scalar(0), at: 3).toArray(), [1, 2, 3, 0])
    assertThrows(
      try a.inserting(.matrix(try Matrix(vector: [1, 2, 3])), at: 0),
      "insert: shapes 2x2 and (3) do not align")
    assertThrows(
      try a.inserting(.scalar(1), at: 3),
      "insert: offset 3 out of range (0...2)")
  }

  func test_emptyResultsWithManyRowsReturnAtOnce() throws {
    // 2^40 rows of nothing: every operation must skip the empty rows
    // instead of visiting them.
    let tall = try Matrix.zeros(1 << 40, 0)
    XCTAssertEqual(try tall.transpose().shape, [0, 1 << 40])
    XCTAssertEqual(try tall.cumsum(over: .rows).shape, [1 << 40, 0])
    XCTAssertEqual(try (tall + 1).shape, [1 << 40, 0])
    XCTAssertEqual(try tall.sorted(over: .columns).shape, [1 << 40, 0])
    XCTAssertEqual(try tall.argmax(over: .rows).shape, [0])
    XCTAssertEqual(try tall.repeated(3, over: .rows).shape, [3 << 40, 0])
    XCTAssertEqual(try Matrix.hstack([tall, tall]).shape, [1 << 40, 0])
    XCTAssertEqual(
      try Matrix.zeros(0).tiled(rows: 1 << 50, columns: 2).shape, [1 << 50, 0])
    XCTAssertEqual(
      try Matrix.where(tall, .scalar(1), .scalar(0)).shape, [1 << 40, 0])
  }

  func test_repeatAndTile() throws {
    let a = try Matrix(2, 2, values: [1, 2, 3, 4])
    XCTAssertEqual(try a.repeated(2).toArray(), [1, 1, 2, 2, 3, 3, 4, 4])
    XCTAssertEqual(
      try a.repeated(2, over: .rows).toRowArrays(),
      [[1, 2], [1, 2], [3, 4], [3, 4]])
    XCTAssertEqual(
      try a.repeated(2, over: .columns).toRowArrays(),
      [[1, 1, 2, 2], [3, 3, 4, 4]])
    XCTAssertEqual(try a.repeated(0).count, 0)
    assertThrows(
      try a.repeated(-1), "repeat: count must not be negative, got -1")
    XCTAssertEqual(
      try a.tiled(rows: 2, columns: 2).toRowArrays(),
      [[1, 2, 1, 2], [3, 4, 3, 4], [1, 2, 1, 2], [3, 4, 3, 4]])
    let v = try Matrix(vector: [1, 2])
    XCTAssertEqual(
      try v.tiled(rows: 1, columns: 3).toArray(), [1, 2, 1, 2, 1, 2])
    XCTAssertTrue(try v.tiled(rows: 1, columns: 3).isVector)
    XCTAssertEqual(try v.tiled(rows: 2, columns: 1).shape, [2, 2])
    assertThrows(
      try a.tiled(rows: -1, columns: 2),
      "tile: counts must not be negative, got -1 and 2")
  }
}
