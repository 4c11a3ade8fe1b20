// The read-eval-print loop: statements typed at the terminal, results
// shown, history kept, Tab and Ctrl-C handled.

import CLua
import CLuaShim
import Glibc
import NightjarCore
import NightjarLua

/// The interactive loop on one Lua state. The Lua side (nightjar.repl)
/// compiles, shows and completes; this side reads lines and runs each
/// statement under the traceback handler with Ctrl-C armed.
final class REPL {
  private let state: LuaState
  private let historyPath: String?
  private let color = Terminal.useColor
  private var L: OpaquePointer { state.L }
  private static let moduleKey = "nightjar.repl.module"
  private let registryIndex = Int32(NJ_REGISTRYINDEX)

  init(state: LuaState, historyPath: String?) {
    self.state = state
    self.historyPath = historyPath
  }

  func run() {
    guard loadModule() else {
      Host.report("cannot start the REPL: nightjar.repl did not load")
      return
    }
    guard let editor = LineEditor(historyPath: historyPath) else {
      Host.report("cannot start the line editor")
      return
    }
    editor.completer = { [unowned self] text in self.complete(text) }
    if Terminal.inputIsTerminal {
      Terminal.write(
        Version.line + "  help() for help, Ctrl-D to leave\n")
    }
    var statement = ""
    while true {
      let input = editor.readLine(prompt: statement.isEmpty ? "> " : ">> ")
      switch input {
      case .endOfInput:
        Terminal.write("\n")
        return
      case .cancelled:
        Terminal.write("\n")
        statement = ""
      case .line(let line):
        let blank = line.allSatisfy(\.isWhitespace)
        if blank {
          statement = ""  // abandons an unfinished statement
          continue
        }
        statement = statement.isEmpty
          ? REPL.expandHelp(line) : statement + "\n" + line
        if evaluate(statement, editor: editor) { statement = "" }
      }
    }
  }

  /// `?name` is `help(name)`; a lone `?` is `help()`.
  static func expandHelp(_ line: String) -> String {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    guard trimmed.hasPrefix("?") else { return line }
    return "help(" + trimmed.dropFirst() + ")"
  }

  // MARK: - Evaluating

  /// Compiles and runs a statement; false when it is unfinished and more
  /// lines are needed.
  private func evaluate(_ statement: String, editor: LineEditor) -> Bool {
    let top = lua_gettop(L)
    defer { lua_settop(L, top) }
    pushModuleFunction("compile")  // [+1]
    pushString(statement)  // [+1]
    guard (try? state.call(arguments: 1, results: 3)) != nil else {
      return true
    }  // [-2, +3] chunk | nil, message, incomplete
    if lua_type(L, -3) != LUA_TFUNCTION {
      if lua_toboolean(L, -1) != 0 { return false }
      editor.remember(statement)
      showError(luaString(-2) ?? "syntax error")
      return true
    }
    editor.remember(statement)
    luaPop(2)  // [-2] the chunk stays
    let quiet = statement.reversed().first { !$0.isWhitespace } == ";"
    run(quiet: quiet)
    if let note = localNote(statement) { showNote(note) }
    return true
  }

  /// Runs the chunk on top of the stack and shows (or keeps) its results.
  private func run(quiet: Bool) {
    configureOutput()
    pushModuleFunction(quiet ? "keep" : "show")  // [+1]
    lua_rotate(L, -2, 1)  // [0] show below the chunk
    let base = lua_gettop(L) - 1
    nj_clear_interrupt()
    nj_catch_interrupt(1)
    defer { nj_clear_interrupt() }
    do {
      try state.call(arguments: 0, results: LUA_MULTRET)
      nj_clear_interrupt()
      try state.call(arguments: lua_gettop(L) - base, results: 0)
    } catch {
      showError(REPL.trimTraceback(error.message))
    }
    fflush(stdout)
  }

  /// Drops the traceback's last line, the host's own C frame.
  static func trimTraceback(_ message: String) -> String {
    var lines = message.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last?.drop(while: \.isWhitespace) == "[C]: in ?" {
      lines.removeLast()
    }
    return lines.joined(separator: "\n")
  }

