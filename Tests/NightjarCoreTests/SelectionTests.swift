// Folds, parameter grids and the grid search, against scikit-learn.

import Foundation
import XCTest

@testable import NightjarCore

private struct SelectionFixtures: Decodable {
  struct Grid: Decodable {
    let params: [[String: GridValue]]
    let mean_test_score: [Double]
    let std_test_score: [Double]
    let rank_test_score: [Int]
    let best_params: [String: GridValue]
    let best_score: Double
  }

  let kfold_23_5: [[Int]]
  let stratified_cancer_5: [[Int]]
  let stratified_iris_4: [[Int]]
  let stratified_strings_3: [[Int]]
  let grid: Grid

  static let shared: SelectionFixtures? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/selection.json")
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(SelectionFixtures.self, from: data)
  }()
}

private enum GridValue: Decodable, Equatable {
  case number(Double)
  case string(String)

  init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else {
      self = .string(try container.decode(String.self))
    }
  }

  var parameter: ParameterValue {
    switch self {
    case .number(let value): return .number(value)
    case .string(let text): return .string(text)
    }
  }
}

/// The datasets of the logistic fixtures.
private struct Datasets: Decodable {
  struct Dataset: Decodable {
    let x: [[Double]]
    let y: [GridValue]
  }

  let datasets: [String: Dataset]

  static let shared: Datasets? = {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/logistic/cases.json")
    guard let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(Datasets.self, from: data)
  }()

  func labels(_ name: String) -> Labels {
    let values = datasets[name]?.y ?? []
    if case .string = values.first {
      return .strings(values.map {
        if case .string(let s) = $0 { return s }
        return ""
      })
    }
    return .numbers(values.map {
      if case .number(let v) = $0 { return v }
      return .nan
    })
  }
}

final class SelectionTests: XCTestCase {
  func test_kFoldMatchesScikitLearn() throws {
    let fixtures = try XCTUnwrap(SelectionFixtures.shared)
    let splits = try KFold(splits: 5).split(count: 23)
    XCTAssertEqual(splits.map(\.test), fixtures.kfold_23_5)
    for split in splits {
      XCTAssertEqual((split.train + split.test).sorted(), Array(0..<23))
    }
  }

  func test_stratifiedKFoldMatchesScikitLearn() throws {
    let fixtures = try XCTUnwrap(SelectionFixtures.shared)
    let data = try XCTUnwrap(Datasets.shared)
    XCTAssertEqual(
      try StratifiedKFold(splits: 5).split(data.labels("cancer")).map(\.test),
      fixtures.stratified_cancer_5)
    XCTAssertEqual(
      try StratifiedKFold(splits: 4).split(data.labels("iris")).map(\.test),
      fixtures.stratified_iris_4)
    XCTAssertEqual(
      try StratifiedKFold(splits: 3).split(data.labels("synthetic"))
        .map(\.test),
      fixtures.stratified_strings_3)
  }

  func test_cvCountStratifiesAClassifiersNumericY() throws {
    let labels: [Double] = [0, 0, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1]
    let asMatrix = try FoldSource.count(3).splits(
      for: LogisticRegression(), .values(try Matrix(vector: labels)))
    let asLabels = try StratifiedKFold(splits: 3).split(.numbers(labels))
    XCTAssertEqual(asMatrix, asLabels)
    let regression = try FoldSource.count(3).splits(
      for: Ridge(), .values(try Matrix(vector: labels)))
    XCTAssertEqual(regression, try KFold(splits: 3).split(count: 12))
  }

  func test_shuffledFoldsRepeatForASeed() throws {
    let first = try KFold(splits: 3, shuffle: true, seed: 7).split(count: 10)
    let again = try KFold(splits: 3, shuffle: true, seed: 7).split(count: 10)
    let other = try KFold(splits: 3, shuffle: true, seed: 8).split(count: 10)
    XCTAssertEqual(first, again)
    XCTAssertNotEqual(first, other)
    XCTAssertEqual(first.flatMap(\.test).sorted(), Array(0..<10))
  }

