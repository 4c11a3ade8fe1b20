// Files and folders through the C library: reading, atomic writing,
// listing, with the system's reason on failure.

#if canImport(Glibc)
import Glibc
#endif

/// File operations that report failures as `NightjarError.io` with the
/// path and the system's reason (`strerror`), as Lua's io library does.
public enum FileSystem {
  /// The system's text for an errno value ("No such file or directory").
  public static func reason(_ code: Int32) -> String {
    String(cString: strerror(code))
  }

  /// Whether something exists at `path`.
  public static func exists(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0
  }

  /// Whether `path` is a folder.
  public static func isFolder(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
  }

  /// The names in a folder, without "." and "..", unsorted.
  public static func list(_ path: String) throws(NightjarError) -> [String] {
    guard let folder = opendir(path) else {
      throw .io(operation: "list", path: path, reason: reason(errno))
    }
    defer { closedir(folder) }
    var names: [String] = []
    while let entry = readdir(folder) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }

  /// Creates a folder and its missing parents (as `mkdir -p`).
  public static func createFolder(_ path: String) throws(NightjarError) {
    var prefix = path.hasPrefix("/") ? "/" : ""
    for part in path.split(separator: "/") {
      prefix += part
      if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
        throw .io(operation: "mkdir", path: prefix, reason: reason(errno))
      }
      prefix += "/"
    }
  }

  /// The whole content of a file.
  public static func read(_ path: String, operation: String = "read")
    throws(NightjarError) -> [UInt8]
  {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw .io(operation: operation, path: path, reason: reason(errno))
    }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes {
        Glibc.read(descriptor, $0.baseAddress, $0.count)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw .io(operation: operation, path: path, reason: reason(errno))
      }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }

  /// Writes a file so that readers see the old content or the new one,
  /// never a part: the bytes go to a temporary file in the same folder,
  /// which then replaces `path` by rename(2). `produce` is called with a
  /// writer; if it throws, the temporary file is removed and `path` is
  /// untouched.
  public static func writeAtomically(
    _ path: String, operation: String,
    _ produce: (inout FileWriter) throws(NightjarError) -> Void
  ) throws(NightjarError) {
    var template = Array((path + ".tmp-XXXXXX").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.map { mkstemp($0) } ?? -1
    }
    guard descriptor >= 0 else {
      throw .io(operation: operation, path: path, reason: reason(errno))
    }
    let temporary = String(cString: template)
    var writer = FileWriter(descriptor: descriptor, path: path,
                            operation: operation)
    do throws(NightjarError) {
      try produce(&writer)
      try writer.flush()
      guard fsync(descriptor) == 0, close(descriptor) == 0 else {
        throw .io(operation: operation, path: path, reason: reason(errno))
      }
    } catch {
      close(descriptor)
      unlink(temporary)
      throw error
    }
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw .io(operation: operation, path: path, reason: reason(code))
    }
  }
}

/// Buffered writes to an open file descriptor.
public struct FileWriter {
  let descriptor: Int32
  let path: String
  let operation: String
  private var buffer: [UInt8] = []

  init(descriptor: Int32, path: String, operation: String) {
    self.descriptor = descriptor
    self.path = path
    self.operation = operation
    buffer.reserveCapacity(1 << 16)
  }

  /// Appends bytes, writing out every 64 KiB.
  public mutating func write<Bytes: Sequence>(_ bytes: Bytes)
    throws(NightjarError) where Bytes.Element == UInt8
  {
    buffer.append(contentsOf: bytes)
    if buffer.count >= 1 << 16 { try flush() }
  }

  /// Appends a string's UTF-8 bytes.
  public mutating func write(_ text: String) throws(NightjarError) {
    try write(text.utf8)
  }

  /// Appends raw memory (for binary formats).
  public mutating func write(raw: UnsafeRawBufferPointer)
    throws(NightjarError)
  {
    try flush()
    if let code = FileWriter.writeAll(descriptor, raw) {
      throw .io(operation: operation, path: path,
                reason: FileSystem.reason(code))
    }
  }

  mutating func flush() throws(NightjarError) {
    let code = buffer.withUnsafeBytes { FileWriter.writeAll(descriptor, $0) }
    buffer.removeAll(keepingCapacity: true)
    if let code {
      throw .io(operation: operation, path: path,
                reason: FileSystem.reason(code))
    }
  }

  /// Writes every byte, retrying after signals; the errno of a failure.
  private static func writeAll(
    _ descriptor: Int32, _ raw: UnsafeRawBufferPointer
  ) -> Int32? {
    guard let base = raw.baseAddress else { return nil }
    var offset = 0
    while offset < raw.count {
      let count = Glibc.write(descriptor, base + offset, raw.count - offset)
      if count < 0 {
        if errno == EINTR { continue }
        return errno
      }
      offset += count
    }
    return nil
  }
}