  private func localNote(_ statement: String) -> String? {
    let trimmed = statement.drop { $0.isWhitespace }
    guard trimmed.hasPrefix("local") else { return nil }
    pushModuleFunction("local_note")  // [+1]
    pushString(statement)  // [+1]
    guard (try? state.call(arguments: 2 - 1, results: 1)) != nil else {
      return nil
    }
    defer { luaPop(1) }
    return luaString(-1)
  }

  // MARK: - Completion

  private func complete(_ text: String) -> ([String], Int) {
    let top = lua_gettop(L)
    defer { lua_settop(L, top) }
    nj_clear_interrupt()
    pushModuleFunction("complete")  // [+1]
    pushString(text)  // [+1]
    guard (try? state.call(arguments: 1, results: 2)) != nil else {
      return ([], 0)
    }
    if let kind = luaString(-2), kind == "file" {
      return REPL.completeFile(luaString(-1) ?? "")
    }
    var replacements: [String] = []
    let count = lua_rawlen(L, -2)
    if count > 0 {
      for index in 1...count {
        lua_rawgeti(L, -2, lua_Integer(index))  // [+1]
        if let item = luaString(-1) { replacements.append(item) }
        luaPop(1)  // [-1]
      }
    }
    return (replacements, Int(lua_tointegerx(L, -1, nil)))
  }

  /// File names that complete a partial path; folders end in "/".
  static func completeFile(_ partial: String) -> ([String], Int) {
    let typedFolder = Path.folder(of: partial)
    let prefix = Path.name(of: partial)
    var listed = typedFolder.isEmpty ? "." : typedFolder
    if listed == "~" || listed.hasPrefix("~/") {
      listed = Environment.home + listed.dropFirst()
    }
    guard let names = try? FileSystem.list(listed) else {
      return ([], partial.utf8.count)
    }
    let lead = typedFolder.isEmpty ? "" : Path.join(typedFolder, "")
    let matches = names.filter {
      $0.hasPrefix(prefix) && (prefix.hasPrefix(".") || !$0.hasPrefix("."))
    }.sorted().map { entry -> String in
      let isFolder = FileSystem.isFolder(Path.join(listed, entry))
      return lead + entry + (isFolder ? "/" : "")
    }
    return (matches, partial.utf8.count)
  }

  // MARK: - Helpers

  private func loadModule() -> Bool {
    state.pushRequire()  // [+1]
    pushString("nightjar.repl")  // [+1]
    guard (try? state.call(arguments: 1, results: 1)) != nil else {
      return false
    }  // [-2, +1]
    lua_setfield(L, registryIndex, REPL.moduleKey)  // [-1]
    return true
  }

  private func pushModuleFunction(_ name: String) {
    lua_getfield(L, registryIndex, REPL.moduleKey)  // [+1]
    _ = lua_getfield(L, -1, name)  // [+1] a plain table: no metamethods
    lua_rotate(L, -2, 1)  // [0]
    luaPop(1)  // [-1]
  }

  /// Tells the Lua side the terminal's width and whether to color.
  private func configureOutput() {
    lua_getfield(L, registryIndex, REPL.moduleKey)  // [+1]
    _ = lua_getfield(L, -1, "options")  // [+1]
    lua_pushboolean(L, color ? 1 : 0)  // [+1]
    lua_setfield(L, -2, "color")  // [-1]
    lua_pushinteger(L, lua_Integer(Terminal.width))  // [+1]
    lua_setfield(L, -2, "width")  // [-1]
    luaPop(2)  // [-2]
  }

  private func showError(_ message: String) {
    fflush(stdout)
    let text = color ? "\u{1B}[31m\(message)\u{1B}[0m" : message
    Terminal.writeError(text + "\n")
  }

  private func showNote(_ message: String) {
    let text = color ? "\u{1B}[2m\(message)\u{1B}[0m" : message
    Terminal.writeError(text + "\n")
  }

  private func pushString(_ text: String) {
    _ = text.withCString { lua_pushstring(L, $0) }
  }

  private func luaString(_ index: Int32) -> String? {
    guard lua_type(L, index) == LUA_TSTRING,
      let bytes = lua_tolstring(L, index, nil)
    else { return nil }
    return String(cString: bytes)
  }

  private func luaPop(_ count: Int32) { lua_settop(L, -count - 1) }
}