  func test_parameterGridOrderIsScikitLearns() throws {
    let fixtures = try XCTUnwrap(SelectionFixtures.shared)
    let grid = try ParameterGrid(
      [["penalty": [.string("l1"), .string("l2")],
        "C": [.number(0.1), .number(1), .number(10)]]],
      operation: "GridSearchCV")
    let expected = fixtures.grid.params.map {
      $0.mapValues(\.parameter)
    }
    XCTAssertEqual(grid.candidates, expected)
  }

  func test_seedGridSearchMatchesScikitLearn() throws {
    let fixtures = try XCTUnwrap(SelectionFixtures.shared)
    let data = try XCTUnwrap(Datasets.shared)
    let x = try Matrix(rowValues: try XCTUnwrap(data.datasets["cancer"]).x)
    let model = LogisticRegression()
    model.tol = 1e-10
    model.maxIterations = 10000
    let grid = try ParameterGrid(
      [["C": [.number(0.1), .number(1), .number(10)],
        "penalty": [.string("l1"), .string("l2")]]],
      operation: "GridSearchCV")
    let search = GridSearchCV(model, grid: grid)
    try search.fit(x, .labels(data.labels("cancer")))
    let results = try XCTUnwrap(search.results)
    XCTAssertEqual(results.failures, [])
    for (value, want) in zip(results.meanScores,
                             fixtures.grid.mean_test_score) {
      XCTAssertEqual(value, want, accuracy: 1e-12)
    }
    for (value, want) in zip(results.standardDeviations,
                             fixtures.grid.std_test_score) {
      XCTAssertEqual(value, want, accuracy: 1e-12)
    }
    XCTAssertEqual(results.ranks, fixtures.grid.rank_test_score)
    XCTAssertEqual(search.bestParameters,
                   fixtures.grid.best_params.mapValues(\.parameter))
    XCTAssertEqual(results.bestScore, fixtures.grid.best_score,
                   accuracy: 1e-12)
    XCTAssertNotNil(search.bestEstimator)

    // The same results serially: the thread count changes nothing.
    let serial = GridSearchCV(model, grid: grid)
    serial.parallel = false
    try serial.fit(x, .labels(data.labels("cancer")))
    XCTAssertEqual(serial.results?.scores, results.scores)
  }

  func test_searchNamesAParameterTheEstimatorLacks() throws {
    let grid = try ParameterGrid([["gamma": [.number(1)]]],
                                 operation: "GridSearchCV")
    let search = GridSearchCV(LogisticRegression(), grid: grid)
    let x = try Matrix(rowValues: [[0], [1], [2], [3], [4], [5]])
    XCTAssertThrowsError(
      try search.fit(x, .labels(.numbers([0, 1, 0, 1, 0, 1])))
    ) { error in
      XCTAssertEqual(
        (error as? NightjarError)?.description,
        "GridSearchCV: LogisticRegression has no parameter 'gamma'")
    }
    XCTAssertThrowsError(
      try ParameterGrid([["C": []]], operation: "GridSearchCV")
    ) { error in
      XCTAssertEqual(
        (error as? NightjarError)?.description,
        "GridSearchCV: parameter 'C' has no values")
    }
  }

  func test_failedFitsScoreNaNAndRankLast() throws {
    let results = SearchResults(
      candidates: [[:], [:], [:]], scores: [[0.5, 0.7], [.nan, 0.9],
                                            [0.6, 0.6]],
      fitTimes: [[0, 0], [0, 0], [0, 0]], failures: ["x"])
    XCTAssertEqual(results.ranks, [1, 3, 1])
    XCTAssertEqual(results.bestIndex, 0)
  }

  func test_foldErrors() {
    XCTAssertThrowsError(try KFold(splits: 1).split(count: 5)) { error in
      XCTAssertEqual((error as? NightjarError)?.description,
                     "KFold: n_splits must be at least 2, got 1")
    }
    XCTAssertThrowsError(try KFold(splits: 6).split(count: 5)) { error in
      XCTAssertEqual((error as? NightjarError)?.description,
                     "KFold: n_splits is 6 but there are only 5 rows")
    }
    XCTAssertThrowsError(
      try StratifiedKFold(splits: 3).split(.numbers([0, 0, 1, 1]))
    ) { error in
      XCTAssertEqual(
        (error as? NightjarError)?.description,
        "StratifiedKFold: n_splits is 3 but no class has that many rows")
    }
  }
}
