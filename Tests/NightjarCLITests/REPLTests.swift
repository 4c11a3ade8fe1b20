// The REPL driven through a pseudo-terminal, as a person types at it.

import Foundation
import XCTest

final class REPLTests: XCTestCase {
  private let control = (c: "\u{03}", d: "\u{04}")

  private func start(
    _ arguments: [String] = ["--no-history"],
    environment: [String: String?] = ["NO_COLOR": "1"],
    folder: String? = nil
  ) throws -> PseudoTerminal {
    let terminal = try PseudoTerminal(
      arguments: arguments, environment: environment, folder: folder)
    try terminal.expect("Ctrl-D to leave")
    try terminal.expect("> ")
    return terminal
  }

  func test_typedExpressionShowsItsValue() throws {
    let terminal = try start()
    terminal.line("40 + 2")
    try terminal.expect("42\r\n> ")
  }

  func test_tableIsShownNestedWithSortedKeys() throws {
    let terminal = try start()
    terminal.line("{b = 2, a = {1, 2}, 'x'}")
    try terminal.expect("{\"x\", a = {1, 2}, b = 2}")
  }

  func test_unfinishedStatementGetsContinuationPrompt() throws {
    let terminal = try start()
    terminal.line("for i = 1, 3 do")
    try terminal.expect(">> ")
    terminal.line("io.write(i, ';')")
    try terminal.expect(">> ")
    terminal.line("end")
    try terminal.expect("1;2;3;")
  }

  func test_emptyLineAbandonsUnfinishedStatement() throws {
    let terminal = try start()
    terminal.line("x = {")
    try terminal.expect(">> ")
    terminal.line("")
    try terminal.expect("\n> ")
    terminal.line("x == nil")
    try terminal.expect("true")
  }

  func test_errorIsShownAndREPLGoesOn() throws {
    let terminal = try start()
    terminal.line("error('boom')")
    try terminal.expect("stdin:1: boom")
    terminal.line("3 * 3")
    try terminal.expect("9")
  }

  func test_syntaxErrorIsShown() throws {
    let terminal = try start()
    terminal.line("x = = 1")
    try terminal.expect("stdin:1: unexpected symbol near '='")
    terminal.line("6 * 7")
    try terminal.expect("42")
  }

  func test_lastResultIsKeptInUnderscore() throws {
    let terminal = try start()
    terminal.line("40 + 2")
    try terminal.expect("42")
    terminal.line("_ + 1")
    try terminal.expect("43")
  }

  func test_trailingSemicolonSuppressesTheResult() throws {
    let terminal = try start()
    terminal.line("6 * 111;")
    let shown = try terminal.expect("> ")
    XCTAssertFalse(shown.contains("666"), shown)
    terminal.line("_")
    try terminal.expect("666")
  }

  func test_allResultsAreShown() throws {
    let terminal = try start()
    terminal.line("1, 'two', nil")
    try terminal.expect("1\r\n\"two\"\r\nnil")
  }

  // libedit redraws a completed word with cursor moves, so the tests look
  // at what the completed line evaluates to, not at the echo.
  func test_tabCompletesFieldsAndMethods() throws {
    let terminal = try start()
    terminal.type("type(ml.cloc\t")
    try terminal.expect("k(")
    terminal.line("))")
    try terminal.expect("\"number\"")
    terminal.line("s = 'abc'")
    try terminal.expect("> ")
    terminal.type("s:up\t")
    try terminal.expect("per(")
    terminal.line(")")
    try terminal.expect("\"ABC\"")
  }

  func test_tabListsCandidatesWhenAmbiguous() throws {
    let terminal = try start()
    terminal.line("choices = {alpha = 1, alto = 2}")
    try terminal.expect("> ")
    terminal.type("choices.al\t")
    try terminal.expect("choices.alpha  choices.alto")
  }

  func test_tabCompletesFileNamesInsideStrings() throws {
    let folder = Binary.scratchFolder()
    FileManager.default.createFile(
      atPath: folder + "/churn_data.csv", contents: Data("a\n".utf8))
    let terminal = try start(folder: folder)
    terminal.type("name = 'churn_d\t")
    try terminal.expect("ata.csv")
    terminal.line("'")
    try terminal.expect("> ")
    terminal.line("name")
    try terminal.expect("\"churn_data.csv\"")
  }

