// Splitting large memory-bound loops into fixed chunks run on all cores.

import Dispatch

/// Runs loops over many elements in fixed-size chunks, on all cores when
/// the work is large enough to repay the hand-off.
///
/// Chunk boundaries depend only on the problem size, never on the number
/// of threads, so a reduction that combines per-chunk results in chunk
/// order gives the same bits on any machine. Each chunk polls
/// `Cancellation` before it starts; an interrupted run throws after all
/// running chunks have returned and leaves no partial result visible.
enum ParallelWork {
  /// Elements below which a loop stays on the calling thread: handing
  /// off to another core costs about as much as touching this many.
  static let threshold = 1 << 16

  /// The work one chunk does, in elements; a multiple of 8 so that
  /// chunks of contiguous data start on cache-line boundaries.
  static let chunkElements = 1 << 16

  /// The number of items per chunk when each item costs `itemCost`
  /// elements of work (a row of `columns` values, say).
  static func chunkLength(itemCost: Int) -> Int {
    max(1, chunkElements / max(1, itemCost))
  }

  /// Calls `body` once per chunk of `0..<count`, each chunk holding
  /// `chunkLength` items (the last may be shorter), with the chunk's
  /// index and range. Runs chunks in parallel when
  /// `count * itemCost` reaches `threshold`.
  static func forEachChunk(
    count: Int, chunkLength: Int, itemCost: Int = 1,
    _ body: (_ chunk: Int, _ range: Range<Int>) -> Void
  ) throws(NightjarError) {
    guard count > 0 else { return }
    let length = max(1, chunkLength)
    let chunks = (count + length - 1) / length
    let (work, overflow) = count.multipliedReportingOverflow(by: itemCost)
    if chunks == 1 || (!overflow && work < threshold) {
      for chunk in 0..<chunks {
        try Cancellation.check()
        body(chunk, chunk * length..<min(count, (chunk + 1) * length))
      }
      return
    }
    let stopped = UnsafeMutableBufferPointer<Bool>.allocate(capacity: chunks)
    defer { stopped.deallocate() }
    stopped.initialize(repeating: false)
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
      if Cancellation.isRequested() {
        stopped[chunk] = true
        return
      }
      body(chunk, chunk * length..<min(count, (chunk + 1) * length))
    }
    if stopped.contains(true) { throw .interrupted }
  }

  /// Like `forEachChunk`, for loops over `count` elements of one cost.
  static func forEachChunk(
    elements count: Int, _ body: (_ range: Range<Int>) -> Void
  ) throws(NightjarError) {
    try forEachChunk(count: count, chunkLength: chunkElements) {
      _, range in body(range)
    }
  }

  /// The number of chunks `forEachChunk` makes for `count` items.
  static func chunkCount(count: Int, chunkLength: Int) -> Int {
    count <= 0 ? 0 : (count + chunkLength - 1) / max(1, chunkLength)
  }
}
