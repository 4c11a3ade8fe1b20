// The encoders and PolynomialFeatures against scikit-learn, string
// columns, errors and model file round trips.

import XCTest

@testable import NightjarCore

final class EncoderTests: XCTestCase {
  func test_encodersAgreeWithScikitLearn() throws {
    let cases = try PreprocessingFixture.cases("encoders")
    XCTAssertGreaterThanOrEqual(cases.count, 14)
    for item in cases {
      let estimator = try makeEstimator(item.estimator, item.parameters)
      guard let transformer = estimator as? any Transformer else {
        XCTFail("\(item) is not a transformer")
        continue
      }
      try transformer.fit(
        try PreprocessingFixture.dataSet(item.fit), target: nil)
      let test = try PreprocessingFixture.dataSet(item.test)
      let output = try transformer.transform(test)
      if let expected = try item.matrix("transform") {
        // Codes and products formed in scikit-learn's order: same bits.
        assertClose(output, expected, tolerance: 0, "\(item) transform")
      }
      if let expected = try item.matrix("inverse") {
        assertClose(
          try inverse(estimator, output), expected, tolerance: 0,
          "\(item) inverse_transform")
      }
      if let expected = try item.matrix("powers"),
        let poly = estimator as? PolynomialFeatures
      {
        assertClose(try poly.powers(), expected, tolerance: 0, "\(item)")
      }
      if case .array(let list)? = item.table["categories"] {
        let expected = try list.map {
          try PreprocessingFixture.matrix($0).toArray()
        }
        let observed = categories(estimator)?.map { column -> [Double] in
          guard case .numbers(let values) = column else { return [] }
          return values
        }
        XCTAssertEqual(observed?.count, expected.count, "\(item)")
        for (got, want) in zip(observed ?? [], expected) {
          assertClose(got, want, tolerance: 0, "\(item) categories")
        }
      }
      if case .array(let list)? = item.table["drop_idx"],
        let encoder = estimator as? OneHotEncoder
      {
        let expected = list.map { value -> Int? in
          if case .number(let number) = value { return Int(number) }
          return nil
        }
        XCTAssertEqual(encoder.droppedPositions ?? [], expected, "\(item)")
      }
      if case .array(let list)? = item.table["feature_names"] {
        let expected = list.compactMap { value -> String? in
          guard case .string(let text) = value else { return nil }
          return Self.withoutPointZero(text)
        }
        XCTAssertEqual(try names(estimator), expected, "\(item)")
      }
      guard let loaded = try roundTrip(estimator) as? any Transformer else {
        XCTFail("\(item): not reloaded as a transformer")
        continue
      }
      XCTAssertEqual(
        loaded.parameters.mapValues(\.description),
        estimator.parameters.mapValues(\.description), "\(item)")
      assertClose(
        try loaded.transform(test), output, tolerance: 0, "\(item) reloaded")
    }
  }

  /// scikit-learn names float categories `x0_1.0`; nightjar writes
  /// numbers as Lua prints whole ones, `x0_1`.
  static func withoutPointZero(_ name: String) -> String {
    name.hasSuffix(".0") ? String(name.dropLast(2)) : name
  }

  private func inverse(_ estimator: any Estimator, _ x: Matrix) throws
    -> Matrix
  {
    switch estimator {
    case let e as OneHotEncoder: return try e.inverseTransform(x)
    case let e as OrdinalEncoder: return try e.inverseTransform(x)
    default: throw PreprocessingFixture.FixtureError.malformed("inverse")
    }
  }

  private func categories(_ estimator: any Estimator) -> [Labels]? {
    switch estimator {
    case let e as OneHotEncoder: return e.categories
    case let e as OrdinalEncoder: return e.categories
    default: return nil
    }
  }

  private func names(_ estimator: any Estimator) throws -> [String] {
    switch estimator {
    case let e as OneHotEncoder: return try e.featureNames()
    case let e as OrdinalEncoder: return try e.featureNames()
    case let e as PolynomialFeatures: return try e.featureNames()
    default: throw PreprocessingFixture.FixtureError.malformed("names")
    }
  }

