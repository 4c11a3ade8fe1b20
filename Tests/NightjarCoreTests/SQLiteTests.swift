// SQLite: frames to tables and query results to frames, against real
// database files in a temporary folder.

import Foundation
import XCTest

@testable import NightjarCore

final class SQLiteTests: XCTestCase {
  var folder = ""

  override func setUpWithError() throws {
    folder = NSTemporaryDirectory() + "nightjar-sqlite-" + UUID().uuidString
    try FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    Cancellation.isRequested = { false }
    try? FileManager.default.removeItem(atPath: folder)
  }

  /// A database path in the temporary folder.
  func database(_ name: String = "shop.db") -> String {
    folder + "/" + name
  }

  /// Runs SQL statements on a database opened for writing (set-up).
  func run(_ path: String, _ statements: String...) throws {
    let database = try SQLiteDatabase(path, access: .create,
                                      operation: "setup")
    for statement in statements { _ = try database.query(statement) }
  }

  func message(_ body: () throws -> Any) -> String {
    do {
      _ = try body()
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  /// Every column type, missing values, awkward names and text.
  func orders() throws -> DataFrame {
    try DataFrame([
      ("id", .number([1, 2, 3, 4])),
      ("total", .number([12.5, .nan, -0.1, 1e300])),
      ("paid", Column.boolean([true, false, nil, true])),
      ("city", Column.text(["Lyon", nil, "Nice", "Lyon"])),
      ("say \"hi\"", Column.text(["x\0y", "", "été", "'; DROP"])),
    ])
  }

  // MARK: - Round trips and types

  func test_roundTripKeepsEveryColumnType() throws {
    let frame = try orders()
    try frame.toSQL(database(), table: "my \"orders\"")
    let back = try DataFrame.readSQL(
      database(), "SELECT * FROM \"my \"\"orders\"\"\"")
    XCTAssertEqual(back, frame)
    XCTAssertEqual(back.columnTypes, [.number, .number, .boolean, .text,
                                      .text])
  }

  func test_emptyFrameAndEmptyResultKeepDeclaredTypes() throws {
    let frame = try orders().head(0)
    try frame.toSQL(database(), table: "orders")
    let back = try DataFrame.readSQL(database(), "SELECT * FROM orders")
    XCTAssertEqual(back, frame)
    let filtered = try DataFrame.readSQL(
      database(), "SELECT city, paid FROM orders WHERE id < 0")
    XCTAssertEqual(filtered.columnTypes, [.text, .boolean])
  }

  func test_nullsAndMixedColumns() throws {
    try run(database(),
            "CREATE TABLE t (a INTEGER, b, c TEXT, d BOOLEAN, e VARCHAR(9))",
            "INSERT INTO t VALUES (1, 'x', NULL, 2, NULL)",
            "INSERT INTO t VALUES (NULL, 2.5, NULL, 1, NULL)",
            "INSERT INTO t VALUES (3, NULL, NULL, NULL, NULL)")
    let frame = try DataFrame.readSQL(
      database(), "SELECT a, b, c, d, e, NULL AS f FROM t")
    XCTAssertEqual(frame["a"], .number([1, .nan, 3]))
    // Numbers in a text column are written as text.
    XCTAssertEqual(frame["b"], Column.text(["x", "2.5", nil]))
    // No values: the declared type decides (TEXT, VARCHAR: text).
    XCTAssertEqual(frame["c"], Column.text([nil, nil, nil]))
    XCTAssertEqual(frame["e"], Column.text([nil, nil, nil]))
    XCTAssertEqual(frame["f"], .number([.nan, .nan, .nan]))
    // BOOLEAN holding 2 is numbers.
    XCTAssertEqual(frame["d"], .number([2, 1, .nan]))
  }

  func test_largeIntegersAndNumberText() throws {
    try run(database(),
            "CREATE TABLE t (n INTEGER, s TEXT)",
            "INSERT INTO t VALUES (9007199254740993, '007')")
    let frame = try DataFrame.readSQL(database(), "SELECT n, s FROM t")
    XCTAssertEqual(frame["n"], .number([9007199254740992]))
    XCTAssertEqual(frame["s"], Column.text(["007"]))
  }

  // MARK: - Parameters

  func test_parametersBindInOrder() throws {
    try orders().toSQL(database(), table: "orders")
    let frame = try DataFrame.readSQL(
      database(), "SELECT id FROM orders WHERE id >= ? AND city = ?",
      [.number(2), .text("Lyon")])
    XCTAssertEqual(frame["id"], .number([4]))
    let values = try DataFrame.readSQL(
      database(), "SELECT ? AS a, ? AS b, ? AS c, length(CAST(? AS BLOB))"
        + " AS d", [.number(0.25), .text("x\0y"), .null, .text("x\0y")])
    XCTAssertEqual(values["a"], .number([0.25]))
    XCTAssertEqual(values["b"], Column.text(["x\0y"]))
    XCTAssertEqual(values["c"], .number([.nan]))
    XCTAssertEqual(values["d"], .number([3]))
    XCTAssertEqual(
      message { try DataFrame.readSQL(database(), "SELECT ?, ?",
                                      [.number(1)]) },
      "read_sql: the query takes 2 parameters, got 1")
    XCTAssertEqual(
      message { try DataFrame.readSQL(database(), "SELECT ?", []) },
      "read_sql: the query takes 1 parameter, got 0")
  }

  // MARK: - if_exists

  func test_ifExistsFailReplaceAppend() throws {
    let frame = try orders()
    try frame.toSQL(database(), table: "orders")
    let path = database()
    XCTAssertEqual(
      message { try frame.toSQL(path, table: "ORDERS") },
      "to_sql: table 'ORDERS' already exists (use if_exists = "
        + "\"replace\" or \"append\")")
    try frame.toSQL(database(), table: "orders", ifExists: .append)
    let twice = try DataFrame.readSQL(database(), "SELECT * FROM orders")
    XCTAssertEqual(twice, try DataFrame.concat([frame, frame]))
    let small = try DataFrame([("z", .number([7]))])
    try small.toSQL(database(), table: "Orders", ifExists: .replace)
    XCTAssertEqual(
      try DataFrame.readSQL(database(), "SELECT * FROM orders"), small)
    XCTAssertEqual(
      message { try frame.toSQL(path, table: "orders", ifExists: .append) },
      "to_sql: \(path): table orders has no column named id")
    XCTAssertEqual(
      try DataFrame.readSQL(database(), "SELECT * FROM orders"), small)
  }

  // MARK: - Transactions

  func test_failedAppendLeavesTheTableUntouched() throws {
    let path = database()
    try run(path, "CREATE TABLE t (a REAL NOT NULL)",
            "INSERT INTO t VALUES (1)")
    let frame = try DataFrame([("a", .number([2, 3, .nan, 4]))])
    XCTAssertEqual(
      message { try frame.toSQL(path, table: "t", ifExists: .append) },
      "to_sql: \(path): NOT NULL constraint failed: t.a")
    XCTAssertEqual(
      try DataFrame.readSQL(path, "SELECT a FROM t")["a"], .number([1]))
  }

  func test_interruptedReplaceLeavesTheTableUntouched() throws {
    let path = database()
    let original = try orders()
    try original.toSQL(path, table: "orders")
    // Checks: the existence query, then rows 0 and 4096 of the insert.
    var checks = 0
    Cancellation.isRequested = {
      checks += 1
      return checks >= 3
    }
    let big = try DataFrame([("n", .number((0..<5000).map(Double.init)))])
    XCTAssertEqual(
      message { try big.toSQL(path, table: "orders", ifExists: .replace) },
      "interrupted!")
    XCTAssertEqual(checks, 3)
    Cancellation.isRequested = { false }
    XCTAssertEqual(
      try DataFrame.readSQL(path, "SELECT * FROM orders"), original)
  }

  // MARK: - Messages

  func test_missingDatabaseIsAnErrorAndNotCreated() throws {
    let path = database("absent.db")
    XCTAssertEqual(
      message { try DataFrame.readSQL(path, "SELECT 1") },
      "read_sql: \(path): No such file or directory")
    XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    let nowhere = folder + "/no/such/dir.db"
    XCTAssertEqual(
      message { try DataFrame().setting("a", .number([1]))
        .toSQL(nowhere, table: "t") },
      "to_sql: \(nowhere): No such file or directory")
  }

  func test_sqliteReasonsAndQueryShape() throws {
    let path = database()
    try orders().toSQL(path, table: "orders")
    func read(_ sql: String) -> String {
      message { try DataFrame.readSQL(path, sql) }
    }
    XCTAssertEqual(read("SELECT * FROM order"),
                   "read_sql: \(path): near \"order\": syntax error")
    XCTAssertEqual(read("SELECT * FROM customers"),
                   "read_sql: \(path): no such table: customers")
    XCTAssertEqual(read("DELETE FROM orders"),
                   "read_sql: \(path): attempt to write a readonly database")
    XCTAssertEqual(read("SELECT 1; SELECT 2"),
                   "read_sql: the query holds more than one statement "
                     + "(run them one at a time)")
    XCTAssertEqual(read(" -- nothing"),
                   "read_sql: the query holds no statement")
    XCTAssertEqual(read("SELECT x'00' AS b"),
                   "read_sql: column 'b' holds binary data (BLOB), which a"
                     + " DataFrame cannot hold")
    XCTAssertEqual(read("SELECT 1 AS a, 2 AS a"),
                   "read_sql: the query gives two columns named 'a' "
                     + "(rename one with AS)")
    // A trailing semicolon and comment are one statement.
    XCTAssertEqual(try DataFrame.readSQL(path, "SELECT 1 AS a; -- done")
                     .rowCount, 1)
    XCTAssertEqual(message { try DataFrame().toSQL(path, table: "t") },
                   "to_sql: the frame has no columns")
    let text = folder + "/notes.txt"
    try "not a database, not at all".write(
      toFile: text, atomically: true, encoding: .utf8)
    XCTAssertEqual(message { try DataFrame.readSQL(text, "SELECT * FROM t") },
                   "read_sql: \(text): file is not a database")
  }
}
