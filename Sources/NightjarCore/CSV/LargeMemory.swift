// Large buffers backed by huge pages where the kernel allows them.

#if canImport(Glibc)
import Glibc
#endif

/// Allocation helpers for the CSV reader's column buffers.
///
/// A frame of 10 million values touches 80 MB of fresh memory; with 4 KiB
/// pages that is 20,000 page faults, each zeroing a page in the kernel,
/// and profiles of read_csv showed the kernel taking a third of the time.
/// Asking for transparent huge pages (2 MiB, `madvise(MADV_HUGEPAGE)`)
/// cuts the faults 512-fold. The advice is only advice: where huge pages
/// are disabled nothing changes.
enum LargeMemory {
  /// The huge page size on x86-64 and arm64 with 4 KiB base pages.
  static let hugePage = 2 << 20

  /// Buffers at least this large get the advice.
  static let threshold = 4 << 20

  /// malloc-compatible memory for `count` values (free it with free(3),
  /// grow it with realloc(3)); nil when memory is exhausted.
  static func allocate<T>(_ type: T.Type, _ count: Int)
    -> UnsafeMutablePointer<T>?
  {
    let bytes = max(count, 1) * MemoryLayout<T>.stride
    guard bytes >= threshold else {
      return malloc(bytes)?.assumingMemoryBound(to: T.self)
    }
    var memory: UnsafeMutableRawPointer?
    guard posix_memalign(&memory, hugePage, bytes) == 0, let memory else {
      return nil
    }
    adviseHugePages(memory, bytes: bytes)
    return memory.assumingMemoryBound(to: T.self)
  }

  /// Advises huge pages for the whole 2 MiB pages inside `bytes` at
  /// `start`; smaller ranges are left alone.
  static func adviseHugePages(_ start: UnsafeMutableRawPointer, bytes: Int) {
    guard bytes >= threshold else { return }
    let first = (Int(bitPattern: start) + hugePage - 1) & ~(hugePage - 1)
    let last = (Int(bitPattern: start) + bytes) & ~(hugePage - 1)
    guard last > first, let aligned = UnsafeMutableRawPointer(
      bitPattern: first)
    else {
      return
    }
    madvise(aligned, last - first, MADV_HUGEPAGE)
  }
}
