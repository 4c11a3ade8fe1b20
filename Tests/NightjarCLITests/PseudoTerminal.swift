// A pseudo-terminal session with the real binary, for the REPL tests.

import Foundation

/// nightjar running on the slave side of a pseudo-terminal, as a person's
/// terminal would run it: its own session, the terminal as controlling
/// terminal (so Ctrl-C becomes SIGINT), 80x24.
final class PseudoTerminal {
  enum Failure: Error, CustomStringConvertible {
    case system(String)
    case timeout(waitingFor: String, screen: String)

    var description: String {
      switch self {
      case .system(let text): return text
      case .timeout(let text, let screen):
        return "timed out waiting for \(text.debugDescription); got:\n"
          + screen
      }
    }
  }

  /// glibc functions Swift's Glibc module hides behind feature macros,
  /// looked up by name.
  private enum LibC {
    static func function<T>(_ name: String, as type: T.Type) -> T? {
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name)
      else { return nil }
      return unsafeBitCast(symbol, to: type)
    }
    typealias IntFunction = @convention(c) (Int32) -> Int32
    typealias NameFunction = @convention(c) (Int32) -> UnsafeMutablePointer<
      CChar
    >?
    typealias ChangeFolder = @convention(c) (
      UnsafeMutablePointer<posix_spawn_file_actions_t>,
      UnsafePointer<CChar>
    ) -> Int32
    static let openpt = function("posix_openpt", as: IntFunction.self)
    static let grantpt = function("grantpt", as: IntFunction.self)
    static let unlockpt = function("unlockpt", as: IntFunction.self)
    static let ptsname = function("ptsname", as: NameFunction.self)
    static let addchdir = function(
      "posix_spawn_file_actions_addchdir_np", as: ChangeFolder.self)
  }

  private let master: Int32
  private let pid: pid_t
  /// Everything the program wrote so far.
  private(set) var transcript = ""
  /// Where the next `expect` starts looking.
  private var mark: String.Index

  init(
    arguments: [String] = [], environment: [String: String?] = [:],
    folder: String? = nil
  ) throws {
    guard let openpt = LibC.openpt, let grantpt = LibC.grantpt,
      let unlockpt = LibC.unlockpt, let ptsname = LibC.ptsname,
      let addchdir = LibC.addchdir
    else { throw Failure.system("pseudo-terminal functions not found") }
    master = openpt(O_RDWR | O_NOCTTY)
    guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0,
      let name = ptsname(master)
    else { throw Failure.system("no pseudo-terminal: errno \(errno)") }
    let slavePath = String(cString: name)
    var size = winsize(ws_row: 24, ws_col: 80, ws_xpixel: 0, ws_ypixel: 0)
    _ = ioctl(master, UInt(TIOCSWINSZ), &size)

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    // Opened after setsid, without O_NOCTTY: it becomes the controlling
    // terminal of the child's new session.
    posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
    posix_spawn_file_actions_adddup2(&actions, 0, 1)
    posix_spawn_file_actions_adddup2(&actions, 0, 2)
    posix_spawn_file_actions_addclose(&actions, master)
    if let folder { _ = addchdir(&actions, folder) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    let setSession: Int16 = 0x80  // POSIX_SPAWN_SETSID in glibc
    posix_spawnattr_setflags(&attributes, setSession)

    var environmentList = Binary.scrubbedEnvironment(environment)
    environmentList["TERM"] = "xterm"
    let argv = ([Binary.path] + arguments).map { strdup($0) } + [nil]
    let envp = environmentList.map { strdup("\($0.key)=\($0.value)") }
      + [nil]
    defer {
      argv.forEach { free($0) }
      envp.forEach { free($0) }
    }
    var child: pid_t = 0
    let status = posix_spawn(
      &child, Binary.path, &actions, &attributes, argv, envp)
    guard status == 0 else {
      throw Failure.system("posix_spawn failed: \(status)")
    }
    pid = child
    mark = transcript.startIndex
    _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
  }

  deinit {
    kill(pid, SIGKILL)
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    close(master)
  }

  /// Types `text` as keys (no newline added). A control key waits a
  /// moment first: until libedit has put the terminal in its editing mode
  /// the line discipline itself takes Ctrl-C and Ctrl-D (as SIGINT and
  /// end of file), and a person never types that fast after a prompt.
  func type(_ text: String) {
    if text.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\r" })
    {
      Thread.sleep(forTimeInterval: 0.15)
    }
    var bytes = Array(text.utf8)
    _ = write(master, &bytes, bytes.count)
  }

  /// Types a line and Enter.
  func line(_ text: String) { type(text + "\r") }

  /// Waits until `text` appears after the previous match; returns what
  /// came before it.
  @discardableResult
  func expect(_ text: String, seconds: Double = 10) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
      if let found = transcript[mark...].range(of: text) {
        let before = String(transcript[mark..<found.lowerBound])
        mark = found.upperBound
        return before
      }
      guard Date() < deadline else {
        throw Failure.timeout(
          waitingFor: text, screen: String(transcript[mark...]))
      }
      readAvailable(waiting: 0.05)
    }
  }

  /// Waits for the child to exit; its exit status.
  func waitForExit(seconds: Double = 10) throws -> Int32 {
    let deadline = Date().addingTimeInterval(seconds)
    var status: Int32 = 0
    while Date() < deadline {
      readAvailable(waiting: 0.02)
      if waitpid(pid, &status, WNOHANG) == pid {
        return (status >> 8) & 0xff
      }
    }
    throw Failure.timeout(waitingFor: "exit", screen: transcript)
  }

  private func readAvailable(waiting seconds: Double) {
    var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
    guard poll(&descriptor, 1, Int32(seconds * 1000)) > 0 else { return }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = read(master, &buffer, buffer.count)
    guard count > 0 else { return }
    let offset = transcript.distance(from: transcript.startIndex, to: mark)
    transcript += String(decoding: buffer[0..<count], as: UTF8.self)
    mark = transcript.index(transcript.startIndex, offsetBy: offset)
  }
}
