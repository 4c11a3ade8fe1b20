// ColumnTransformer: parts on named frame columns side by side, the
// remainder, parameters, and pipelines that take a DataFrame as X.

import XCTest

@testable import NightjarCore

final class ColumnTransformerTests: XCTestCase {
  /// Customers: two number columns, a text plan, a boolean, a label.
  func customers() throws -> DataFrame {
    try DataFrame([
      ("age", .number([20, 30, 40, 50, 60, 70, 35, 45])),
      ("income", .number([1, 2.5, 3, 4, 5.5, 6, 2, 4.5])),
      ("plan", Column.text(["b", "a", "b", "c", "a", "c", "a", "b"])),
      ("member", Column.boolean([true, false, true, false, true, true,
                                 false, false])),
      ("churned", .number([0, 0, 0, 1, 1, 1, 0, 1])),
    ])
  }

  func scaledAndEncoded() throws -> ColumnTransformer {
    try ColumnTransformer([
      .init("num", .transform(StandardScaler()), ["age", "income"]),
      .init("cat", .transform(OneHotEncoder()), ["plan"]),
    ])
  }

  // MARK: - Output

  func test_partsSideBySideInOrder() throws {
    let frame = try customers()
    let result = try scaledAndEncoded().fitTransform(frame)
    let scaled = try StandardScaler().fitTransform(
      try frame.toMatrix(["age", "income"]))
    let encoder = OneHotEncoder()
    let plans = frame["plan"]?.strings.map { $0 ?? "" } ?? []
    try encoder.fit(columns: [.strings(plans)])
    let encoded = try encoder.transform(columns: [.strings(plans)])
    assertClose(result, try Matrix.hstack([scaled, encoded]))
    XCTAssertEqual(result.shapeText, "8x5")
    // Levels sorted: a, b, c.
    XCTAssertEqual(try encoded.row(0).toArray(), [0, 1, 0])
  }

  func test_remainderPassthroughAppendsTheOtherColumnsInFrameOrder()
    throws
  {
    let frame = try customers().select(["age", "member", "churned"])
    let transformer = try ColumnTransformer([
      .init("num", .transform(StandardScaler()), ["age"])
    ])
    transformer.remainder = .passthrough
    let result = try transformer.fitTransform(frame)
    XCTAssertEqual(transformer.remainderColumns, ["member", "churned"])
    assertClose(try result.column(1).toArray(),
                frame["member"]?.numbers ?? [])
    assertClose(try result.column(2).toArray(),
                frame["churned"]?.numbers ?? [])
    transformer.remainder = .drop
    XCTAssertEqual(try transformer.fitTransform(frame).shapeText, "8x1")
  }

  func test_passthroughDropAndOrdinalParts() throws {
    let frame = try customers()
    let transformer = try ColumnTransformer([
      .init("codes", .transform(OrdinalEncoder()), ["plan"]),
      .init("raw", .passthrough, ["income", "member"]),
      .init("gone", .drop, ["age"]),
    ])
    let result = try transformer.fitTransform(frame)
    XCTAssertEqual(result.shapeText, "8x3")
    XCTAssertEqual(try result.column(0).toArray(), [1, 0, 1, 2, 0, 2, 0, 1])
    XCTAssertEqual(try result.column(1).toArray(),
                   frame["income"]?.numbers)
  }

  func test_transformFindsColumnsByName() throws {
    let frame = try customers()
    let transformer = try scaledAndEncoded()
    let fitted = try transformer.fitTransform(frame)
    let shuffled = try frame.select(["plan", "churned", "income", "age"])
      .setting("extra", .number(Array(repeating: 9, count: 8)))
    assertClose(try transformer.transform(shuffled), fitted)
  }

  // MARK: - Errors

  func test_messages() throws {
    let frame = try customers()
    let numbers = try ColumnTransformer([
      .init("num", .transform(StandardScaler()), ["age", "plan"])
    ])
    assertThrows(
      try numbers.fit(frame),
      "fit: column 'plan' holds text and part 'num' gives it to a "
        + "StandardScaler, which takes numbers; encode it with an encoder")
    let rest = try ColumnTransformer([
      .init("num", .transform(StandardScaler()), ["age"])
    ])
    rest.remainder = .passthrough
    assertThrows(
      try rest.fit(frame),
      "fit: column 'plan' holds text and remainder = \"passthrough\" "
        + "passes it through; encode it with an encoder")
    let scaled = try scaledAndEncoded()
    assertThrows(try scaled.transform(frame),
                 "transform: this ColumnTransformer is not fitted yet; call "
                   + "fit first")
    assertThrows(try scaled.fit(frame.drop(["income"])),
                 "fit: no column named 'income'")
    try scaled.fit(frame)
    assertThrows(try scaled.transform(frame.drop(["plan"])),
                 "transform: no column named 'plan'")
    let holes = try frame.setting(
      "plan", Column.text(["a", nil, "b", "a", "b", "a", "b", "a"]))
    assertThrows(try scaled.transform(holes),
                 "transform: text column 'plan' of part 'cat' has a "
                   + "missing value in row 2; fill it first (fillna)")
    assertThrows(try ColumnTransformer([]),
                 "ColumnTransformer: no transformers")
    assertThrows(
      try ColumnTransformer([
        .init("a", .drop, ["x"]), .init("a", .drop, ["y"]),
      ]), "ColumnTransformer: two parts are named 'a'")
    assertThrows(
      try ColumnTransformer([.init("a__b", .drop, ["x"])]),
      "ColumnTransformer: a part is named 'a__b'; names must be non-empty, "
        + "not 'remainder' and without '__'")
    assertThrows(
      try ColumnTransformer([.init("a", .drop, [])]),
      "ColumnTransformer: part 'a' selects no columns")
  }

