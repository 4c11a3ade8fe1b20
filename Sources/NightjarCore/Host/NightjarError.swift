// The errors NightjarCore throws, carrying the context a message needs.

/// An error from NightjarCore, with the context its message needs.
///
/// Core never formats for a particular front end beyond `description`,
/// which gives the text a person reads: the operation first, then what
/// was expected and what was found (`matmul: shapes 3x4 and 5x2 do not
/// align`). The Lua bridge raises that text with the script position.
public enum NightjarError: Error, Equatable, CustomStringConvertible {
  /// The user asked to stop (Ctrl-C); the operation left no result.
  case interrupted
  /// An argument's value is outside what `operation` accepts.
  case invalidArgument(operation: String, message: String)
  /// Two operands' shapes do not fit together.
  case shapeMismatch(operation: String, message: String)
  /// A file or system call failed: the path and the system's reason.
  case io(operation: String, path: String, reason: String)
  /// A numerical method could not produce a result (singular matrix).
  case numerical(operation: String, message: String)
  /// A file's content is malformed: the path, the physical line (1-based)
  /// when one is to blame, and what is wrong.
  case format(operation: String, path: String, line: Int?, message: String)

  public var description: String {
    switch self {
    case .interrupted:
      return "interrupted!"
    case .invalidArgument(let operation, let message),
      .shapeMismatch(let operation, let message),
      .numerical(let operation, let message):
      return "\(operation): \(message)"
    case .io(let operation, let path, let reason):
      return "\(operation): \(path): \(reason)"
    case .format(let operation, let path, let line?, let message):
      return "\(operation): \(path):\(line): \(message)"
    case .format(let operation, let path, nil, let message):
      return "\(operation): \(path): \(message)"
    }
  }
}
