// ml.read_csv: options in pandas' words, and a progress bar on a terminal.

#if canImport(Glibc)
import Glibc
#endif
import CLua
import CLuaShim
import NightjarCore

extension DataFrameBindings {
  static func defineReadCSV(in state: LuaState) {
    state.define(
      "read_csv", group: "Data",
      help: """
        ml.read_csv(path [, options]) -> DataFrame
          Reads a CSV file (RFC 4180: quoted fields may hold commas,
          quotes as "" and line breaks; UTF-8, with or without a BOM; LF
          or CRLF) on every core. Each column is numbers, booleans
          (True/true/TRUE, False/...) or text, as its values allow.
          options, with pandas' names:
            sep              delimiter (default: guessed among , ; tab |)
            header           false when the first line holds data
            names            column names to use
            comment          a character starting lines to skip
            usecols          the columns to read (names or 1-based
                             positions; the file's order is kept)
            nrows            read at most this many rows
            dtype            {name = "number" | "boolean" | "text"}
            na_values        more strings meaning missing (a list);
                             by default "", NA, N/A, NaN, nan, null
            keep_default_na  false: only na_values mean missing
            skip_blank_lines false: blank lines are rows of missing
            threads          worker threads (default: every core)
          A file over 50 MB shows a progress bar when stderr is a
          terminal. Errors name the line: "data.csv:17: expected 6
          fields, got 5".
          Example: local df = ml.read_csv("churn.csv", {sep = ";"})
        """
    ) { call throws(LuaError) in
      let path = try call.string(1)
      let options = try csvOptions(call, 2)
      var reader = CSVReader(options)
      let bar = ProgressBar.forFile(path)
      if let bar {
        reader.options.progress = { @Sendable done, total in
          bar.draw(done, total)
        }
      }
      defer { bar?.finish() }
      try push(call, try core { try reader.read(path) })
      return 1
    }
  }

  /// CSVOptions from read_csv's options table at `index`.
  static func csvOptions(_ call: LuaCall, _ index: Int32) throws(LuaError)
    -> CSVOptions
  {
    let table = try Options(
      call, index,
      allowed: ["sep", "delimiter", "header", "names", "comment", "usecols",
                "nrows", "dtype", "na_values", "keep_default_na",
                "skip_blank_lines", "threads"])
    var options = CSVOptions()
    let delimiter = try table.string("delimiter")
    if let separator = try table.string("sep") ?? delimiter {
      options.delimiter = try character(call, index, "sep", separator)
    }
    if let comment = try table.string("comment") {
      options.comment = try character(call, index, "comment", comment)
    }
    options.hasHeader = try table.boolean("header") ?? true
    options.names = try table.strings("names")
    if let rows = try table.integer("nrows") {
      guard rows >= 0 else {
        throw call.argumentError(index, "option 'nrows' must be >= 0")
      }
      options.rowLimit = rows
    }
    options.threads = try table.integer("threads")
    options.skipBlankLines = try table.boolean("skip_blank_lines") ?? true
    let keepDefaults = try table.boolean("keep_default_na") ?? true
    let extra = try table.strings("na_values") ?? []
    options.missingValues = Set(extra).union(
      keepDefaults ? CSVOptions.defaultMissingValues : [])
    options.columns = try table.with("usecols") { kind throws(LuaError) in
      try usecols(call, kind, argument: index)
    }
    if let types = try table.with("dtype", { kind throws(LuaError) in
      try dtypes(call, kind, argument: index)
    }) {
      options.types = types
    }
    return options
  }

  /// A one-character option value.
  static func character(_ call: LuaCall, _ index: Int32, _ option: String,
                        _ text: String) throws(LuaError) -> Unicode.Scalar
  {
    guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first
    else {
      throw call.argumentError(
        index, "option '\(option)' must be one character, got \"\(text)\"")
    }
    return scalar
  }

  /// usecols on top of the stack: names and 1-based positions.
  static func usecols(_ call: LuaCall, _ kind: Int32, argument: Int32)
    throws(LuaError) -> [CSVColumn]
  {
    let L = call.L
    if let name = luaString(L, -1) { return [.name(name)] }
    guard kind == LUA_TTABLE else {
      throw call.argumentError(
        argument, "option 'usecols' must be a table, got \(kindName(L, kind))")
    }
    let table = lua_absindex(L, -1)
    var columns: [CSVColumn] = []
    for position in 0..<Int(lua_rawlen(L, table)) {
      let element = lua_rawgeti(L, table, lua_Integer(position + 1))  // [+1]
      defer { luaPop(L, 1) }  // [-1]
      var isInteger: Int32 = 0
      let number = lua_tointegerx(L, -1, &isInteger)
      if element == LUA_TNUMBER && isInteger != 0 {
        columns.append(.position(Int(number)))
      } else if element == LUA_TSTRING, let name = luaString(L, -1) {
        columns.append(.name(name))
      } else {
        throw call.argumentError(
          argument, "option 'usecols' element [\(position + 1)] is a "
            + "\(kindName(L, element)), expected a name or a position")
      }
    }
    return columns
  }

  /// dtype on top of the stack: {name = "number" | "boolean" | "text"}.
  static func dtypes(_ call: LuaCall, _ kind: Int32, argument: Int32)
    throws(LuaError) -> [String: ColumnType]
  {
    let L = call.L
    guard kind == LUA_TTABLE else {
      throw call.argumentError(
        argument, "option 'dtype' must be a table, got \(kindName(L, kind))")
    }
    let table = lua_absindex(L, -1)
    var types: [String: ColumnType] = [:]
    for name in try fieldNames(call, table) {
      luaPushString(L, name)  // [+1]
      _ = lua_rawget(L, table)  // [-1, +1]
      let word = luaString(L, -1)
      luaPop(L, 1)  // [-1]
      guard let word, let type = ColumnType(rawValue: word) else {
        throw call.argumentError(
          argument, "dtype of '\(name)' must be \"number\", \"boolean\" "
            + "or \"text\"")
      }
      types[name] = type
    }
    return types
  }
}

/// A progress bar on stderr: `read_csv [#####.....] 52%`, redrawn in
/// place, erased when the work ends; only when stderr is a terminal.
final class ProgressBar: @unchecked Sendable {
  /// Files smaller than this read too fast for a bar to help.
  static let minimumBytes = 50_000_000

  private var shown = -1
  private let label: String

  init(label: String = "read_csv") {
    self.label = label
  }

  /// A bar labelled `label` when stderr is a terminal, else nil.
  static func forTerminal(_ label: String) -> ProgressBar? {
    isatty(2) != 0 ? ProgressBar(label: label) : nil
  }

  /// A bar for reading `path`, when stderr is a terminal and the file
  /// is large; nil otherwise.
  static func forFile(_ path: String) -> ProgressBar? {
    var info = stat()
    guard isatty(2) != 0, stat(path, &info) == 0,
      Int(info.st_size) >= minimumBytes
    else {
      return nil
    }
    return ProgressBar()
  }

  /// Draws the bar when the percentage changed. The reader calls this
  /// from its workers, one call at a time.
  func draw(_ done: Int, _ total: Int) {
    let percent = total > 0 ? done * 100 / total : 100
    guard percent != shown else { return }
    shown = percent
    let filled = percent / 5
    let bar = String(repeating: "#", count: filled)
      + String(repeating: ".", count: 20 - filled)
    fputs("\r\(label) [\(bar)] \(percent)%", stderr)
    fflush(stderr)
  }

  /// Erases the bar.
  func finish() {
    guard shown >= 0 else { return }
    fputs("\r\u{1B}[K", stderr)
    fflush(stderr)
  }
}
