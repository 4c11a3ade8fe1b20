// What the program knows about the terminal it runs in.

import Foundation

/// Facts about stdin, stdout and stderr, read once when needed.
enum Terminal {
  static var inputIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }
  static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

  /// Colors only on a terminal, and never when NO_COLOR is set to
  /// anything non-empty (no-color.org).
  static var useColor: Bool {
    guard outputIsTerminal else { return false }
    let noColor = ProcessInfo.processInfo.environment["NO_COLOR"] ?? ""
    return noColor.isEmpty
  }

  /// Columns of the terminal on stdout, or 80.
  static var width: Int {
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
      return Int(size.ws_col)
    }
    return 80
  }

  /// Writes text to stderr as it is.
  static func writeError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// Writes text to stdout as it is (after anything Lua buffered).
  static func write(_ text: String) {
    fflush(stdout)
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