  func test_ctrlCCancelsARunningLoop() throws {
    let terminal = try start()
    terminal.line("while true do end")
    Thread.sleep(forTimeInterval: 0.3)
    terminal.type(control.c)
    try terminal.expect("interrupted!")
    terminal.line("2 + 2")
    try terminal.expect("4")
  }

  func test_ctrlCCancelsALongSwiftLoop() throws {
    let terminal = try start()
    terminal.line("spin = require('nightjar.internal').spin")
    try terminal.expect("> ")
    terminal.line("spin(60)")
    Thread.sleep(forTimeInterval: 0.3)
    terminal.type(control.c)
    try terminal.expect("interrupted!", seconds: 5)
    terminal.line("6 + 6")
    try terminal.expect("12")
  }

  func test_ctrlCCancelsALoopInsideACoroutine() throws {
    let terminal = try start()
    terminal.line(
      "co = coroutine.wrap(function() while true do end end)")
    try terminal.expect("> ")
    terminal.line("co()")
    Thread.sleep(forTimeInterval: 0.3)
    terminal.type(control.c)
    try terminal.expect("interrupted!")
    terminal.line("5 + 5")
    try terminal.expect("10")
  }

  func test_ctrlCAbandonsTheTypedLine() throws {
    let terminal = try start()
    terminal.type("this is not lua")
    terminal.type(control.c)
    try terminal.expect("> ")
    terminal.line("7 + 7")
    let shown = try terminal.expect("14")
    XCTAssertFalse(shown.contains("syntax error"), shown)
  }

  func test_ctrlDLeavesWithStatusZero() throws {
    let terminal = try start()
    terminal.type(control.d)
    XCTAssertEqual(try terminal.waitForExit(), 0)
  }

  func test_questionMarkShowsHelp() throws {
    let terminal = try start()
    terminal.line("?ml.clock")
    try terminal.expect("Monotonic wall-clock time")
  }

  func test_topLevelLocalGetsANote() throws {
    let terminal = try start()
    terminal.line("local z = 1")
    try terminal.expect("note: local z ends with this line")
  }

  func test_historyKeepsOneEntryPerStatement() throws {
    let folder = Binary.scratchFolder()
    let path = folder + "/history"
    let terminal = try start(
      [], environment: ["NO_COLOR": "1", "NIGHTJAR_HISTORY": path])
    terminal.line("for i = 1, 2 do")
    try terminal.expect(">> ")
    terminal.line("end")
    try terminal.expect("> ")
    terminal.line("marker = 1")
    try terminal.expect("> ")
    terminal.type(control.d)
    XCTAssertEqual(try terminal.waitForExit(), 0)
    let saved = try String(contentsOfFile: path, encoding: .utf8)
    let entries = saved.split(separator: "\n").filter {
      !$0.hasPrefix("_HiStOrY")
    }
    XCTAssertEqual(entries.count, 2, saved)
    XCTAssertTrue(entries.contains { $0.contains("marker") }, saved)

    let again = try start(
      [], environment: ["NO_COLOR": "1", "NIGHTJAR_HISTORY": path])
    again.type("\u{1B}[A")  // up arrow: the last statement comes back
    try again.expect("marker = 1")
  }

  func test_colorsOnATerminalUnlessNoColor() throws {
    let colored = try start(environment: [:])
    colored.line("12345")
    try colored.expect("\u{1B}[36m12345")
    let plain = try start(environment: ["NO_COLOR": "1"])
    plain.line("12345")
    let shown = try plain.expect("> ")
    XCTAssertFalse(shown.contains("\u{1B}[36m"), shown)
  }

  func test_interactiveAfterScriptKeepsItsGlobals() throws {
    let folder = Binary.scratchFolder()
    try "answer = 42\n".write(
      toFile: folder + "/recipe.lua", atomically: true, encoding: .utf8)
    let terminal = try start(
      ["--no-history", "-i", "recipe.lua"], folder: folder)
    terminal.line("answer + 1")
    try terminal.expect("43")
  }
}