  // MARK: - Parameters and clones

  func test_parametersNestAndClonesShareNoState() throws {
    let transformer = try scaledAndEncoded()
    XCTAssertEqual(transformer.parameters["remainder"], .string("drop"))
    XCTAssertEqual(transformer.parameters["num__with_mean"], .boolean(true))
    XCTAssertEqual(transformer.parameters["cat__handle_unknown"],
                   .string("error"))
    try transformer.setParameter("num__with_mean", .boolean(false))
    try transformer.setParameter("remainder", .string("passthrough"))
    assertThrows(try transformer.setParameter("num__C", .number(1)),
                 "StandardScaler: unknown parameter 'C'")
    assertThrows(try transformer.setParameter("other__x", .number(1)),
                 "ColumnTransformer: unknown parameter 'other__x'")
    assertThrows(try transformer.setParameter("remainder", .string("keep")),
                 "ColumnTransformer: invalid option 'keep' for 'remainder'")
    try transformer.fit(try customers())
    let copy = transformer.cloned()
    XCTAssertFalse(copy.isFitted)
    XCTAssertEqual(copy.parameters, transformer.parameters)
    try copy.setParameter("num__with_mean", .boolean(true))
    XCTAssertEqual(transformer.parameters["num__with_mean"], .boolean(false))
  }

  // MARK: - Pipelines with a DataFrame as X

  func test_pipelineTakesAFrameThroughItsFirstStep() throws {
    let frame = try customers()
    let y = Target.labels(.numbers(frame["churned"]?.numbers ?? []))
    let pipeline = try Pipeline([
      .init("prep", try scaledAndEncoded()),
      .init("clf", LogisticRegression()),
    ])
    try pipeline.fit(frame: frame, target: y, sampleWeight: nil)
    let x = try scaledAndEncoded().fitTransform(frame)
    let alone = LogisticRegression()
    try alone.fit(x, target: y, sampleWeight: nil)
    guard case .labels(let expected) = try alone.predict(target: x),
      case .labels(let predicted) = try pipeline.predict(frame: frame)
    else { return XCTFail("labels expected") }
    XCTAssertEqual(predicted, expected)
    XCTAssertEqual(try pipeline.score(frame: frame, target: y),
                   try alone.score(x, target: y))
    XCTAssertEqual(pipeline.parameters["prep__num__with_mean"],
                   .boolean(true))
    try pipeline.setParameter("prep__remainder", .string("passthrough"))
    XCTAssertEqual(pipeline.parameters["prep__remainder"],
                   .string("passthrough"))

    let only = try Pipeline([.init("prep", try scaledAndEncoded())])
    try only.fit(frame: frame, target: y, sampleWeight: nil)
    assertClose(try only.transform(frame: frame), x)
  }

  func test_pipelineSaysWhichKindOfXItTakes() throws {
    let frame = try customers()
    let y = Target.labels(.numbers(frame["churned"]?.numbers ?? []))
    let x = try frame.toMatrix(["age", "income"])
    let byFrame = try Pipeline([
      .init("prep", try scaledAndEncoded()),
      .init("clf", LogisticRegression()),
    ])
    assertThrows(try byFrame.fit(x, target: y, sampleWeight: nil),
                 "fit: the first step, a ColumnTransformer, takes a "
                   + "DataFrame as X")
    try byFrame.fit(frame: frame, target: y, sampleWeight: nil)
    assertThrows(try byFrame.predict(target: x),
                 "predict: the first step, a ColumnTransformer, takes a "
                   + "DataFrame as X")
    let byMatrix = try Pipeline([
      .init("scale", StandardScaler()), .init("clf", LogisticRegression()),
    ])
    assertThrows(try byMatrix.fit(frame: frame, target: y, sampleWeight: nil),
                 "fit: X is a DataFrame but the first step, a "
                   + "StandardScaler, takes a Matrix (start with a "
                   + "ColumnTransformer)")
    assertThrows(
      try Pipeline([
        .init("scale", StandardScaler()),
        .init("prep", try scaledAndEncoded()),
      ]),
      "Pipeline: step 'prep' is a ColumnTransformer, which takes a "
        + "DataFrame; only the first step may")
  }
}
