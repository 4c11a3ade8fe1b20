// libedit, as the REPL uses it: prompts, history, Tab, Ctrl-C as a key.

import CLineEdit
import Glibc
import NightjarCore

/// One line editor on the terminal (one per process: libedit's callbacks
/// carry no context, so they find the editor through `current`).
final class LineEditor {
  /// What one read gave.
  enum Input: Equatable {
    case line(String)
    /// Ctrl-C was typed: the line is abandoned.
    case cancelled
    /// Ctrl-D on an empty line, or the end of the input.
    case endOfInput
  }

  /// Completions of the text before the cursor: the whole replacements
  /// of the word being typed, and that word's length in bytes.
  typealias Completer = (String) -> (replacements: [String], length: Int)

  nonisolated(unsafe) static var current: LineEditor?
  nonisolated(unsafe) private static var promptText = strdup("> ")

  private let editLine: OpaquePointer
  private let history: OpaquePointer
  private let historyPath: String?
  private var cancelled = false
  var completer: Completer?

  /// A history of at most `historyLimit` statements, kept in the file at
  /// `historyPath` when one is given.
  init?(historyPath: String?, historyLimit: Int32 = 1000) {
    guard let editLine = el_init("nightjar", stdin, stdout, stderr),
      let history = history_init()
    else { return nil }
    self.editLine = editLine
    self.history = history
    self.historyPath = historyPath
    _ = nj_history_set_size(history, historyLimit)
    _ = nj_history_set_unique(history, 1)
    if let historyPath { _ = nj_history_load(history, historyPath) }
    _ = nj_el_set_editor(editLine, "emacs")
    _ = nj_el_set_history(editLine, history)
    _ = nj_el_set_prompt(editLine, LineEditor.prompt)
    // Ctrl-C reaches the editor as a key while a line is typed, so it
    // abandons the line instead of raising SIGINT mid-edit.
    _ = nj_el_setty(editLine, "-isig")
    _ = nj_el_add_function(
      editLine, "nj-cancel", "Abandon the line", LineEditor.cancelKey)
    _ = nj_el_bind(editLine, "^C", "nj-cancel")
    _ = nj_el_add_function(
      editLine, "nj-complete", "Complete the word", LineEditor.completeKey)
    _ = nj_el_bind(editLine, "^I", "nj-complete")
    _ = el_source(editLine, nil)  // the user's ~/.editrc, if any
    LineEditor.current = self
  }

  deinit {
    el_end(editLine)
    history_end(history)
  }

  /// Reads one line after `prompt`.
  func readLine(prompt: String) -> Input {
    free(LineEditor.promptText)
    LineEditor.promptText = strdup(prompt)
    cancelled = false
    var count: Int32 = 0
    guard let bytes = el_gets(editLine, &count), count >= 0 else {
      return .endOfInput
    }
    if cancelled { return .cancelled }
    var line = String(cString: bytes)
    if line.hasSuffix("\n") { line.removeLast() }
    return .line(line)
  }

  /// Adds a statement (perhaps of several lines) to the history and saves
  /// the history file.
  func remember(_ statement: String) {
    _ = nj_history_enter(history, statement)
    guard let historyPath else { return }
    let folder = Path.folder(of: historyPath)
    if !folder.isEmpty { try? FileSystem.createFolder(folder) }
    _ = nj_history_save(history, historyPath)
  }

  private static let prompt: nj_prompt_function = { _ in promptText }

  private static let cancelKey: nj_key_function = { _, _ in
    LineEditor.current?.cancelled = true
    Terminal.write("^C")
    return UInt8(CC_NEWLINE)
  }

  private static let completeKey: nj_key_function = { editLine, _ in
    guard let editLine, let editor = LineEditor.current,
      let completer = editor.completer, let info = el_line(editLine)
    else { return UInt8(CC_ERROR) }
    let length = info.pointee.cursor - info.pointee.buffer
    let before = info.pointee.buffer.withMemoryRebound(
      to: UInt8.self, capacity: length
    ) {
      String(decoding: UnsafeBufferPointer(start: $0, count: length),
             as: UTF8.self)
    }
    let (replacements, wordLength) = completer(before)
    guard let first = replacements.first else { return UInt8(CC_ERROR) }
    let word = String(decoding: Array(before.utf8).suffix(wordLength),
                      as: UTF8.self)
    let common = replacements.dropFirst().reduce(first) {
      String(zip($0, $1).prefix { $0 == $1 }.map(\.0))
    }
    if common.utf8.count > wordLength || replacements.count == 1 {
      el_deletestr(editLine, Int32(wordLength))
      _ = el_insertstr(editLine, common)
      return UInt8(CC_REFRESH)
    }
    guard common == word else { return UInt8(CC_ERROR) }
    Terminal.write("\n" + columns(replacements) + "\n")
    return UInt8(CC_REDISPLAY)
  }

  /// Candidates laid out in columns across the terminal.
  private static func columns(_ items: [String]) -> String {
    let width = (items.map(\.count).max() ?? 0) + 2
    let perLine = max(1, Terminal.width / width)
    var lines: [String] = []
    for start in stride(from: 0, to: items.count, by: perLine) {
      let row = items[start..<min(start + perLine, items.count)]
      var line = row.map {
        $0 + String(repeating: " ", count: max(0, width - $0.count))
      }.joined()
      while line.hasSuffix(" ") { line.removeLast() }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }
}
