// Cooperative cancellation for long Swift loops (Ctrl-C at the REPL).

/// The check that long loops in NightjarCore call between blocks of work.
///
/// Core knows nothing of Lua or signals: a host installs `isRequested`
/// (nightjar's Lua host reads its Ctrl-C flag there) and every loop that
/// may run for more than a few milliseconds calls `check()` every block
/// of rows or iterations, so that an interrupted statement stops promptly
/// and leaves no half-built result behind.
public enum Cancellation {
  /// Answers whether the user asked to stop. Defaults to never. Read from
  /// any thread; it must not block.
  nonisolated(unsafe) public static var isRequested: () -> Bool = { false }

  /// Throws `NightjarError.interrupted` when a stop was requested.
  @inline(__always)
  public static func check() throws(NightjarError) {
    if isRequested() { throw .interrupted }
  }
}
