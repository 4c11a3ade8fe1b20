// ml.OneHotEncoder, ml.OrdinalEncoder, ml.LabelEncoder and
// ml.PolynomialFeatures.

import CLua
import NightjarCore

extension PreprocessingBindings {
  static func registerEncoders(in state: LuaState) {
    registerOneHotEncoder(in: state)
    registerOrdinalEncoder(in: state)
    registerLabelEncoder(in: state)
    registerPolynomialFeatures(in: state)
  }

  private static func registerOneHotEncoder(in state: LuaState) {
    let encoder = LuaClass<OneHotEncoder>(
      "OneHotEncoder", group: "Preprocessing",
      help: """
        ml.OneHotEncoder{drop = nil, handle_unknown = "error"} -> encoder
          One 0/1 column per category of each column of X (a Matrix of
          codes or values; a vector is one column). Categories are
          learned by fit and sorted per column, NaN last (NaN is a
          category). Output columns: column 1's categories, then column
          2's, ... (dense).
        Options (defaults):
          drop = nil              "first": drop each column's first
                                  category; "if_binary": only in columns
                                  with two categories (all zeros then
                                  means the dropped one)
          handle_unknown = "error"  "ignore": an unseen category gives
                                  all zeros
        Example:
          local enc = ml.OneHotEncoder{handle_unknown = "ignore"}
          local Xtr = enc:fit_transform(codes)
          print(table.concat(enc:get_feature_names_out{"color"}, " "))
        """)
    let known: Set<String> = ["drop", "handle_unknown"]
    addConstructor(encoder, known: known)
    addParameters(encoder, known: known)
    addTransformer(
      encoder, noun: "encoder",
      fit: "Learns categories_, the sorted categories of each column.",
      transform: "The 0/1 columns of each row.",
      inverse: { (encoder, x) throws(NightjarError) in
        try encoder.inverseTransform(x)
      })
    addCategories(encoder) { $0.categories }
    encoder.property(
      "drop_idx_",
      help: "1-based position of the dropped category per column (false: "
        + "none)"
    ) { call, encoder throws(LuaError) in
      guard let dropped = encoder.droppedPositions else {
        call.pushNil()  // [+1]
        return 1
      }
      lua_createtable(call.L, Int32(dropped.count), 0)  // [+1]
      for (j, position) in dropped.enumerated() {
        if let position {
          call.push(position + 1)  // [+1]
        } else {
          call.push(false)  // [+1]
        }
        lua_rawseti(call.L, -2, lua_Integer(j + 1))  // [-1]
      }
      return 1
    }
    encoder.countField("n_features_in_", "columns seen by fit") {
      $0.isFitted ? $0.featureCount : nil
    }
    addFeatureNames(encoder) { encoder, names throws(NightjarError) in
      try encoder.featureNames(input: names)
    }
    ModelFileBindings.addSave(encoder)
    encoder.describe { encoder in
      "OneHotEncoder" + (encoder.isFitted
        ? " fitted: \(encoder.featureCount) columns -> "
          + "\(encoder.outputWidth)" : "")
    }
    state.register(encoder)
  }

