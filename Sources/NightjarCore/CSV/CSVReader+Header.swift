// Before the records: the byte order mark, the delimiter, the header.

extension CSVReader {
  /// The first line after `position` that is neither blank nor a comment,
  /// and the number of lines skipped to reach it; nil when there is none.
  static func firstContentLine(
    _ bytes: UnsafeBufferPointer<UInt8>, from position: Int, comment: UInt8?
  ) -> (offset: Int, skipped: Int)? {
    var offset = position
    var skipped = 0
    while offset < bytes.count {
      var lineEnd = offset
      while lineEnd < bytes.count && bytes[lineEnd] != 0x0A { lineEnd += 1 }
      let blank = lineEnd == offset
        || (lineEnd == offset + 1 && bytes[offset] == 0x0D)
      let commented = comment.map { bytes[offset] == $0 } ?? false
      if !blank && !commented { return (offset, skipped) }
      offset = lineEnd + 1
      skipped += 1
    }
    return nil
  }

  /// The fields of the record at `offset` (quotes removed, "" made "),
  /// the offset after it and the newlines it spans; nil when a quote is
  /// not closed.
  static func record(
    _ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, delimiter: UInt8
  ) -> (fields: [[UInt8]], next: Int, newlines: Int)? {
    guard let base = bytes.baseAddress else { return ([[]], 0, 0) }
    let end = base + bytes.count
    var p = base + offset
    var fields: [[UInt8]] = []
    var newlines = 0
    while true {
      var q: UnsafePointer<UInt8>
      if p < end && p.pointee == 0x22 {
        guard let quoted = CSVChunk.quotedField(p, end, delimiter) else {
          return nil
        }
        var value: [UInt8] = []
        CSVChunk.unescape(quoted, into: &value)
        fields.append(value)
        newlines += quoted.newlines
        q = quoted.after
      } else {
        q = CSVChunk.fieldEnd(p, end, delimiter)
        var contentEnd = q
        if contentEnd > p && contentEnd[-1] == 0x0D { contentEnd -= 1 }
        fields.append(
          Array(UnsafeBufferPointer(start: p, count: contentEnd - p)))
      }
      if q < end && q.pointee == delimiter {
        p = q + 1
        continue
      }
      if q < end && q.pointee == 0x0D { q += 1 }
      if q < end {
        q += 1
        newlines += 1
      }
      return (fields, q - base, newlines)
    }
  }

  /// The delimiter guessed from the first records at `offset`: among
  /// `,` `;` tab `|`, the one found the same non-zero number of times
  /// (outside quotes) on every complete record of the first 20 (and of
  /// the first 64 KiB), most often first; else the most frequent on the
  /// first record; else `,`.
  static func sniffDelimiter(
    _ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, comment: UInt8?
  ) -> UInt8 {
    let candidates: [UInt8] = [0x2C, 0x3B, 0x09, 0x7C]
    let limit = min(bytes.count, offset + (1 << 16))
    var records: [[Int]] = []
    var counts = [Int](repeating: 0, count: candidates.count)
    var quoted = false
    var lineStart = true
    var skipping = false
    var position = offset
    // Count per record, toggling at quotes; blank and comment lines skip.
    while position < limit && records.count < 20 {
      let byte = bytes[position]
      position += 1
      if lineStart && !quoted {
        lineStart = false
        skipping = byte == 0x0A || byte == 0x0D
          || comment.map { byte == $0 } ?? false
      }
      if byte == 0x22 { quoted.toggle() }
      if byte == 0x0A && !quoted {
        if !skipping { records.append(counts) }
        counts = Array(repeating: 0, count: candidates.count)
        lineStart = true
        continue
      }
      if !quoted && !skipping, let slot = candidates.firstIndex(of: byte) {
        counts[slot] += 1
      }
    }
    // A last record without a newline counts only when the file ends.
    if position == bytes.count && !skipping && !lineStart && !quoted {
      records.append(counts)
    }
    guard let first = records.first else { return 0x2C }
    let consistent = candidates.indices.filter { slot in
      first[slot] > 0 && records.allSatisfy { $0[slot] == first[slot] }
    }
    if let best = consistent.max(by: { first[$0] < first[$1] }) {
      return candidates[best]
    }
    if let best = candidates.indices.max(by: { first[$0] < first[$1] }),
      first[best] > 0
    {
      return candidates[best]
    }
    return 0x2C
  }
}