  func test_labelEncoderAgreesWithScikitLearn() throws {
    let items = try PreprocessingFixture.list(
      try PreprocessingFixture.object(PreprocessingFixture.root)["labels"])
    XCTAssertEqual(items.count, 2)
    for item in items {
      let table = try PreprocessingFixture.object(item)
      let y = try labels(table["y"])
      let encoder = LabelEncoder()
      let codes = try encoder.fitTransform(y)
      XCTAssertEqual(encoder.classes, try labels(table["classes"]))
      XCTAssertEqual(
        codes.map(Double.init),
        try PreprocessingFixture.list(table["codes"]).map(Fixture.number))
      XCTAssertEqual(
        try encoder.inverseTransform(codes.map(Double.init)), y)
      let loaded = try roundTrip(encoder) as? LabelEncoder
      XCTAssertEqual(loaded?.classes, encoder.classes)
    }
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

  func test_encodersTakeStringColumns() throws {
    let colors: Labels = .strings(["red", "blue", "red", "green"])
    let sizes: Labels = .strings(["S", "M", "M", "S"])
    let onehot = OneHotEncoder()
    try onehot.fit(columns: [colors, sizes])
    XCTAssertEqual(
      try onehot.featureNames(input: ["color", "size"]),
      ["color_blue", "color_green", "color_red", "size_M", "size_S"])
    let out = try onehot.transform(columns: [colors, sizes])
    XCTAssertEqual(out.toRowArrays()[0], [0, 0, 1, 0, 1])
    XCTAssertEqual(
      try onehot.inverseTransform(columns: out), [colors, sizes])
    assertThrows(
      try onehot.inverseTransform(out),
      "inverse_transform: the categories are strings; they cannot fill a "
        + "Matrix")
    let ordinal = OrdinalEncoder()
    try ordinal.fit(columns: [colors])
    XCTAssertEqual(
      try ordinal.transform(columns: [colors]).toArray(), [2, 0, 2, 1])
    assertThrows(
      try ordinal.transform(columns: [.numbers([1])]),
      "transform: column 1 holds numbers but the encoder was fitted with "
        + "strings")
    assertThrows(
      try onehot.transform(columns: [.strings(["red"]), .strings(["L"])]),
      "transform: found an unknown category 'L' in column 2 (row 1)")
  }

  // MARK: - Errors

  func test_oneHotEncoderErrors() throws {
    let x = try Matrix(3, 2, values: [1, 5, 2, 5, 1, 6])
    let encoder = OneHotEncoder()
    assertThrows(
      try encoder.transform(x),
      "transform: this OneHotEncoder is not fitted yet; call fit first")
    try encoder.fit(x, target: nil)
    assertThrows(
      try encoder.transform(try Matrix(2, 2, values: [1, 5, 1, 7])),
      "transform: found an unknown category 7 in column 2 (row 2)")
    assertThrows(
      try encoder.transform(try Matrix(1, 3, values: [1, 5, 1])),
      "transform: X has 3 columns but the encoder was fitted with 2")
    assertThrows(
      try encoder.inverseTransform(try Matrix(1, 3, values: [1, 0, 1])),
      "inverse_transform: X has 3 columns but the encoder makes 4")
    assertThrows(
      try encoder.inverseTransform(try Matrix(1, 4, values: [0, 0, 1, 0])),
      "inverse_transform: row 1 has no category in column 1 (all zeros, "
        + "and nothing was dropped)")
    assertThrows(
      try encoder.featureNames(input: ["a"]),
      "get_feature_names_out: 1 input names for 2 columns")
    assertThrows(
      try encoder.fit(try Matrix(1, 1, values: [.infinity]), target: nil),
      "fit: input contains infinity (column 1, row 1)")
    assertThrows(
      try encoder.setParameter("drop", .string("last")),
      "OneHotEncoder: invalid option 'last' for 'drop'")
    assertThrows(
      try encoder.setParameter("handle_unknown", .string("warn")),
      "OneHotEncoder: invalid option 'warn' for 'handle_unknown'")
    assertThrows(
      try encoder.fit(columns: []), "fit: X is empty (0x0)")
    assertThrows(
      try encoder.fit(columns: [.numbers([1, 2]), .numbers([1])]),
      "fit: column 2 has 1 rows but column 1 has 2")
  }

  func test_ordinalEncoderErrors() throws {
    let x = try Matrix(3, 2, values: [1, 5, 2, .nan, 3, 6])
    let encoder = OrdinalEncoder()
    try encoder.setParameter("unknown_value", .number(5))
    assertThrows(
      try encoder.fit(x, target: nil),
      "fit: 'unknown_value' may be set only when handle_unknown is "
        + "'use_encoded_value', got 5")
    try encoder.setParameter("handle_unknown", .string("use_encoded_value"))
    try encoder.setParameter("unknown_value", .none)
    assertThrows(
      try encoder.fit(x, target: nil),
      "fit: 'unknown_value' must be a whole number or NaN when "
        + "handle_unknown is 'use_encoded_value', got nil")
    try encoder.setParameter("unknown_value", .number(2))
    assertThrows(
      try encoder.fit(x, target: nil),
      "fit: 'unknown_value' 2 is already the code of a category")
    try encoder.setParameter("unknown_value", .number(-1))
    try encoder.setParameter("encoded_missing_value", .number(1))
    assertThrows(
      try encoder.fit(x, target: nil),
      "fit: 'encoded_missing_value' 1 is already the code of a category in "
        + "columns 2")
    assertThrows(
      try encoder.setParameter("unknown_value", .number(0.5)),
      "OrdinalEncoder: 'unknown_value' must be a whole number or NaN, got "
        + "0.5")
    try encoder.setParameter("encoded_missing_value", .string("nan"))
    try encoder.fit(x, target: nil)
    assertThrows(
      try encoder.inverseTransform(try Matrix(1, 2, values: [3, 0])),
      "inverse_transform: 3 in column 1 (row 1) is not a code; the codes "
        + "are 0 to 2")
    XCTAssertEqual(
      try encoder.transform(try Matrix(1, 2, values: [9, 6])).toArray(),
      [-1, 1])
  }

  func test_labelEncoderErrors() throws {
    let encoder = LabelEncoder()
    assertThrows(
      try encoder.transform(.strings(["a"])),
      "transform: this LabelEncoder is not fitted yet; call fit first")
    assertThrows(try encoder.fit(.strings([])), "fit: y is empty")
    assertThrows(
      try encoder.fit(.numbers([1, .nan])), "fit: y contains NaN (row 2)")
    try encoder.fit(.strings(["b", "a", "c"]))
    assertThrows(
      try encoder.transform(.strings(["a", "d"])),
      "transform: y contains the label 'd' (row 2), which fit did not see")
    assertThrows(
      try encoder.transform(.numbers([1])),
      "transform: y holds numbers but the encoder was fitted with strings")
    assertThrows(
      try encoder.inverseTransform([0, 5]),
      "inverse_transform: y contains 5 (row 2); the codes are 0 to 2")
    assertThrows(
      try encoder.inverseTransform([0.5]),
      "inverse_transform: y contains 0.5 (row 1); the codes are 0 to 2")
    let numeric = LabelEncoder()
    try numeric.fit(.numbers([3, 1]))
    assertThrows(
      try numeric.transform(.numbers([2])),
      "transform: y contains the label 2 (row 1), which fit did not see")
  }

  func test_polynomialFeaturesErrors() throws {
    let poly = PolynomialFeatures()
    assertThrows(
      try poly.setParameter("degree", .number(-1)),
      "PolynomialFeatures: 'degree' must be a whole number >= 0, got -1")
    assertThrows(
      try poly.setParameter("degree", .number(1.5)),
      "PolynomialFeatures: 'degree' must be a whole number, got 1.5")
    assertThrows(
      try poly.powers(),
      "powers_: this PolynomialFeatures is not fitted yet; call fit first")
    try poly.setParameter("degree", .number(0))
    try poly.setParameter("include_bias", .boolean(false))
    assertThrows(
      try poly.fit(try Matrix(1, 2, values: [1, 2]), target: nil),
      "fit: degree 0 without include_bias leaves no column")
    try poly.setParameter("degree", .number(40))
    assertThrows(
      try poly.fit(try Matrix.zeros(1, 100), target: nil),
      "fit: degree 40 on 100 columns makes more than 16777216 columns")
    try poly.setParameter("degree", .number(1e15))
    assertThrows(
      try poly.fit(try Matrix.zeros(1, 1), target: nil),
      "fit: degree 1000000000000000 on 1 columns makes more than 16777216 "
        + "columns")
    try poly.setParameter("interaction_only", .boolean(true))
    try poly.fit(try Matrix.zeros(1, 3), target: nil)
    XCTAssertEqual(poly.outputWidth, 7)
    try poly.setParameter("interaction_only", .boolean(false))
    assertThrows(
      try poly.fit(try Matrix(1, 2, values: [1, .nan]), target: nil),
      "fit: input contains NaN (column 2, row 1)")
    try poly.setParameter("degree", .number(2))
    try poly.fit(try Matrix(1, 2, values: [1, 2]), target: nil)
    assertThrows(
      try poly.transform(try Matrix(1, 3, values: [1, 2, 3])),
      "transform: X has 3 columns but the transformer was fitted with 2")
  }

  func test_restoreRejectsBadCategories() throws {
    assertThrows(
      try OneHotEncoder().restore(.object([])),
      "load: OneHotEncoder: missing categories")
    let unsorted = JSON.object([
      ("categories", .array([JSON(Labels.numbers([2, 1]))]))
    ])
    assertThrows(
      try OrdinalEncoder().restore(unsorted),
      "load: OrdinalEncoder: categories must be sorted and distinct")
    let sorted = JSON.object([
      ("categories", .array([JSON(Labels.numbers([1, 2, .nan]))])),
      ("drop_idx", .array([.number(3)])),
    ])
    assertThrows(
      try OneHotEncoder().restore(sorted), "load: OneHotEncoder: bad drop_idx")
    assertThrows(
      try LabelEncoder().restore(.object([
        ("classes", JSON(Labels.strings(["b", "a"])))
      ])),
      "load: LabelEncoder: classes must be sorted, distinct labels")
  }
}