  private static func registerOrdinalEncoder(in state: LuaState) {
    let encoder = LuaClass<OrdinalEncoder>(
      "OrdinalEncoder", group: "Preprocessing",
      help: """
        ml.OrdinalEncoder{options} -> encoder
          Replaces each value of each column of X by the code of its
          category: 0, 1, ..., k - 1 in sorted order (codes are values,
          from 0 as in scikit-learn). NaN is a category coded as
          encoded_missing_value. A vector is one column.
        Options (defaults):
          handle_unknown = "error"   "use_encoded_value": an unseen
                                     category gets unknown_value
          unknown_value = nil        a whole number that is no code
                                     (-1, say) or NaN
          encoded_missing_value = nan  the code of NaN
        Example:
          local enc = ml.OrdinalEncoder{handle_unknown = "use_encoded_value",
                                        unknown_value = -1}
          local codes = enc:fit_transform(X)
        """)
    let known: Set<String> = [
      "handle_unknown", "unknown_value", "encoded_missing_value",
    ]
    addConstructor(encoder, known: known)
    addParameters(encoder, known: known)
    addTransformer(
      encoder, noun: "encoder",
      fit: "Learns categories_, the sorted categories of each column.",
      transform: "The codes of each value.",
      inverse: { (encoder, x) throws(NightjarError) in
        try encoder.inverseTransform(x)
      })
    addCategories(encoder) { $0.categories }
    encoder.countField("n_features_in_", "columns seen by fit") {
      $0.isFitted ? $0.featureCount : nil
    }
    addFeatureNames(encoder) { encoder, names throws(NightjarError) in
      try encoder.featureNames(input: names)
    }
    ModelFileBindings.addSave(encoder)
    encoder.describe { encoder in
      "OrdinalEncoder" + (encoder.isFitted
        ? " fitted: \(encoder.featureCount) columns" : "")
    }
    state.register(encoder)
  }

  private static func registerLabelEncoder(in state: LuaState) {
    let encoder = LuaClass<LabelEncoder>(
      "LabelEncoder", group: "Preprocessing",
      help: """
        ml.LabelEncoder() -> encoder
          Codes labels (numbers or strings) as 0, 1, ..., k - 1 in the
          order of classes_ (sorted), as scikit-learn: code c is the label
          classes_[c + 1] in Lua. For y, not X.
        Example:
          local le = ml.LabelEncoder()
          local codes = le:fit_transform({"b", "a", "b"})  -- (1, 0, 1)
          print(le:inverse_transform(codes)[1])             -- b
        """)
    addConstructor(encoder, known: [])
    addParameters(encoder, known: [])
    encoder.method(
      "fit",
      help: "encoder:fit(y) -> encoder\n  Learns classes_, the sorted labels."
    ) { call, encoder throws(LuaError) in
      let y = try call.labels(2)
      try MatrixBindings.core { try encoder.fit(y) }
      return MatrixBindings.returnSelf(call)
    }
    encoder.method(
      "transform",
      help: "encoder:transform(y) -> Matrix vector of codes (0-based)"
    ) { call, encoder throws(LuaError) in
      let y = try call.labels(2)
      try pushCodes(call, try MatrixBindings.core { try encoder.transform(y) })
      return 1
    }
    encoder.method(
      "fit_transform",
      help: "encoder:fit_transform(y) -> Matrix vector of codes"
    ) { call, encoder throws(LuaError) in
      let y = try call.labels(2)
      try pushCodes(
        call, try MatrixBindings.core { try encoder.fitTransform(y) })
      return 1
    }
    encoder.method(
      "inverse_transform",
      help: """
        encoder:inverse_transform(codes) -> labels
          The labels of codes (a Matrix vector or a table of numbers):
          a table for string labels, a Matrix vector for numbers.
        """
    ) { call, encoder throws(LuaError) in
      guard case .numbers(let codes) = try call.labels(2) else {
        throw call.argumentError(1, "codes must be numbers")
      }
      try call.push(labels: try MatrixBindings.core {
        try encoder.inverseTransform(codes)
      })
      return 1
    }
    encoder.property(
      "classes_", help: "the sorted labels seen by fit"
    ) { call, encoder throws(LuaError) in
      guard let classes = encoder.classes else {
        call.pushNil()  // [+1]
        return 1
      }
      try call.push(labels: classes)  // [+1]
      return 1
    }
    ModelFileBindings.addSave(encoder)
    encoder.describe { encoder in
      "LabelEncoder" + (encoder.classes.map { " fitted: \($0.count) classes" }
        ?? "")
    }
    state.register(encoder)
  }

  private static func pushCodes(_ call: LuaCall, _ codes: [Int])
    throws(LuaError)
  {
    try call.push(matrix: try MatrixBindings.core {
      try Matrix(vector: codes.map(Double.init))
    })  // [+1]
  }

