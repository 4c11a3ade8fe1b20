// The distinct text values of one column, looked up by their bytes.

/// The levels of a text column while a file is read: each distinct value
/// gets the next code (0, 1, ...) in order of first appearance. Values
/// are hashed as bytes, so that a repeated value costs no String.
final class CSVLevelTable {
  /// The bytes of every level, one after the other.
  private(set) var bytes: [UInt8] = []
  /// Where each level starts in `bytes`, plus the end: count + 1 items.
  private(set) var starts: [Int] = [0]
  /// Open addressing: a level's code, or -1 for an empty slot.
  private var slots: [Int32]
  /// The hash of each level, to grow the table without hashing again.
  private var hashes: [UInt64] = []

  /// An empty table.
  init() {
    slots = [Int32](repeating: -1, count: 64)
  }

  /// The number of levels.
  var count: Int { hashes.count }

  /// The bytes of level `code`.
  func level(_ code: Int) -> ArraySlice<UInt8> {
    bytes[starts[code]..<starts[code + 1]]
  }

  /// The code of the value in `count` bytes at `start`, and whether it is
  /// new (then it was added with the next code).
  func code(_ start: UnsafePointer<UInt8>, _ count: Int)
    -> (code: Int32, isNew: Bool)
  {
    let hash = CSVLevelTable.hash(start, count)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    // Linear probing: stop at the value or at an empty slot.
    while true {
      let code = slots[slot]
      if code < 0 { break }
      if hashes[Int(code)] == hash && equals(Int(code), start, count) {
        return (code, false)
      }
      slot = (slot + 1) & mask
    }
    let code = Int32(hashes.count)
    slots[slot] = code
    hashes.append(hash)
    bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: count))
    starts.append(bytes.count)
    // Keep the load below one half so that probes stay short.
    if hashes.count * 2 > slots.count { grow() }
    return (code, true)
  }

  /// Whether level `code` has exactly these bytes.
  private func equals(_ code: Int, _ start: UnsafePointer<UInt8>,
                      _ count: Int) -> Bool
  {
    let from = starts[code]
    guard starts[code + 1] - from == count else { return false }
    return bytes.withUnsafeBufferPointer { stored in
      for index in 0..<count where stored[from + index] != start[index] {
        return false
      }
      return true
    }
  }

  /// Doubles the slot array and reinserts every level.
  private func grow() {
    slots = [Int32](repeating: -1, count: slots.count * 2)
    let mask = slots.count - 1
    for (code, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(code)
    }
  }

  /// FNV-1a over the bytes, then a final mix (the multiply and shifts of
  /// splitmix64) so that the low bits used for the slot vary.
  static func hash(_ start: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for index in 0..<count {
      hash = (hash ^ UInt64(start[index])) &* 0x0000_0100_0000_01b3
    }
    hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
    hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
    return hash ^ (hash >> 31)
  }
}
