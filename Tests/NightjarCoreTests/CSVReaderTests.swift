// read_csv: format cases, type inference, exact errors, threads, writing.

import Foundation
import XCTest

@testable import NightjarCore

final class CSVReaderTests: XCTestCase {
  var folder = ""

  override func setUpWithError() throws {
    folder = NSTemporaryDirectory() + "nightjar-csv-" + UUID().uuidString
    try FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true)
  }

  override func tearDownWithError() throws {
    try? FileManager.default.removeItem(atPath: folder)
  }

  // MARK: - Helpers

  /// Writes `bytes` to a file in the test folder and returns its path.
  func file(_ name: String, _ bytes: [UInt8]) throws -> String {
    let path = folder + "/" + name
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  func file(_ name: String, _ text: String) throws -> String {
    try file(name, Array(text.utf8))
  }

  /// The frame in `text`, read from memory under the name data.csv.
  func read(_ text: String, _ options: CSVOptions = CSVOptions()) throws
    -> DataFrame
  {
    try CSVReader(options).read(bytes: Array(text.utf8), name: "data.csv")
  }

  /// The message of the error reading `text` throws.
  func message(_ text: String, _ options: CSVOptions = CSVOptions()) -> String
  {
    message(Array(text.utf8), options)
  }

  func message(_ bytes: [UInt8], _ options: CSVOptions = CSVOptions())
    -> String
  {
    do {
      _ = try CSVReader(options).read(bytes: bytes, name: "data.csv")
      return "no error"
    } catch {
      return error.description
    }
  }

  func numbers(_ frame: DataFrame, _ name: String) -> [Double] {
    frame[name]?.numbers ?? []
  }

  func strings(_ frame: DataFrame, _ name: String) -> [String?] {
    frame[name]?.strings ?? []
  }

  /// NaN-aware comparison of numbers.
  func assertNumbers(_ actual: [Double], _ expected: [Double],
                     file: StaticString = #filePath, line: UInt = #line)
  {
    XCTAssertEqual(actual.count, expected.count, "count", file: file,
                   line: line)
    for (a, e) in zip(actual, expected) where !(a.isNaN && e.isNaN) {
      XCTAssertEqual(a, e, file: file, line: line)
    }
  }

  // MARK: - Types

  func test_infersNumbersBooleansAndText() throws {
    let frame = try read("""
      n,b,t,i
      1.5,true,x,1
      -2,False,y,2
      3e2,TRUE,x,3

      """)
    XCTAssertEqual(frame.columnNames, ["n", "b", "t", "i"])
    XCTAssertEqual(frame.columnTypes, [.number, .boolean, .text, .number])
    assertNumbers(numbers(frame, "n"), [1.5, -2, 300])
    assertNumbers(numbers(frame, "b"), [1, 0, 1])
    XCTAssertEqual(frame["t"], .text(codes: [0, 1, 0], levels: ["x", "y"]))
    assertNumbers(numbers(frame, "i"), [1, 2, 3])
  }

  func test_numbersAndBooleansTogetherAreText() throws {
    let frame = try read("a\n1\ntrue\n")
    XCTAssertEqual(frame["a"], Column.text(["1", "true"]))
  }

  func test_columnTurningToTextLateKeepsTheOriginalText() throws {
    var text = "a,b\n"
    for row in 0..<2000 { text += "\(row).50,\(row)\n" }
    text += "word,1\n"
    var options = CSVOptions()
    options.chunkBytes = 4096
    for threads in [1, 3] {
      options.threads = threads
      let frame = try read(text, options)
      XCTAssertEqual(frame.columnTypes, [.text, .number])
      XCTAssertEqual(strings(frame, "a").first, "0.50")
      XCTAssertEqual(strings(frame, "a").last, "word")
      XCTAssertEqual(frame.rowCount, 2001)
    }
  }

  func test_numbersAreCorrectlyRounded() throws {
    let texts = [
      "0.1", "-8.1359", "3.141592653589793238462643", "1e400", "-1e-400",
      "2.2250738585072011e-308", "9007199254740993", "+.5", "5.", "1E5",
      "0.30000000000000004", "123456789012345678901234567890", "inf",
      "-Infinity", "  7.25 ", "1234567.1234567", "12345678.5",
      "0.000001234", "-0", "4.35",
    ]
    let frame = try read("x\n" + texts.joined(separator: "\n") + "\n")
    let expected = texts.map { text -> Double in
      let trimmed = text.trimmingCharacters(in: .whitespaces)
      return strtod(trimmed, nil)
    }
    let values = numbers(frame, "x")
    XCTAssertEqual(values.count, expected.count)
    for (value, wanted) in zip(values, expected) {
      XCTAssertEqual(value.bitPattern, wanted.bitPattern, "\(value) \(wanted)")
    }
  }

  func test_randomDecimalsMatchStrtod() throws {
    var generator = SystemRandomNumberGenerator()
    var lines = ["x"]
    for _ in 0..<20000 {
      // Up to 9 digits on either side: the 16-byte fast path takes up to
      // 7 and hands longer ones to fast_float; some with leading zeros.
      let size = Int.random(in: 0...9, using: &generator)
      let whole = Int.random(in: 0..<[1, 10, 100, 1000, 10_000, 100_000,
                                      1_000_000, 10_000_000, 100_000_000,
                                      1_000_000_000][size],
                             using: &generator)
      let digits = Int.random(in: 0...9, using: &generator)
      let sign = ["", "-", "+"][Int.random(in: 0...2, using: &generator)]
      let zeros = Int.random(in: 0...6, using: &generator) == 0 ? "00" : ""
      var text = sign + zeros + String(whole)
      if digits > 0 {
        text += "." + String((0..<digits).map { _ in
          Character(String(Int.random(in: 0...9, using: &generator)))
        })
      }
      lines.append(text)
    }
    let frame = try read(lines.joined(separator: "\n"))
    for (value, text) in zip(numbers(frame, "x"), lines.dropFirst()) {
      XCTAssertEqual(value.bitPattern, strtod(text, nil).bitPattern, text)
    }
  }

  func test_quotedNumbersAreNumbers() throws {
    let frame = try read("a,b\n\"1.5\",\"x\"\n\"2\",y\n")
    XCTAssertEqual(frame.columnTypes, [.number, .text])
    assertNumbers(numbers(frame, "a"), [1.5, 2])
  }

  func test_typesOverrideInference() throws {
    var options = CSVOptions()
    options.types = ["zip": .text, "flag": .number, "on": .boolean]
    let frame = try read("zip,flag,on\n007,true,false\n10,0,\n", options)
    XCTAssertEqual(frame.columnTypes, [.text, .number, .boolean])
    XCTAssertEqual(strings(frame, "zip"), ["007", "10"])
    assertNumbers(numbers(frame, "flag"), [1, 0])
    assertNumbers(numbers(frame, "on"), [0, .nan])
  }

  func test_forcedTypeErrorsNameLineAndColumn() {
    var options = CSVOptions()
    options.types = ["age": .number]
    XCTAssertEqual(
      message("name,age\nann,31\nbob,old\n", options),
      "read_csv: data.csv:3: column 'age': cannot read 'old' as a number")
    options.types = ["on": .boolean]
    XCTAssertEqual(
      message("on\ntrue\n\n1\n", options),
      "read_csv: data.csv:4: column 'on': cannot read '1' as a boolean")
    options.types = ["ghost": .text]
    XCTAssertEqual(message("a\n1\n", options),
                   "read_csv: data.csv: dtype: no column named 'ghost'")
  }

  func test_emptyColumnIsNumber() throws {
    let frame = try read("a,b\n1,\n2,\n")
    XCTAssertEqual(frame.columnTypes, [.number, .number])
    assertNumbers(numbers(frame, "b"), [.nan, .nan])
  }

  // MARK: - Missing values

  func test_defaultMissingValues() throws {
    let frame = try read(
      "a,t\n,x\nNA,NA\nN/A,N/A\nNaN,\nnull,null\nnan,y\n7,z\n")
    assertNumbers(numbers(frame, "a"), [.nan, .nan, .nan, .nan, .nan, .nan, 7])
    XCTAssertEqual(strings(frame, "t"), ["x", nil, nil, nil, nil, "y", "z"])
    guard case .text(let codes, _) = frame["t"] else {
      return XCTFail("text expected")
    }
    XCTAssertEqual(codes, [0, -1, -1, -1, -1, 1, 2])
  }

  func test_missingValuesAreExactStrings() throws {
    let frame = try read("t\nna\nNull\nNA \nx\n")
    XCTAssertEqual(strings(frame, "t"), ["na", "Null", "NA ", "x"])
  }

  func test_customMissingValues() throws {
    var options = CSVOptions()
    options.missingValues = ["-", "?"]
    let frame = try read("a,b\n-,NA\n2,?\n", options)
    assertNumbers(numbers(frame, "a"), [.nan, 2])
    XCTAssertEqual(strings(frame, "b"), ["NA", nil])
  }

  func test_quotedMissingValuesAreMissing() throws {
    let frame = try read("a,b\n\"\",\"NA\"\n1,x\n")
    assertNumbers(numbers(frame, "a"), [.nan, 1])
    XCTAssertEqual(strings(frame, "b"), [nil, "x"])
  }

  // MARK: - Format

  func test_quotedFieldsHoldDelimitersNewlinesAndQuotes() throws {
    let frame = try read(
      "id,note\n1,\"a,b\"\n2,\"two\nlines\"\n3,\"say \"\"hi\"\"\"\n"
        + "4,\"\"\"\"\n")
    XCTAssertEqual(strings(frame, "note"),
                   ["a,b", "two\nlines", "say \"hi\"", "\""])
    assertNumbers(numbers(frame, "id"), [1, 2, 3, 4])
  }

  func test_textAfterClosingQuoteIsKept() throws {
    let frame = try read("a,b\n\"ab\"c,1\n")
    XCTAssertEqual(strings(frame, "a"), ["abc"])
  }

  func test_crlfLineEnds() throws {
    let frame = try read("a,b,c\r\n1,x,\"q\"\r\n2,y,\"r\"\r\n")
    XCTAssertEqual(frame.columnNames, ["a", "b", "c"])
    assertNumbers(numbers(frame, "a"), [1, 2])
    XCTAssertEqual(strings(frame, "b"), ["x", "y"])
    XCTAssertEqual(strings(frame, "c"), ["q", "r"])
  }

  func test_byteOrderMarkIsSkipped() throws {
    let frame = try CSVReader().read(
      bytes: [0xEF, 0xBB, 0xBF] + Array("name,v\nx,1\n".utf8), name: "b.csv")
    XCTAssertEqual(frame.columnNames, ["name", "v"])
  }

  func test_commentLinesAreSkipped() throws {
    var options = CSVOptions()
    options.comment = "#"
    let frame = try read("# made by hand\na,b\n1,2\n# a note\n3,4\n", options)
    assertNumbers(numbers(frame, "a"), [1, 3])
    XCTAssertEqual(
      message("# top\na,b\n1,2\n# x\n3\n", options),
      "read_csv: data.csv:5: expected 2 fields, got 1")
  }

  func test_blankLinesSkippedOrRead() throws {
    let text = "\na,b\n1,2\n\n\r\n3,4\n\n"
    XCTAssertEqual(try read(text).rowCount, 2)
    var options = CSVOptions()
    options.skipBlankLines = false
    let frame = try read(text, options)
    assertNumbers(numbers(frame, "a"), [1, .nan, .nan, 3, .nan])
  }

  func test_lastLineWithoutNewlineAndTrailingEmptyField() throws {
    let frame = try read("a,b\n1,2\n3,")
    assertNumbers(numbers(frame, "b"), [2, .nan])
    let quoted = try read("a,b\n1,\"x\"")
    XCTAssertEqual(strings(quoted, "b"), ["x"])
  }

  func test_delimiterIsSniffedOrGiven() throws {
    XCTAssertEqual(try read("a;b\n1,5;2\n3;4\n")["a"]?.type, .text)
    XCTAssertEqual(try read("a;b;c\n1;2;3\n").columnNames, ["a", "b", "c"])
    XCTAssertEqual(try read("a\tb\n1\t2\n").columnNames, ["a", "b"])
    XCTAssertEqual(try read("a|b\n1|2\n").columnNames, ["a", "b"])
    XCTAssertEqual(try read("\"x;y\",b\n1,2\n").columnNames, ["x;y", "b"])
    XCTAssertEqual(try read("single\n1\n2\n").columnNames, ["single"])
    var options = CSVOptions()
    options.delimiter = ";"
    let frame = try read("a,b;c\n1,5;2\n", options)
    XCTAssertEqual(frame.columnNames, ["a,b", "c"])
    options.delimiter = "\""
    XCTAssertEqual(
      message("a\n", options),
      "read_csv: delimiter must be one ASCII character other than a quote "
        + "or a line break")
  }

  func test_headerlessFilesAndGivenNames() throws {
    var options = CSVOptions()
    options.hasHeader = false
    let frame = try read("1,x\n2,y\n", options)
    XCTAssertEqual(frame.columnNames, ["column_1", "column_2"])
    XCTAssertEqual(frame.rowCount, 2)
    options.names = ["n", "s"]
    XCTAssertEqual(try read("1,x\n", options).columnNames, ["n", "s"])
    options.names = ["n"]
    XCTAssertEqual(message("1,x\n", options),
                   "read_csv: data.csv: 1 names given but the file has 2 "
                     + "columns")
  }

  func test_emptyHeaderNameIsNumbered() throws {
    XCTAssertEqual(try read(",b\n1,2\n").columnNames, ["column_1", "b"])
  }

  func test_usecolsByNameOrPositionKeepFileOrder() throws {
    var options = CSVOptions()
    options.columns = ["c", 1]
    let frame = try read("a,b,c\n1,x,3\n4,y,6\n", options)
    XCTAssertEqual(frame.columnNames, ["a", "c"])
    assertNumbers(numbers(frame, "c"), [3, 6])
    options.columns = ["z"]
    XCTAssertEqual(message("a,b\n1,2\n", options),
                   "read_csv: data.csv: usecols: no column named 'z'")
    options.columns = [3]
    XCTAssertEqual(message("a,b\n1,2\n", options),
                   "read_csv: data.csv: usecols: no column 3 (the file has 2)")
  }

  func test_rowLimitReadsTheFirstRecords() throws {
    var options = CSVOptions()
    options.rowLimit = 2
    let frame = try read("a\n1\n2\n3\nbroken,row\n", options)
    assertNumbers(numbers(frame, "a"), [1, 2])
    options.rowLimit = 0
    XCTAssertEqual(try read("a\n1\n", options).rowCount, 0)
  }

  // MARK: - Errors

  func test_raggedRecordsNameTheirLine() {
    XCTAssertEqual(
      message("a,b,c,d,e,f\n1,2,3,4,5,6\n1,2,3,4,5\n"),
      "read_csv: data.csv:3: expected 6 fields, got 5")
    XCTAssertEqual(
      message("a,b\n1,2\n1,2,3\n"),
      "read_csv: data.csv:3: expected 2 fields, got 3")
    XCTAssertEqual(
      message("a,b\n1,\"x\ny\"\n\n2,\"p,q\",z\n"),
      "read_csv: data.csv:5: expected 2 fields, got 3")
  }

  func test_lineNumbersCountQuotedNewlinesAndSkippedLines() {
    var lines = "a,b\n"
    for row in 0..<16 { lines += "\(row),\"x\ny\"\n" }
    lines += "\n1\n"
    XCTAssertEqual(message(lines),
                   "read_csv: data.csv:35: expected 2 fields, got 1")
  }

  func test_unterminatedQuote() {
    XCTAssertEqual(
      message("a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n11,12\n13,14\n15,\"open\n"
                + "16,17\n"),
      "read_csv: data.csv:9: unterminated quoted field")
    XCTAssertEqual(message("\"a,b\n1,2\n"),
                   "read_csv: data.csv:1: unterminated quoted field")
  }

  func test_emptyFiles() throws {
    XCTAssertEqual(message(""), "read_csv: data.csv: file is empty")
    XCTAssertEqual(message("\n\n\r\n"), "read_csv: data.csv: file is empty")
    XCTAssertEqual(message([0xEF, 0xBB, 0xBF]),
                   "read_csv: data.csv: file is empty")
    let path = try file("empty.csv", "")
    XCTAssertThrowsError(try DataFrame.readCSV(path)) { error in
      XCTAssertEqual("\(error)", "read_csv: \(path): file is empty")
    }
  }

  func test_headerOnlyGivesNoRows() throws {
    let frame = try read("a,b,c\n")
    XCTAssertEqual(frame.shape.rows, 0)
    XCTAssertEqual(frame.shape.columns, 3)
    XCTAssertEqual(frame.columnTypes, [.number, .number, .number])
    XCTAssertEqual(try read("a,b").shape.columns, 2)
  }

  func test_duplicateColumnNames() {
    XCTAssertEqual(message("age,name,age\n1,x,2\n"),
                   "read_csv: data.csv: duplicate column name 'age'")
  }

  func test_missingFile() {
    let path = folder + "/data.csv"
    XCTAssertThrowsError(try DataFrame.readCSV(path)) { error in
      XCTAssertEqual("\(error)", "read_csv: \(path): No such file or directory")
    }
    XCTAssertThrowsError(try DataFrame.readCSV(folder)) { error in
      XCTAssertEqual("\(error)", "read_csv: \(folder): Is a directory")
    }
  }

  func test_invalidUTF8NamesItsLine() {
    XCTAssertEqual(message(Array("a,b\n1,x\n2,".utf8) + [0xC3, 0x28, 0x0A]),
                   "read_csv: data.csv:3: invalid UTF-8")
    XCTAssertEqual(message(Array("a,".utf8) + [0xFF, 0x0A]
                             + Array("1,2\n".utf8)),
                   "read_csv: data.csv:1: invalid UTF-8")
    XCTAssertEqual(message(Array("a\n1\n\"".utf8) + [0xED, 0xA0, 0x80, 0x22]),
                   "read_csv: data.csv:3: invalid UTF-8")
  }

  func test_validUTF8TextIsKept() throws {
    let frame = try read("ville\nSaint-Étienne\n東京\n🙂\n")
    XCTAssertEqual(strings(frame, "ville"), ["Saint-Étienne", "東京", "🙂"])
  }

  // MARK: - Pieces and threads

  /// A file of a few MB with every kind of field: numbers, missing
  /// values, booleans, text with quotes, delimiters and newlines.
  func generatedFile(rows: Int) -> String {
    var text = "id,x,flag,city,note,late\n"
    var state: UInt64 = 42
    func next() -> UInt64 {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      return state >> 33
    }
    let cities = ["Lyon", "Paris", "Nice", "Brest"]
    for row in 0..<rows {
      let x = next() % 10 == 0
        ? "" : "\(Int(next() % 20000) - 10000).\(next() % 1000)"
      let flag = next() % 2 == 0 ? "true" : "false"
      let city = next() % 17 == 0 ? "NA" : cities[Int(next() % 4)]
      let note: String
      switch next() % 5 {
      case 0: note = "\"line one\nline two, \"\"quoted\"\"\""
      case 1: note = "\"a,b\""
      case 2: note = ""
      default: note = "plain \(next() % 50)"
      }
      let late = row == rows - 3 ? "text" : "\(row)"
      text += "\(row),\(x),\(flag),\(city),\(note),\(late)\n"
    }
    return text
  }

  func test_sameFrameForAnyThreadCountAndPieceSize() throws {
    let path = try file("big.csv", generatedFile(rows: 60000))
    var options = CSVOptions()
    options.threads = 1
    options.chunkBytes = 1 << 30
    let reference = try DataFrame.readCSV(path, options)
    XCTAssertEqual(reference.rowCount, 60000)
    XCTAssertEqual(reference.columnTypes,
                   [.number, .number, .boolean, .text, .text, .text])
    for (threads, piece) in [(1, 4096), (2, 65536), (4, 1000), (8, 777),
                             (nil, nil)] as [(Int?, Int?)]
    {
      options.threads = threads
      options.chunkBytes = piece
      let frame = try DataFrame.readCSV(path, options)
      XCTAssertEqual(frame, reference,
                     "threads \(threads ?? 0) piece \(piece ?? 0)")
    }
  }

  func test_countedAndBufferedReadsAgree() throws {
    // No quotes: the reader counts records first and writes numbers into
    // the frame's arrays; a row limit turns that off.
    var text = "# comment\nid,x,flag,city,late\n"
    for row in 0..<30000 {
      let x = row % 7 == 0 ? "" : "\(row % 1000).\(row % 97)"
      let city = row % 11 == 0 ? "NA" : ["Lyon", "Nice", "Brest"][row % 3]
      let late = row == 29990 ? "text" : "\(row)"
      text += "\(row),\(x),\(row % 2 == 0),\(city),\(late)\n"
      if row % 1000 == 0 { text += "\n# note\n" }
    }
    var options = CSVOptions()
    options.comment = "#"
    options.chunkBytes = 5000
    options.threads = 4
    let counted = try read(text, options)
    options.rowLimit = Int.max
    let buffered = try read(text, options)
    XCTAssertEqual(counted, buffered)
    XCTAssertEqual(counted.rowCount, 30000)
    XCTAssertEqual(counted.columnTypes,
                   [.number, .number, .boolean, .text, .text])
    options.rowLimit = nil
    options.skipBlankLines = false
    let withBlanks = try read(text, options)
    XCTAssertEqual(withBlanks.rowCount, 30030)
    options.rowLimit = Int.max
    XCTAssertEqual(try read(text, options), withBlanks)
  }

  func test_errorsAreTheSameForAnyPieceSize() throws {
    var text = generatedFile(rows: 3000)
    text += "1,2\n"
    let lines = text.filter { $0 == "\n" }.count
    for piece in [nil, 512, 4096] as [Int?] {
      var options = CSVOptions()
      options.chunkBytes = piece
      options.threads = 4
      XCTAssertEqual(message(text, options),
                     "read_csv: data.csv:\(lines): expected 6 fields, got 2")
    }
  }

  func test_piecesStartingInsideQuotesAreReadAgain() throws {
    // Records of one long quoted field full of line breaks, so most
    // guessed piece starts fall inside quotes.
    var text = "id,blob\n"
    for row in 0..<300 {
      text += "\(row),\"" + String(repeating: "x\n1,2\n", count: 40) + "\"\n"
    }
    var options = CSVOptions()
    options.chunkBytes = 100
    options.threads = 3
    let frame = try read(text, options)
    XCTAssertEqual(frame.rowCount, 300)
    XCTAssertEqual(frame.columnTypes, [.number, .text])
    guard case .text(_, let levels) = frame["blob"] else {
      return XCTFail("text expected")
    }
    XCTAssertEqual(levels.count, 1)
  }

  func test_levelsFollowFirstAppearanceAcrossPieces() throws {
    var text = "k\n"
    for word in ["d", "b", "d", "a", "c", "b", "e", "a"] {
      text += String(repeating: word + "\n", count: 500)
    }
    var options = CSVOptions()
    options.chunkBytes = 700
    options.threads = 4
    guard case .text(_, let levels) = try read(text, options)["k"] else {
      return XCTFail("text expected")
    }
    XCTAssertEqual(levels, ["d", "b", "a", "c", "e"])
  }

  func test_progressGrowsToTheTotal() throws {
    final class Box: @unchecked Sendable { var calls: [(Int, Int)] = [] }
    let box = Box()
    var options = CSVOptions()
    options.chunkBytes = 10000
    options.threads = 2
    options.progress = { done, total in box.calls.append((done, total)) }
    let text = generatedFile(rows: 5000)
    _ = try read(text, options)
    XCTAssertGreaterThan(box.calls.count, 2)
    XCTAssertEqual(box.calls.map(\.0), box.calls.map(\.0).sorted())
    XCTAssertEqual(box.calls.last?.0, box.calls.last?.1)
    XCTAssertEqual(box.calls.last?.1, text.utf8.count)
  }

  func test_interruptionStopsReading() throws {
    let path = try file("big.csv", generatedFile(rows: 50000))
    Cancellation.isRequested = { true }
    defer { Cancellation.isRequested = { false } }
    XCTAssertThrowsError(try DataFrame.readCSV(path)) { error in
      XCTAssertEqual(error as? NightjarError, .interrupted)
    }
  }

  // MARK: - Writing

  func test_roundTrip() throws {
    let path = try file("in.csv", generatedFile(rows: 2000))
    let frame = try DataFrame.readCSV(path)
    let copy = folder + "/out.csv"
    try frame.toCSV(copy)
    XCTAssertEqual(try DataFrame.readCSV(copy), frame)
  }

  func test_writingFormatsAndQuotes() throws {
    let frame = try DataFrame([
      ("n", .number([1, 0.1, .nan, -2.5e-7, 1e20])),
      ("b", Column.boolean([true, false, nil, true, false])),
      ("t", Column.text(["a,b", "say \"hi\"", nil, " pad", "two\nlines"])),
    ])
    let path = folder + "/w.csv"
    try frame.toCSV(path)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    XCTAssertEqual(text, """
      n,b,t
      1,true,"a,b"
      0.1,false,"say ""hi\"\"\"
      ,,
      -2.5e-07,true," pad"
      1e+20,false,"two
      lines"

      """)
    XCTAssertEqual(try DataFrame.readCSV(path), frame)
  }

  func test_badCharacterOptions() throws {
    var options = CSVOptions()
    options.comment = "\n"
    XCTAssertEqual(
      message("a\n", options),
      "read_csv: comment must be one ASCII character other than a quote "
        + "or a line break")
    let frame = try DataFrame([("a", .number([1]))])
    XCTAssertThrowsError(try frame.toCSV(folder + "/x.csv", delimiter: "é")) {
      error in
      XCTAssertEqual(
        "\(error)",
        "to_csv: delimiter must be one ASCII character other than a quote "
          + "or a line break")
    }
  }

  func test_writingToAMissingFolderFails() throws {
    let frame = try DataFrame([("a", .number([1]))])
    let path = folder + "/no/such/out.csv"
    XCTAssertThrowsError(try frame.toCSV(path)) { error in
      XCTAssertEqual("\(error)", "to_csv: \(path): No such file or directory")
    }
  }

  // MARK: - pandas

  func test_readsLikePandas() throws {
    let fixtures = try Fixtures.load()
    let frame = try DataFrame.readCSV(Fixtures.path("data_people.csv"))
    let read = try XCTUnwrap(fixtures["read"] as? [String: Any])
    XCTAssertEqual(frame.columnNames, read["columns"] as? [String])
    XCTAssertEqual(frame.columnTypes,
                   [.number, .text, .number, .number, .number, .boolean,
                    .text])
    let values = try XCTUnwrap(read["values"] as? [String: [Any]])
    for name in frame.columnNames {
      let expected = try XCTUnwrap(values[name])
      switch frame[name] {
      case .number(let numbers)?:
        assertNumbers(numbers, expected.map(Fixtures.number))
      case .boolean(let numbers)?:
        XCTAssertEqual(numbers, expected.map { ($0 as? Bool) == true ? 1 : 0 })
      case .text?:
        XCTAssertEqual(strings(frame, name), expected.map { $0 as? String })
      case nil:
        XCTFail("no column \(name)")
      }
    }
  }
}