  private static func registerPolynomialFeatures(in state: LuaState) {
    let poly = LuaClass<PolynomialFeatures>(
      "PolynomialFeatures", group: "Preprocessing",
      help: """
        ml.PolynomialFeatures{degree = 2, interaction_only = false,
                              include_bias = true} -> poly
          The products of the columns of X up to degree, in
          scikit-learn's order: for columns a, b and degree 2,
          1, a, b, a^2, a b, b^2. interaction_only keeps products of
          distinct columns; include_bias the column of ones. NaN and
          infinity are errors.
        Example:
          local poly = ml.PolynomialFeatures{degree = 3}
          local Xp = poly:fit_transform(X)
          print(table.concat(poly:get_feature_names_out(), ", "))
        """)
    let known: Set<String> = ["degree", "interaction_only", "include_bias"]
    addConstructor(poly, known: known)
    addParameters(poly, known: known)
    addTransformer(
      poly, noun: "poly",
      fit: "Records the number of columns and plans the products.",
      transform: "The products of each row (see powers_).")
    poly.property(
      "powers_", help: "Matrix outputs x inputs: the exponents"
    ) { call, poly throws(LuaError) in
      guard poly.isFitted else {
        call.pushNil()  // [+1]
        return 1
      }
      try call.push(matrix: try MatrixBindings.core { try poly.powers() })
      return 1
    }
    poly.countField("n_features_in_", "columns seen by fit") {
      $0.isFitted ? $0.featureCount : nil
    }
    poly.countField("n_output_features_", "columns of transform") {
      $0.isFitted ? $0.outputWidth : nil
    }
    addFeatureNames(poly) { poly, names throws(NightjarError) in
      try poly.featureNames(input: names)
    }
    ModelFileBindings.addSave(poly)
    poly.describe { poly in
      "PolynomialFeatures{degree = \(poly.degree)}" + (poly.isFitted
        ? " fitted: \(poly.featureCount) columns -> \(poly.outputWidth)"
        : "")
    }
    state.register(poly)
  }

  // MARK: Shared by the encoders

  /// `categories_`: a table per column of its categories (numbers or
  /// strings; NaN as nan).
  private static func addCategories<Object: AnyObject>(
    _ luaClass: LuaClass<Object>, _ value: @escaping (Object) -> [Labels]?
  ) {
    luaClass.property(
      "categories_", help: "per column, a table of its sorted categories"
    ) { call, object throws(LuaError) in
      guard let categories = value(object) else {
        call.pushNil()  // [+1]
        return 1
      }
      lua_createtable(call.L, Int32(categories.count), 0)  // [+1]
      for (j, column) in categories.enumerated() {
        switch column {
        case .numbers(let numbers):
          lua_createtable(call.L, Int32(numbers.count), 0)  // [+1]
          for (k, number) in numbers.enumerated() {
            push(call, parameter: .number(number))  // [+1]
            lua_rawseti(call.L, -2, lua_Integer(k + 1))  // [-1]
          }
        case .strings(let strings):
          call.push(strings: strings)  // [+1]
        }
        lua_rawseti(call.L, -2, lua_Integer(j + 1))  // [-1]
      }
      return 1
    }
  }

  /// `get_feature_names_out([input_features])`: a table of strings.
  private static func addFeatureNames<Object: AnyObject>(
    _ luaClass: LuaClass<Object>,
    _ names: @escaping (Object, [String]?) throws(NightjarError) -> [String]
  ) {
    luaClass.method(
      "get_feature_names_out",
      help: """
        object:get_feature_names_out([input_features]) -> table of strings
          The output columns' names, from the input columns' names
          (default x0, x1, ... as scikit-learn).
        """
    ) { call, object throws(LuaError) in
      var input: [String]?
      if !call.isNil(2) {
        guard case .strings(let given) = try call.labels(2) else {
          throw call.argumentError(1, "input_features must be strings")
        }
        input = given
      }
      call.push(strings: try MatrixBindings.core {
        try names(object, input)
      })  // [+1]
      return 1
    }
  }
}
