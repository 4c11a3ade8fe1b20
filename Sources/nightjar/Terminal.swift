// What the program knows about the terminal it runs in.

import Glibc
import NightjarCore

/// Facts about stdin, stdout and stderr, read once when needed.
enum Terminal {
  static var inputIsTerminal: Bool { isatty(STDIN_FILENO) != 0 }
  static var outputIsTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

  /// Colors only on a terminal, and never when NO_COLOR is set to
  /// anything non-empty (no-color.org).
  static var useColor: Bool {
    guard outputIsTerminal else { return false }
    return (Environment.value("NO_COLOR") ?? "").isEmpty
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
    fflush(stdout)
    writeAll(STDERR_FILENO, text)
  }

  /// Writes text to stdout as it is (after anything Lua buffered).
  static func write(_ text: String) {
    fflush(stdout)
    writeAll(STDOUT_FILENO, text)
  }

  private static func writeAll(_ descriptor: Int32, _ text: String) {
    var text = text
    text.withUTF8 { bytes in
      guard var next = bytes.baseAddress else { return }
      var left = bytes.count
      while left > 0 {
        let count = Glibc.write(descriptor, next, left)
        if count < 0 && errno == EINTR { continue }
        guard count > 0 else { return }
        next += count
        left -= count
      }
    }
  }
}
