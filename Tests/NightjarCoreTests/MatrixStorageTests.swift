// Tests of the NJMX file format and CSV export.

import Foundation
import XCTest

@testable import NightjarCore

final class MatrixStorageTests: XCTestCase {
  var folder = ""

  override func setUpWithError() throws {
    folder = NSTemporaryDirectory() + "nightjar-matrix-\(UUID().uuidString)"
    try FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(atPath: folder)
  }

  func test_saveAndLoadRoundTripMatricesAndVectors() throws {
    let m = try seededMatrix(37, 11, seed: 4)
    let path = folder + "/m.njmx"
    try m.save(to: path)
    let back = try Matrix.load(from: path)
    XCTAssertEqual(back.shape, [37, 11])
    XCTAssertEqual(back.toArray(), m.toArray())
    let v = try Matrix(vector: [1, .nan, -.infinity])
    try v.save(to: path)
    let vectorBack = try Matrix.load(from: path)
    XCTAssertTrue(vectorBack.isVector)
    XCTAssertEqual(vectorBack[0], 1)
    XCTAssertTrue(vectorBack[1].isNaN)
    let files = try FileManager.default.contentsOfDirectory(atPath: folder)
    XCTAssertEqual(files, ["m.njmx"], "no temporary file is left behind")
  }

  func test_headerLayoutIsAsDocumented() throws {
    let path = folder + "/h.njmx"
    try Matrix(1, 2, values: [1.5, -2]).save(to: path)
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    XCTAssertEqual(bytes.count, 28 + 16)
    XCTAssertEqual(Array(bytes[0..<4]), Array("NJMX".utf8))
    XCTAssertEqual(Array(bytes[4..<8]), [1, 0, 0, 0])
    XCTAssertEqual(Array(bytes[8..<12]), [2, 0, 0, 0])
    XCTAssertEqual(Array(bytes[12..<20]), [1, 0, 0, 0, 0, 0, 0, 0])
    XCTAssertEqual(Array(bytes[20..<28]), [2, 0, 0, 0, 0, 0, 0, 0])
    XCTAssertEqual(Array(bytes[28..<36]), [0, 0, 0, 0, 0, 0, 0xf8, 0x3f])
  }

  func test_loadRejectsCorruptFilesNamingThePath() throws {
    let path = folder + "/bad.njmx"
    try Data("hello world, not a matrix".utf8).write(
      to: URL(fileURLWithPath: path))
    assertThrows(
      try Matrix.load(from: path), "load: \(path): not a nightjar matrix file")
    try Matrix.zeros(3, 4).save(to: path)
    var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    try Data(bytes.dropLast(8)).write(to: URL(fileURLWithPath: path))
    assertThrows(
      try Matrix.load(from: path),
      "load: \(path): file is 116 bytes, expected 124 for a 3x4 matrix")
    bytes[4] = 2
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    assertThrows(
      try Matrix.load(from: path),
      "load: \(path): unsupported format version 2 (this build reads 1)")
    bytes[4] = 1
    bytes[8] = 3
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    assertThrows(
      try Matrix.load(from: path), "load: \(path): bad rank 3 for 3x4 elements")
    try Data("NJMX".utf8).write(to: URL(fileURLWithPath: path))
    assertThrows(
      try Matrix.load(from: path),
      "load: \(path): file is 4 bytes, too short for a header")
    assertThrows(
      try Matrix.load(from: folder + "/missing.njmx"),
      "load: \(folder)/missing.njmx: No such file or directory")
    assertThrows(
      try Matrix.zeros(1).save(to: folder + "/no/such/m.njmx"),
      "save: \(folder)/no/such/m.njmx: No such file or directory")
  }

  func test_csvWritesShortNumbersAndQuotedHeaders() throws {
    let path = folder + "/m.csv"
    let m = try Matrix(2, 3, values: [1, 0.1, .nan, -2.5, .infinity, 1e20])
    try m.writeCSV(to: path, header: ["a", "b,c", "say \"hi\""])
    XCTAssertEqual(
      try String(contentsOfFile: path, encoding: .utf8),
      "a,\"b,c\",\"say \"\"hi\"\"\"\n1,0.1,\n-2.5,inf,1e+20\n")
    try Matrix(vector: [3, 4]).writeCSV(to: path)
    XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "3\n4\n")
    assertThrows(
      try m.writeCSV(to: path, header: ["a"]),
      "to_csv: header has 1 name, matrix has 3 columns")
  }
}
