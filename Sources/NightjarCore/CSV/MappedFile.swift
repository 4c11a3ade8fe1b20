// A file mapped into memory, read-only, unmapped when released.

#if canImport(Glibc)
import Glibc
#endif

/// The bytes of a file, mapped read-only with mmap(2) so that the CSV
/// workers read the page cache directly, without a copy.
final class MappedFile {
  /// The first byte; nil for an empty file (nothing is mapped).
  let base: UnsafePointer<UInt8>?
  /// The number of bytes.
  let count: Int

  /// Maps `path`; I/O failures throw `operation: path: reason`.
  init(path: String, operation: String) throws(NightjarError) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw .io(operation: operation, path: path,
                reason: FileSystem.reason(errno))
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      throw .io(operation: operation, path: path,
                reason: FileSystem.reason(errno))
    }
    guard (info.st_mode & S_IFMT) != S_IFDIR else {
      throw .io(operation: operation, path: path,
                reason: FileSystem.reason(EISDIR))
    }
    count = Int(info.st_size)
    guard count > 0 else {
      base = nil
      return
    }
    let address = mmap(nil, count, PROT_READ, MAP_PRIVATE | MAP_POPULATE,
                       descriptor, 0)
    guard let address, address != MAP_FAILED else {
      throw .io(operation: operation, path: path,
                reason: FileSystem.reason(errno))
    }
    // The workers read the whole file front to back, each its own part.
    madvise(address, count, MADV_WILLNEED)
    base = UnsafePointer(address.assumingMemoryBound(to: UInt8.self))
  }

  deinit {
    if let base {
      munmap(UnsafeMutableRawPointer(mutating: base), count)
    }
  }
}
