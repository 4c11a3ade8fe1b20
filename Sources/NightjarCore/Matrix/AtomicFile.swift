// AtomicFile: write a file under a temporary name, then rename it in place.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file written atomically: bytes go to a temporary file in the target's
/// folder (so the final rename stays on one file system), which `commit`
/// flushes to disk and renames over the target. Readers see the old file
/// or the complete new one, never a partial write; `abandon` (or an error)
/// removes the temporary file.
///
/// Errors are `NightjarError.io` with the target path and the system's
/// reason (`save: /nope/m.njmx: No such file or directory`).
final class AtomicFile {
  let path: String
  let operation: String
  private let temporaryPath: String
  private var descriptor: Int32

  /// Creates the temporary file `.<name>.<pid>.<random>.tmp` next to
  /// `path`, readable as an ordinary new file would be (mode 0666 less
  /// the umask).
  init(path: String, operation: String) throws(NightjarError) {
    self.path = path
    self.operation = operation
    let slash = path.lastIndex(of: "/")
    let folder = slash.map { String(path[...$0]) } ?? ""
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    var generator = RandomGenerator()
    let tag = String(generator.next() & 0xffff_ffff, radix: 16)
    temporaryPath = "\(folder).\(name).\(getpid()).\(tag).tmp"
    descriptor = open(
      temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
    if descriptor < 0 { throw systemError() }
  }

  deinit { abandon() }

  /// The error for the last failed system call, naming the target path.
  private func systemError() -> NightjarError {
    .io(
      operation: operation, path: path,
      reason: String(cString: strerror(errno)))
  }

  /// Writes all `count` bytes at `bytes`, retrying short writes and
  /// interrupted calls.
  func write(_ bytes: UnsafeRawPointer, count: Int) throws(NightjarError) {
    var done = 0
    while done < count {
      let written = systemWrite(descriptor, bytes + done, count - done)
      if written < 0 {
        if errno == EINTR { continue }
        throw systemError()
      }
      done += written
    }
  }

  /// Writes the bytes of `array`.
  func write(_ array: [UInt8]) throws(NightjarError) {
    var failure: NightjarError?
    array.withUnsafeBytes { raw in
      guard let start = raw.baseAddress else { return }
      do throws(NightjarError) {
        try write(start, count: raw.count)
      } catch {
        failure = error
      }
    }
    if let failure { throw failure }
  }

  /// Flushes the temporary file to disk and renames it over `path`.
  func commit() throws(NightjarError) {
    if fsync(descriptor) != 0 {
      let error = systemError()
      abandon()
      throw error
    }
    if close(descriptor) != 0 {
      descriptor = -1
      let error = systemError()
      unlink(temporaryPath)
      throw error
    }
    descriptor = -1
    if rename(temporaryPath, path) != 0 {
      let error = systemError()
      unlink(temporaryPath)
      throw error
    }
  }

  /// Closes and removes the temporary file if it is still open.
  func abandon() {
    guard descriptor >= 0 else { return }
    close(descriptor)
    descriptor = -1
    unlink(temporaryPath)
  }
}

/// The C library's `write`, reachable from inside `AtomicFile`, whose own
/// `write` methods hide the global name.
private func systemWrite(
  _ descriptor: Int32, _ bytes: UnsafeRawPointer, _ count: Int
) -> Int {
  write(descriptor, bytes, count)
}
