// DataFrame: building, selecting, sorting, missing values, statistics,
// grouping, joining, rendering; values compared with pandas fixtures.

import Foundation
import XCTest

@testable import NightjarCore

final class DataFrameTests: XCTestCase {
  /// Relative tolerance for statistics compared with pandas (different
  /// summation orders agree to about 1e-15).
  let tolerance = 1e-12

  /// A small frame: id, city (text, one missing), age (one missing),
  /// member (boolean).
  func people() throws -> DataFrame {
    try DataFrame([
      ("id", .number([1, 2, 3, 4, 5, 6])),
      ("city", Column.text(["Lyon", "Paris", nil, "Lyon", "Nice", "Paris"])),
      ("age", .number([30, .nan, 25, 41, 25, 52])),
      ("member", Column.boolean([true, false, true, nil, false, true])),
    ])
  }

  func message(_ body: () throws -> Any) -> String {
    do {
      _ = try body()
      return "no error"
    } catch {
      return "\(error)"
    }
  }

  func ids(_ frame: DataFrame) -> [Double] {
    frame["id"]?.numbers ?? []
  }

  func assertClose(_ actual: [Double], _ expected: [Double],
                   _ label: String = "",
                   file: StaticString = #filePath, line: UInt = #line)
  {
    XCTAssertEqual(actual.count, expected.count, "\(label) count",
                   file: file, line: line)
    for (index, (a, e)) in zip(actual, expected).enumerated() {
      if a.isNaN || e.isNaN {
        XCTAssertTrue(a.isNaN && e.isNaN, "\(label)[\(index)]: \(a) vs \(e)",
                      file: file, line: line)
      } else {
        XCTAssertLessThanOrEqual(
          abs(a - e), tolerance * max(1, abs(e)),
          "\(label)[\(index)]: \(a) vs \(e)", file: file, line: line)
      }
    }
  }

  // MARK: - Building

  func test_byteCountCountsValuesCodesAndLevels() throws {
    let frame = try DataFrame([
      ("n", .number([1, 2, 3])),
      ("b", Column.boolean([true, nil, false])),
      ("t", Column.text(["ab", nil, "ab"])),
    ])
    XCTAssertEqual(frame["t"]?.byteCount, 3 * 4 + 2 + 16)
    XCTAssertEqual(frame.byteCount, 24 + 24 + 30)
    XCTAssertEqual(DataFrame().byteCount, 0)
  }

  func test_shapeNamesAndColumns() throws {
    let frame = try people()
    XCTAssertEqual(frame.shape.rows, 6)
    XCTAssertEqual(frame.shape.columns, 4)
    XCTAssertEqual(frame.columnNames, ["id", "city", "age", "member"])
    XCTAssertEqual(frame.columnTypes, [.number, .text, .number, .boolean])
    XCTAssertEqual(frame["city"]?.strings,
                   ["Lyon", "Paris", nil, "Lyon", "Nice", "Paris"])
    XCTAssertNil(frame["nope"])
    XCTAssertEqual(message { try frame.column("nope") },
                   "column: no column named 'nope'")
  }

  func test_buildingChecksNamesAndLengths() {
    XCTAssertEqual(
      message { try DataFrame([("a", .number([1])), ("a", .number([2]))]) },
      "DataFrame: duplicate column name 'a'")
    XCTAssertEqual(
      message { try DataFrame([("a", .number([1, 2])), ("b", .number([2]))]) },
      "DataFrame: column 'b' has 1 values but column 'a' has 2")
  }

  func test_buildingFromADictionary() throws {
    let columns: [String: Column] = [
      "b": .number([1, 2]), "a": Column.text(["x", "y"]),
    ]
    XCTAssertEqual(try DataFrame(columns).columnNames, ["a", "b"])
    XCTAssertEqual(try DataFrame(columns, order: ["b", "a"]).columnNames,
                   ["b", "a"])
    XCTAssertEqual(message { try DataFrame(columns, order: ["b", "c"]) },
                   "DataFrame: order names 'c', which is not a column")
    XCTAssertEqual(message { try DataFrame(columns, order: ["b", "b"]) },
                   "DataFrame: order leaves out column 'a'")
  }

  func test_textColumnsAreCanonical() throws {
    let frame = try DataFrame([
      ("t", .text(codes: [2, 0, 2, -1, 7, 1], levels: ["a", "b", "a"])),
    ])
    XCTAssertEqual(frame["t"],
                   .text(codes: [0, 0, 0, -1, -1, 1], levels: ["a", "b"]))
  }

  func test_setColumnAddsOrReplaces() throws {
    var frame = try people()
    try frame.setColumn("double", numbers: [2, 4, 6, 8, 10, 12])
    try frame.setColumn("id", strings: ["a", "b", "c", "d", "e", "f"])
    XCTAssertEqual(frame.columnNames, ["id", "city", "age", "member", "double"])
    XCTAssertEqual(frame["id"]?.type, .text)
    XCTAssertEqual(message { try frame.setting("x", .number([1])) },
                   "set column: 'x' has 1 values but the frame has 6 rows")
  }

  // MARK: - Selecting

  func test_headAndTail() throws {
    let frame = try people()
    XCTAssertEqual(ids(frame.head(2)), [1, 2])
    XCTAssertEqual(ids(frame.tail(2)), [5, 6])
    XCTAssertEqual(ids(frame.head()), [1, 2, 3, 4, 5])
    XCTAssertEqual(ids(frame.head(-4)), [1, 2])
    XCTAssertEqual(ids(frame.tail(-4)), [5, 6])
    XCTAssertEqual(frame.head(100).rowCount, 6)
    XCTAssertEqual(frame.head(0).rowCount, 0)
    XCTAssertEqual(frame.head(Int.min).rowCount, 0)
    XCTAssertEqual(frame.tail(Int.min).rowCount, 0)
    XCTAssertEqual(frame.tail(Int.max).rowCount, 6)
    XCTAssertEqual(frame.tail(1)["city"], Column.text(["Paris"]))
  }

  func test_selectDropRename() throws {
    let frame = try people()
    XCTAssertEqual(try frame.select(["age", "id"]).columnNames, ["age", "id"])
    XCTAssertEqual(try frame.drop(["city", "member"]).columnNames,
                   ["id", "age"])
    XCTAssertEqual(try frame.drop(["id"]).shape.columns, 3)
    XCTAssertEqual(try frame.drop(["id", "city", "age", "member"]).shape.rows,
                   6)
    XCTAssertEqual(try frame.rename(["age": "years"]).columnNames,
                   ["id", "city", "years", "member"])
    XCTAssertEqual(message { try frame.select(["id", "ghost"]) },
                   "select: no column named 'ghost'")
    XCTAssertEqual(message { try frame.select(["id", "id"]) },
                   "select: column 'id' is selected twice")
    XCTAssertEqual(message { try frame.drop(["age", "ghost"]) },
                   "drop: no column named 'ghost'")
    XCTAssertEqual(message { try frame.rename(["ghost": "x"]) },
                   "rename: no column named 'ghost'")
    XCTAssertEqual(message { try frame.rename(["age": "id"]) },
                   "rename: duplicate column name 'id'")
  }

  func test_filterByMask() throws {
    let frame = try people()
    let kept = try frame.filter([true, false, false, true, false, true])
    XCTAssertEqual(ids(kept), [1, 4, 6])
    XCTAssertEqual(kept["city"], Column.text(["Lyon", "Lyon", "Paris"]))
    XCTAssertEqual(message { try frame.filter([true]) },
                   "filter: mask has 1 values but the frame has 6 rows")
  }

  func test_numericColumnsAreRowMajor() throws {
    let frame = try people()
    let block = try frame.numericColumns(["id", "age", "member"])
    XCTAssertEqual(block.rows, 6)
    XCTAssertEqual(block.columns, 3)
    XCTAssertEqual(block.names, ["id", "age", "member"])
    XCTAssertEqual(Array(block.values.prefix(6)).map { $0.isNaN ? -1 : $0 },
                   [1, 30, 1, 2, -1, 0])
    XCTAssertEqual(message { try frame.numericColumns() },
                   "to_matrix: column 'city' holds text, not numbers")
    XCTAssertEqual(message { try frame.numericColumns(["id", "ghost"]) },
                   "to_matrix: no column named 'ghost'")
    let empty = try DataFrame().numericColumns()
    XCTAssertEqual(empty.values.count, 0)
  }

  // MARK: - Sorting

  func test_sortValuesIsStableWithMissingLast() throws {
    let frame = try people()
    XCTAssertEqual(ids(try frame.sortValues(by: ["age"])), [3, 5, 1, 4, 6, 2])
    XCTAssertEqual(ids(try frame.sortValues(by: ["age"], ascending: [false])),
                   [6, 4, 1, 3, 5, 2])
    XCTAssertEqual(ids(try frame.sortValues(by: ["city", "age"],
                                            ascending: [true, false])),
                   [4, 1, 5, 6, 2, 3])
    XCTAssertEqual(ids(try frame.sortValues(by: ["member"])),
                   [2, 5, 1, 3, 6, 4])
  }

  func test_sortValuesErrors() throws {
    let frame = try people()
    XCTAssertEqual(message { try frame.sortValues(by: ["ghost"]) },
                   "sort_values: no column named 'ghost'")
    XCTAssertEqual(message { try frame.sortValues(by: []) },
                   "sort_values: no key given")
    XCTAssertEqual(
      message { try frame.sortValues(by: ["id", "age"],
                                     ascending: [true, false, true]) },
      "sort_values: 2 keys but 3 ascending flags")
  }

  func test_sortTextByCodePoints() throws {
    let frame = try DataFrame([("t", Column.text(["b", "B", "é", "a", "Z"]))])
    XCTAssertEqual(try frame.sortValues(by: ["t"])["t"]?.strings,
                   ["B", "Z", "a", "b", "é"])
  }

  // MARK: - Missing values

  func test_isNA() throws {
    let mask = try people().isNA()
    XCTAssertEqual(mask.columnTypes, [.boolean, .boolean, .boolean, .boolean])
    XCTAssertEqual(mask["city"]?.numbers, [0, 0, 1, 0, 0, 0])
    XCTAssertEqual(mask["member"]?.numbers, [0, 0, 0, 1, 0, 0])
  }

  func test_dropNA() throws {
    let frame = try people()
    XCTAssertEqual(ids(try frame.dropNA()), [1, 5, 6])
    XCTAssertEqual(ids(try frame.dropNA(subset: ["age"])), [1, 3, 4, 5, 6])
    XCTAssertEqual(ids(try frame.dropNA(how: .all, subset: ["city", "age"])),
                   [1, 2, 3, 4, 5, 6])
    let both = try DataFrame([("a", .number([.nan, 1, .nan])),
                              ("b", .number([.nan, .nan, 2]))])
    XCTAssertEqual(try both.dropNA(how: .all).rowCount, 2)
    XCTAssertEqual(message { try frame.dropNA(subset: ["ghost"]) },
                   "dropna: no column named 'ghost'")
  }

  func test_fillNA() throws {
    let frame = try people()
    let zero = frame.fillNA(.number(0))
    XCTAssertEqual(zero["age"]?.numbers, [30, 0, 25, 41, 25, 52])
    XCTAssertEqual(zero["city"], frame["city"])
    let filled = try frame.fillNA([
      "city": .text("Brest"), "member": .boolean(false),
    ])
    XCTAssertEqual(filled["city"]?.strings,
                   ["Lyon", "Paris", "Brest", "Lyon", "Nice", "Paris"])
    XCTAssertEqual(filled["member"]?.numbers, [1, 0, 1, 0, 0, 1])
    let early = try DataFrame([("t", Column.text([nil, "b", "a"]))])
    XCTAssertEqual(early.fillNA(.text("z"))["t"],
                   .text(codes: [0, 1, 2], levels: ["z", "b", "a"]))
    XCTAssertEqual(message { try frame.fillNA(["age": .text("x")]) },
                   "fillna: column 'age' holds number values, not text")
    XCTAssertEqual(message { try frame.fillNA(["ghost": .number(1)]) },
                   "fillna: no column named 'ghost'")
  }

  // MARK: - Statistics

  func test_describeSmall() throws {
    let summary = try people().describe()
    XCTAssertEqual(summary.columnNames, ["statistic", "id", "age"])
    XCTAssertEqual(summary["statistic"]?.strings,
                   ["count", "mean", "std", "min", "25%", "50%", "75%", "max"])
    assertClose(summary["age"]?.numbers ?? [],
                [5, 34.6, 11.717508267545622, 25, 25, 30, 41, 52])
    let single = try DataFrame([("x", .number([4, .nan]))]).describe()
    assertClose(single["x"]?.numbers ?? [], [1, 4, .nan, 4, 4, 4, 4, 4])
    let none = try DataFrame([("x", .number([]))]).describe()
    assertClose(none["x"]?.numbers ?? [],
                [0] + Array(repeating: .nan, count: 7))
    XCTAssertEqual(
      message { try DataFrame([("t", Column.text(["a"]))]).describe() },
      "describe: the frame has no number columns")
  }

  func test_valueCountsSmall() throws {
    let counts = try people().valueCounts("city")
    XCTAssertEqual(counts.columnNames, ["city", "count"])
    XCTAssertEqual(counts["city"]?.strings, ["Lyon", "Paris", "Nice"])
    XCTAssertEqual(counts["count"]?.numbers, [2, 2, 1])
    let ages = try people().valueCounts("age")
    XCTAssertEqual(ages["age"]?.numbers, [25, 30, 41, 52])
    XCTAssertEqual(ages["count"]?.numbers, [2, 1, 1, 1])
    XCTAssertEqual(message { try people().valueCounts("ghost") },
                   "value_counts: no column named 'ghost'")
  }

  func test_groupByAggregates() throws {
    let result = try people().groupBy(["city"]).aggregate([
      ("age", [.count, .sum, .mean, .min, .max, .std, .size]),
      ("member", [.sum]),
    ])
    XCTAssertEqual(result.columnNames,
                   ["city", "age_count", "age_sum", "age_mean", "age_min",
                    "age_max", "age_std", "age_size", "member_sum"])
    XCTAssertEqual(result["city"]?.strings, ["Lyon", "Nice", "Paris"])
    assertClose(result["age_count"]?.numbers ?? [], [2, 1, 1])
    assertClose(result["age_sum"]?.numbers ?? [], [71, 25, 52])
    assertClose(result["age_mean"]?.numbers ?? [], [35.5, 25, 52])
    assertClose(result["age_std"]?.numbers ?? [],
                [7.7781745930520225, .nan, .nan])
    assertClose(result["age_size"]?.numbers ?? [], [2, 1, 2])
    assertClose(result["member_sum"]?.numbers ?? [], [1, 0, 1])
  }

  func test_groupByErrors() throws {
    let frame = try people()
    XCTAssertEqual(message { try frame.groupBy([]) }, "groupby: no key given")
    XCTAssertEqual(message { try frame.groupBy(["ghost"]) },
                   "groupby: no column named 'ghost'")
    XCTAssertEqual(
      message { try frame.groupBy(["id"]).aggregate([("city", [.mean])]) },
      "groupby: cannot take the mean of text column 'city'")
    XCTAssertEqual(
      message { try frame.groupBy(["id"]).aggregate([("ghost", [.sum])]) },
      "groupby: no column named 'ghost'")
    XCTAssertEqual(
      message {
        try frame.groupBy(["id"]).aggregate([("age", [.sum, .sum])])
      },
      "groupby: duplicate column name 'age_sum'")
  }

  // MARK: - Combining

  func test_concatStacksRows() throws {
    let first = try people()
    let second = try DataFrame([
      ("member", Column.boolean([true])),
      ("age", .number([60])),
      ("city", Column.text(["Brest"])),
      ("id", .number([7])),
    ])
    let both = try DataFrame.concat([first, second])
    XCTAssertEqual(both.columnNames, first.columnNames)
    XCTAssertEqual(ids(both), [1, 2, 3, 4, 5, 6, 7])
    XCTAssertEqual(both["city"]?.strings,
                   ["Lyon", "Paris", nil, "Lyon", "Nice", "Paris", "Brest"])
    XCTAssertEqual(try DataFrame.concat([]).shape.columns, 0)
  }

  func test_concatAcceptsAnEmptyNumberColumnForAnyType() throws {
    let text = try DataFrame([("t", Column.text(["a"]))])
    let empty = try DataFrame([("t", .number([.nan, .nan]))])
    XCTAssertEqual(try DataFrame.concat([empty, text])["t"]?.strings,
                   [nil, nil, "a"])
  }

  func test_concatErrors() throws {
    let frame = try DataFrame([("a", .number([1])), ("b", .number([2]))])
    let fewer = try DataFrame([("a", .number([1]))])
    let more = try DataFrame([("a", .number([1])), ("b", .number([2])),
                              ("c", .number([3]))])
    let text = try DataFrame([("a", .number([1])), ("b", Column.text(["x"]))])
    XCTAssertEqual(message { try DataFrame.concat([frame, fewer]) },
                   "concat: frame 2 has no column 'b'")
    XCTAssertEqual(message { try DataFrame.concat([frame, frame, more]) },
                   "concat: frame 3 has a column 'c' that frame 1 lacks")
    XCTAssertEqual(message { try DataFrame.concat([frame, text]) },
                   "concat: column 'b' is number in frame 1 but text in "
                     + "frame 2")
  }

  func test_mergeInnerAndLeft() throws {
    let left = try DataFrame([
      ("k", Column.text(["x", "y", "x", "z", nil])),
      ("a", .number([1, 2, 3, 4, 5])),
    ])
    let right = try DataFrame([
      ("k", Column.text(["z", "x", "x", "w", nil])),
      ("a", .number([10, 20, 30, 40, 50])),
    ])
    let inner = try left.merge(right, on: ["k"])
    XCTAssertEqual(inner.columnNames, ["k", "a_x", "a_y"])
    XCTAssertEqual(inner["k"]?.strings, ["x", "x", "x", "x", "z"])
    XCTAssertEqual(inner["a_x"]?.numbers, [1, 1, 3, 3, 4])
    XCTAssertEqual(inner["a_y"]?.numbers, [20, 30, 20, 30, 10])
    let outer = try left.merge(right, on: ["k"], how: .left,
                               suffixes: ("_l", "_r"))
    XCTAssertEqual(outer.columnNames, ["k", "a_l", "a_r"])
    XCTAssertEqual(outer["a_l"]?.numbers, [1, 1, 2, 3, 3, 4, 5])
    assertClose(outer["a_r"]?.numbers ?? [], [20, 30, .nan, 20, 30, 10, .nan])
  }

  func test_mergeOnTwoKeys() throws {
    let left = try DataFrame([
      ("a", .number([1, 1, 2])), ("b", Column.text(["p", "q", "p"])),
      ("v", .number([1, 2, 3])),
    ])
    let right = try DataFrame([
      ("b", Column.text(["p", "p"])), ("a", .number([2, 1])),
      ("w", .number([20, 10])),
    ])
    let joined = try left.merge(right, on: ["a", "b"])
    XCTAssertEqual(joined.columnNames, ["a", "b", "v", "w"])
    XCTAssertEqual(joined["v"]?.numbers, [1, 3])
    XCTAssertEqual(joined["w"]?.numbers, [10, 20])
  }

  func test_mergeErrors() throws {
    let left = try DataFrame([("k", .number([1])), ("a", .number([1]))])
    let right = try DataFrame([("k", Column.text(["1"])), ("b", .number([1]))])
    XCTAssertEqual(message { try left.merge(right, on: []) },
                   "merge: no key given")
    XCTAssertEqual(message { try left.merge(right, on: ["a"]) },
                   "merge: no column named 'a' in the right frame")
    XCTAssertEqual(message { try left.merge(right, on: ["b"]) },
                   "merge: no column named 'b' in the left frame")
    XCTAssertEqual(message { try left.merge(right, on: ["k"]) },
                   "merge: key 'k' is number on the left but text on the right")
    let clash = try DataFrame([("k", .number([1])), ("a", .number([1])),
                               ("a_x", .number([2]))])
    let other = try DataFrame([("k", .number([1])), ("a", .number([1]))])
    XCTAssertEqual(message { try clash.merge(other, on: ["k"]) },
                   "merge: duplicate column name 'a_x'")
  }

  // MARK: - Rendering

  func test_renderingSmallFrame() throws {
    let frame = try DataFrame([
      ("id", .number([1, 2, 3])),
      ("score", .number([0.5, -12.25, .nan])),
      ("city", Column.text(["Lyon", nil, "Saint-Étienne"])),
      ("ok", Column.boolean([true, false, nil])),
    ])
    XCTAssertEqual(frame.description, """
             id   score           city       ok
         number  number           text  boolean
      1       1    0.50           Lyon     true
      2       2  -12.25            NaN    false
      3       3     NaN  Saint-Étienne      NaN
      [3 rows x 4 columns]
      """)
  }

  func test_renderingBigFrameShowsHeadAndTail() throws {
    let count = 1_000_000
    let frame = try DataFrame([
      ("i", .number((0..<count).map(Double.init))),
      ("x", .number((0..<count).map { Double($0) * 1e-7 })),
    ])
    let text = frame.rendered(maxRows: 4)
    XCTAssertEqual(text, """
                    i             x
               number        number
            1       0  0.000000e+00
            2       1  1.000000e-07
      ...
       999999  999998  9.999980e-02
      1000000  999999  9.999990e-02
      [1000000 rows x 2 columns]
      """)
  }

  func test_renderingWideFrameCutsMiddleColumns() throws {
    let pairs = (0..<30).map { ("column\($0)", Column.number([Double($0)])) }
    let text = try DataFrame(pairs).rendered(width: 60)
    let lines = text.split(separator: "\n")
    XCTAssertTrue(lines.allSatisfy { $0.count <= 60 }, text)
    XCTAssertTrue(lines[0].contains("column0"))
    XCTAssertTrue(lines[0].contains("column29"))
    XCTAssertTrue(lines[0].contains("..."))
    XCTAssertEqual(lines.last, "[1 rows x 30 columns]")
  }

  // MARK: - pandas fixtures

  func fixtureFrame() throws -> DataFrame {
    try DataFrame.readCSV(Fixtures.path("data_people.csv"))
  }

  /// Compares a frame with a pandas frame in the fixtures, column by
  /// column (numbers within `tolerance`, text and booleans exactly).
  func assertMatches(_ frame: DataFrame, _ key: String,
                     file: StaticString = #filePath, line: UInt = #line)
    throws
  {
    let fixtures = try Fixtures.load()
    let expected = try XCTUnwrap(fixtures[key] as? [String: Any])
    let columns = try XCTUnwrap(expected["columns"] as? [String])
    let values = try XCTUnwrap(expected["values"] as? [String: [Any]])
    XCTAssertEqual(frame.columnNames, columns, file: file, line: line)
    for name in columns {
      let wanted = try XCTUnwrap(values[name])
      switch frame[name] {
      case .text?:
        XCTAssertEqual(frame[name]?.strings, wanted.map { $0 as? String },
                       name, file: file, line: line)
      case .boolean(let numbers)?:
        XCTAssertEqual(numbers, wanted.map { ($0 as? Bool) == true ? 1 : 0 },
                       name, file: file, line: line)
      case .number(let numbers)?:
        assertClose(numbers, wanted.map(Fixtures.number), name, file: file,
                    line: line)
      case nil:
        XCTFail("no column \(name)", file: file, line: line)
      }
    }
  }

  func test_describeMatchesPandas() throws {
    let summary = try fixtureFrame().describe()
    let expected = try XCTUnwrap(Fixtures.load()["describe"] as? [String: Any])
    XCTAssertEqual(summary["statistic"]?.strings,
                   (expected["statistics"] as? [String])?.map { $0 })
    let columns = try XCTUnwrap(expected["columns"] as? [String: [Any]])
    XCTAssertEqual(Set(summary.columnNames.dropFirst()), Set(columns.keys))
    for (name, values) in columns {
      assertClose(summary[name]?.numbers ?? [], values.map(Fixtures.number),
                  name)
    }
  }

  func test_groupByMatchesPandas() throws {
    let frame = try fixtureFrame()
    try assertMatches(
      frame.groupBy(["city"]).aggregate([
        ("age", [.count, .sum, .mean, .min, .max, .std]),
        ("income", [.mean, .median, .size]),
      ]),
      "groupby_city")
    try assertMatches(
      frame.groupBy(["city", "member"]).aggregate([
        ("score", [.count, .mean, .var]),
      ]),
      "groupby_city_member")
  }

  func test_sortValuesMatchesPandas() throws {
    let frame = try fixtureFrame()
    let fixtures = try Fixtures.load()
    XCTAssertEqual(
      ids(try frame.sortValues(by: ["city", "age"], ascending: [true, false])),
      (fixtures["sort_city_age"] as? [Any])?.map(Fixtures.number))
    XCTAssertEqual(
      ids(try frame.sortValues(by: ["income"], ascending: [false])),
      (fixtures["sort_income_desc"] as? [Any])?.map(Fixtures.number))
    XCTAssertEqual(
      ids(try frame.sortValues(by: ["member", "score"])),
      (fixtures["sort_member_score"] as? [Any])?.map(Fixtures.number))
  }

  func test_valueCountsMatchesPandas() throws {
    let frame = try fixtureFrame()
    let fixtures = try Fixtures.load()
    let city = try XCTUnwrap(fixtures["value_counts_city"] as? [String: [Any]])
    let counts = try frame.valueCounts("city")
    XCTAssertEqual(counts["city"]?.strings,
                   city["values"]?.map { $0 as? String })
    XCTAssertEqual(counts["count"]?.numbers,
                   city["counts"]?.map(Fixtures.number))
    let age = try XCTUnwrap(fixtures["value_counts_age"] as? [String: [Any]])
    let ages = try frame.valueCounts("age")
    XCTAssertEqual(ages["age"]?.numbers, age["values"]?.map(Fixtures.number))
    XCTAssertEqual(ages["count"]?.numbers, age["counts"]?.map(Fixtures.number))
  }

  func test_mergeMatchesPandas() throws {
    let people = try fixtureFrame()
    let orders = try DataFrame.readCSV(Fixtures.path("data_orders.csv"))
    let columns = ["id", "city_x", "age", "amount", "city_y"]
    try assertMatches(people.merge(orders, on: ["id"]).select(columns),
                      "merge_inner")
    try assertMatches(
      people.merge(orders, on: ["id"], how: .left).select(columns),
      "merge_left")
  }
}
