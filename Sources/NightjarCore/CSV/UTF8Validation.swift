// Checking that bytes are well-formed UTF-8, without building a String.

/// The UTF-8 check the CSV reader runs on header names and on each new
/// text value (numbers and repeated values need none).
enum UTF8Validation {
  /// Whether `count` bytes at `start` are well-formed UTF-8 (RFC 3629:
  /// no overlong forms, no surrogates, nothing above U+10FFFF).
  static func isValid(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var index = 0
    while index < count {
      let lead = start[index]
      // ASCII, the common case, one byte at a time.
      if lead < 0x80 {
        index += 1
        continue
      }
      // The sequence length and the allowed range of the second byte
      // (the range rules out overlong forms and surrogates).
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0: length = 3; low = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: length = 3
      case 0xED: length = 3; high = 0x9F
      case 0xF0: length = 4; low = 0x90
      case 0xF1...0xF3: length = 4
      case 0xF4: length = 4; high = 0x8F
      default: return false
      }
      guard index + length <= count else { return false }
      let second = start[index + 1]
      guard second >= low && second <= high else { return false }
      // The remaining continuation bytes are 10xxxxxx.
      for offset in 2..<length where start[index + offset] & 0xC0 != 0x80 {
        return false
      }
      index += length
    }
    return true
  }
}
