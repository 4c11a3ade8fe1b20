// The inner loop of read_csv: one piece of a file into typed columns.

#if canImport(Glibc)
import Glibc
#endif
import CFastFloat

/// What a column of one piece holds so far. The order matters: states up
/// to `number` try the fast number parse first.
enum CSVColumnState: UInt8, Sendable {
  /// Only missing values so far.
  case unknown
  /// Numbers (and missing values).
  case number
  /// true/false (and missing values).
  case boolean
  /// Text: codes into the piece's own level table.
  case text

  /// The state two pieces agree on: unknown gives way to anything, and
  /// numbers and booleans together are text, as in pandas.
  func joined(_ other: CSVColumnState) -> CSVColumnState {
    if self == other || other == .unknown { return self }
    if self == .unknown { return other }
    return .text
  }
}

/// Why a piece stopped early: a malformed record or an interruption.
struct CSVFailure: Sendable {
  /// The line of the record at fault, counted from the piece's first line
  /// (0-based); the reader adds the piece's first line number.
  let line: Int
  /// The message after "read_csv: path:line: ".
  let message: String
  /// Ctrl-C rather than a malformed record.
  var interrupted = false
}

/// Where a piece writes its number columns when the reader knows every
/// piece's row count in advance: straight into the frame's arrays.
struct CSVDirectTarget {
  /// The first value of each output column's array.
  let columns: [UnsafeMutablePointer<Double>]
  /// The piece's first row in those arrays.
  let offset: Int
  /// The piece's row count.
  let rows: Int
}

/// One piece of a CSV file read into columns: the records whose first
/// byte lies in [start, stop), read by one worker.
///
/// The reader cuts the file at line starts that it cannot know to be
/// outside quoted fields, so a piece reads from its guessed start and
/// records where it ended: if the previous piece ended elsewhere, the
/// guess was wrong and the reader reads this piece again from the right
/// place. A column that turns from numbers to text halfway has its
/// earlier values' text lost, so the piece is read again with that
/// column as text from the start (`restartColumns`).
final class CSVChunk {
  let layout: CSVLayout
  /// The offset of the first byte read.
  let start: Int
  /// The offset after the last record read (the next piece's start).
  private(set) var end: Int
  /// Newlines between `start` and `end` (for line numbers).
  private(set) var lines = 0
  /// Records read.
  private(set) var rows = 0
  /// Set when a record was malformed or the user interrupted.
  private(set) var failure: CSVFailure?
  /// Columns that must be read as text from the start.
  private(set) var restartColumns: Set<Int> = []
  /// Set when the piece held more records than its direct target has
  /// rows (the reader then reads the file again with buffers).
  private(set) var overflowed = false
  /// Whether the number buffers belong to the frame's arrays.
  let borrowsNumbers: Bool

  /// Per output column: state, values (number, boolean, unknown) and
  /// codes (text), in buffers from malloc grown with realloc.
  let states: UnsafeMutablePointer<CSVColumnState>
  let numbers: UnsafeMutablePointer<UnsafeMutablePointer<Double>?>
  let codes: UnsafeMutablePointer<UnsafeMutablePointer<Int32>?>
  private(set) var levels: [CSVLevelTable?]
  private var capacity: Int
  /// Unescaped bytes of a quoted field with doubled quotes.
  private var scratch: [UInt8] = []

  /// A piece starting at `start`; `textColumns` are read as text from the
  /// start; `expectedRows` sizes the first buffers, unless `direct` gives
  /// the arrays to write numbers into.
  init(layout: CSVLayout, start: Int, textColumns: Set<Int>,
       expectedRows: Int, direct: CSVDirectTarget? = nil)
  {
    self.layout = layout
    self.start = start
    self.end = start
    let count = layout.outputCount
    states = .allocate(capacity: max(count, 1))
    numbers = .allocate(capacity: max(count, 1))
    codes = .allocate(capacity: max(count, 1))
    levels = Array(repeating: nil, count: count)
    capacity = direct?.rows ?? max(expectedRows, 16)
    borrowsNumbers = direct != nil
    for column in 0..<count {
      let state: CSVColumnState
      switch layout.forced[column] {
      case .number?: state = .number
      case .boolean?: state = .boolean
      case .text?: state = .text
      case nil: state = textColumns.contains(column) ? .text : .unknown
      }
      states[column] = state
      numbers[column] = nil
      codes[column] = nil
      if state == .text {
        levels[column] = CSVLevelTable()
        codes[column] = CSVChunk.allocate(Int32.self, capacity)
      } else if let direct {
        numbers[column] = direct.columns[column] + direct.offset
      } else {
        numbers[column] = CSVChunk.allocate(Double.self, capacity)
      }
    }
    restartColumns = textColumns
  }

  deinit {
    for column in 0..<layout.outputCount {
      if !borrowsNumbers { free(numbers[column]) }
      free(codes[column])
    }
    states.deallocate()
    numbers.deallocate()
    codes.deallocate()
  }

  /// Memory for `count` values (free(3)-able); nil when exhausted.
  static func allocate<T>(_ type: T.Type, _ count: Int)
    -> UnsafeMutablePointer<T>?
  {
    LargeMemory.allocate(type, count)
  }

  /// Whether every column buffer exists (malloc did not fail).
  private var buffersReady: Bool {
    (0..<layout.outputCount).allSatisfy {
      states[$0] == .text ? codes[$0] != nil : numbers[$0] != nil
    }
  }

  /// Makes room for more rows; false when memory is exhausted or the
  /// rows are the frame's (then `overflowed` is set).
  private func grow() -> Bool {
    if borrowsNumbers {
      overflowed = true
      return false
    }
    let larger = capacity + capacity / 2 + 1024
    for column in 0..<layout.outputCount {
      if let old = numbers[column] {
        let moved = realloc(old, larger * MemoryLayout<Double>.stride)
        guard let moved else { return false }
        numbers[column] = moved.assumingMemoryBound(to: Double.self)
      }
      if let old = codes[column] {
        let moved = realloc(old, larger * MemoryLayout<Int32>.stride)
        guard let moved else { return false }
        codes[column] = moved.assumingMemoryBound(to: Int32.self)
      }
    }
    capacity = larger
    return true
  }

  // MARK: - Reading records

  /// Reads the records that start before `stop`, at most `rowLimit` of
  /// them, from the `count` bytes at `base`. Returns false when the piece
  /// must be read again with `restartColumns` as text.
  func read(_ base: UnsafePointer<UInt8>, count: Int, stop: Int,
            rowLimit: Int) -> Bool
  {
    let end = base + count
    let stopAt = base + min(stop, count)
    let delimiter = layout.delimiter
    let fieldCount = layout.fieldCount
    let comment = layout.comment.map { Int($0) } ?? -1
    let skipBlank = layout.skipBlankLines
    let rawStates = UnsafeMutableRawPointer(states)
      .assumingMemoryBound(to: UInt8.self)
    var p = base + start
    var line = 0
    defer {
      self.end = p - base
      self.lines = line
    }
    guard buffersReady else {
      failure = CSVFailure(line: 0, message: "out of memory")
      return true
    }
    return layout.outputOfField.withUnsafeBufferPointer { outputOf in
      while p < stopAt && rows < rowLimit {
        // Poll for Ctrl-C every 8192 records.
        if rows & 0x1FFF == 0x1FFF && Cancellation.isRequested() {
          failure = CSVFailure(line: line, message: "", interrupted: true)
          return true
        }
        // Blank lines and comment lines hold no record.
        let first = p.pointee
        if first == 0x0A || (first == 0x0D && (p + 1 == end || p[1] == 0x0A)) {
          p += first == 0x0A ? 1 : min(2, end - p)
          line += 1
          if skipBlank { continue }
          guard rows < capacity || grow() else { return outOfMemory(line) }
          storeMissingRow()
          rows += 1
          continue
        }
        if Int(first) == comment {
          p = CSVChunk.lineEnd(p, end)
          if p < end {
            p += 1
            line += 1
          }
          continue
        }
        guard rows < capacity || grow() else { return outOfMemory(line) }
        let recordLine = line
        let recordStart = p
        var field = 0
        // One field per turn; `q` ends at its separator.
        while true {
          guard field < fieldCount else {
            let got = CSVChunk.fieldCount(recordStart, end, delimiter)
            failure = CSVFailure(
              line: recordLine,
              message: "expected \(fieldCount) fields, got \(got)")
            return true
          }
          let output = outputOf[field]
          if output >= 0 && p < end && p.pointee != 0x22
            && states[output].rawValue <= CSVColumnState.number.rawValue
          {
            // The fast path: C reads the run of number fields from here.
            var cursor = nj_fields_cursor(
              position: CSVChunk.chars(p), field: field, ended: 0)
            nj_parse_number_fields(
              CSVChunk.chars(end), CChar(bitPattern: delimiter), fieldCount,
              outputOf.baseAddress, rawStates, numbers, rows, &cursor)
            if cursor.field > field {
              p = CSVChunk.bytes(cursor.position)
              field = cursor.field
              if cursor.ended == 0 { continue }
              if cursor.ended == 1 { line += 1 }
              break
            }
          }
          var q = p
          var stored = false
          if p < end && p.pointee == 0x22 {
            // A quoted field: the slow path, with unescaping.
            guard let quoted = CSVChunk.quotedField(p, end, delimiter)
            else {
              failure = CSVFailure(
                line: recordLine, message: "unterminated quoted field")
              return true
            }
            line += quoted.newlines
            q = quoted.after
            if output >= 0 {
              guard storeQuoted(output, quoted, line: recordLine) else {
                return failure != nil
              }
            }
            stored = true
          }
          if !stored {
            q = CSVChunk.fieldEnd(p, end, delimiter)
            var contentEnd = q
            if contentEnd > p && contentEnd[-1] == 0x0D
              && (q == end || q.pointee == 0x0A)
            {
              contentEnd -= 1
            }
            if output >= 0 {
              guard store(output, p, contentEnd - p, line: recordLine) else {
                return failure != nil
              }
            }
          }
          // The separator: another field, or the end of the record.
          if q < end && q.pointee == delimiter {
            p = q + 1
            field += 1
            continue
          }
          if q < end && q.pointee == 0x0D { q += 1 }
          if q < end {
            q += 1
            line += 1
          }
          p = q
          field += 1
          break
        }
        guard field == fieldCount else {
          failure = CSVFailure(
            line: recordLine,
            message: "expected \(fieldCount) fields, got \(field)")
          return true
        }
        rows += 1
      }
      return true
    }
  }

  private func outOfMemory(_ line: Int) -> Bool {
    if !overflowed {
      failure = CSVFailure(line: line, message: "out of memory")
    }
    return true
  }

  /// Missing values in every column for the current row (a blank line
  /// read as a record).
  private func storeMissingRow() {
    for column in 0..<layout.outputCount {
      if states[column] == .text {
        codes[column].unsafelyUnwrapped[rows] = -1
      } else {
        numbers[column].unsafelyUnwrapped[rows] = .nan
      }
    }
  }

  // MARK: - Field values

  /// Stores a quoted field's content (unescaped into `scratch` when it
  /// held doubled quotes or text after the closing quote).
  private func storeQuoted(_ column: Int, _ field: CSVQuotedField,
                           line: Int) -> Bool
  {
    if !field.needsCopy {
      return store(column, field.contentStart, field.contentCount,
                   line: line)
    }
    CSVChunk.unescape(field, into: &scratch)
    return scratch.withUnsafeBufferPointer { bytes in
      store(column, bytes.baseAddress ?? field.contentStart, bytes.count,
            line: line)
    }
  }

  /// Stores one field of the current row in `column`, inferring the
  /// column's type. Returns false when reading must stop: a failure, or
  /// a restart with the column as text.
  private func store(_ column: Int, _ start: UnsafePointer<UInt8>,
                     _ count: Int, line: Int) -> Bool
  {
    let state = states[column]
    if layout.missing.contains(start, count) {
      if state == .text {
        codes[column].unsafelyUnwrapped[rows] = -1
      } else {
        numbers[column].unsafelyUnwrapped[rows] = .nan
      }
      return true
    }
    if state == .text { return storeText(column, start, count, line: line) }
    let forced = layout.forced[column]
    if let value = CSVChunk.number(start, count) {
      guard state != .boolean else {
        return conflict(column, start, count, line: line)
      }
      numbers[column].unsafelyUnwrapped[rows] = value
      states[column] = .number
      return true
    }
    if let truth = CSVChunk.boolean(start, count) {
      guard state != .number || forced == .number else {
        return conflict(column, start, count, line: line)
      }
      numbers[column].unsafelyUnwrapped[rows] = truth ? 1 : 0
      if state == .unknown { states[column] = .boolean }
      return true
    }
    guard state == .unknown else {
      return conflict(column, start, count, line: line)
    }
    // The first value of a column that was all missing: text from now,
    // with the rows so far missing.
    guard let buffer = CSVChunk.allocate(Int32.self, capacity) else {
      return outOfMemory(line)
    }
    buffer.initialize(repeating: -1, count: rows)
    if !borrowsNumbers { free(numbers[column]) }
    numbers[column] = nil
    codes[column] = buffer
    levels[column] = CSVLevelTable()
    states[column] = .text
    return storeText(column, start, count, line: line)
  }

  /// A value that does not fit the column's type so far: an error for a
  /// forced type, else a restart with the column as text.
  private func conflict(_ column: Int, _ start: UnsafePointer<UInt8>,
                        _ count: Int, line: Int) -> Bool
  {
    if let forced = layout.forced[column] {
      let text = String(decoding: UnsafeBufferPointer(start: start,
                                                      count: min(count, 40)),
                        as: UTF8.self)
      let shown = count > 40 ? text + "..." : text
      failure = CSVFailure(
        line: line,
        message: "column '\(layout.names[column])': cannot read '\(shown)' "
          + "as \(forced == .number ? "a number" : "a boolean")")
      return false
    }
    restartColumns.insert(column)
    return false
  }

  /// Stores a text value: its code in the piece's level table; a new
  /// value must be valid UTF-8.
  private func storeText(_ column: Int, _ start: UnsafePointer<UInt8>,
                         _ count: Int, line: Int) -> Bool
  {
    guard let table = levels[column] else { return false }
    let (code, isNew) = table.code(start, count)
    if isNew && !UTF8Validation.isValid(start, count) {
      failure = CSVFailure(line: line, message: "invalid UTF-8")
      return false
    }
    codes[column].unsafelyUnwrapped[rows] = code
    return true
  }

  // MARK: - Scanning bytes

  /// The same address as C's `const char *` (UInt8 and CChar may alias).
  @inline(__always)
  static func chars(_ p: UnsafePointer<UInt8>) -> UnsafePointer<CChar> {
    UnsafeRawPointer(p).assumingMemoryBound(to: CChar.self)
  }

  /// The same address back as bytes.
  @inline(__always)
  static func bytes(_ p: UnsafePointer<CChar>?) -> UnsafePointer<UInt8> {
    UnsafeRawPointer(p.unsafelyUnwrapped).assumingMemoryBound(to: UInt8.self)
  }

  /// The number the whole field holds, spaces and tabs around it
  /// allowed; nil when it holds anything else.
  static func number(_ start: UnsafePointer<UInt8>, _ count: Int) -> Double?
  {
    var first = start
    var last = start + count
    while first < last && (first.pointee == 0x20 || first.pointee == 0x09) {
      first += 1
    }
    while last > first && (last[-1] == 0x20 || last[-1] == 0x09) { last -= 1 }
    guard first < last else { return nil }
    var value = 0.0
    let used = first.withMemoryRebound(to: CChar.self, capacity: 1) { a in
      last.withMemoryRebound(to: CChar.self, capacity: 1) { b in
        nj_parse_double(a, b, &value)
      }
    }
    return used == last - first ? value : nil
  }

  /// true for True/TRUE/true, false for False/FALSE/false (pandas'
  /// spellings), nil otherwise.
  static func boolean(_ start: UnsafePointer<UInt8>, _ count: Int) -> Bool? {
    guard count == 4 || count == 5 else { return nil }
    let bytes = UnsafeBufferPointer(start: start, count: count)
    if count == 4 {
      if bytes.elementsEqual("true".utf8) || bytes.elementsEqual("True".utf8)
        || bytes.elementsEqual("TRUE".utf8)
      {
        return true
      }
      return nil
    }
    if bytes.elementsEqual("false".utf8) || bytes.elementsEqual("False".utf8)
      || bytes.elementsEqual("FALSE".utf8)
    {
      return false
    }
    return nil
  }

  /// The first delimiter or LF at or after `p` (or `end`).
  @inline(__always)
  static func fieldEnd(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>,
                       _ delimiter: UInt8) -> UnsafePointer<UInt8>
  {
    var q = p
    while q < end {
      let byte = q.pointee
      if byte == delimiter || byte == 0x0A { break }
      q += 1
    }
    return q
  }

  /// The first LF at or after `p` (or `end`).
  static func lineEnd(_ p: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>)
    -> UnsafePointer<UInt8>
  {
    guard p < end, let found = memchr(p, 0x0A, end - p) else { return end }
    return UnsafePointer(found.assumingMemoryBound(to: UInt8.self))
  }

  /// A quoted field starting at its opening quote `p`: where its content
  /// lies, where its separator is, and the newlines inside it; nil when
  /// the closing quote is missing. Text between the closing quote and
  /// the separator (`"ab"c`) is kept, as pandas does.
  static func quotedField(_ p: UnsafePointer<UInt8>,
                          _ end: UnsafePointer<UInt8>, _ delimiter: UInt8)
    -> CSVQuotedField?
  {
    let contentStart = p + 1
    var q = contentStart
    var newlines = 0
    var doubled = false
    // Find the closing quote; "" inside is one literal quote.
    while true {
      guard q < end else { return nil }
      let byte = q.pointee
      if byte == 0x22 {
        if q + 1 < end && q[1] == 0x22 {
          doubled = true
          q += 2
          continue
        }
        break
      }
      if byte == 0x0A { newlines += 1 }
      q += 1
    }
    let contentEnd = q
    let afterQuote = q + 1
    var after = afterQuote
    if after < end && after.pointee != delimiter && after.pointee != 0x0A
      && !(after.pointee == 0x0D && (after + 1 == end || after[1] == 0x0A))
    {
      after = fieldEnd(after, end, delimiter)
    }
    var trailingEnd = after
    if trailingEnd > afterQuote && trailingEnd[-1] == 0x0D
      && (after == end || after.pointee == 0x0A)
    {
      trailingEnd -= 1
    }
    return CSVQuotedField(
      contentStart: contentStart, contentCount: contentEnd - contentStart,
      trailingStart: afterQuote, trailingCount: trailingEnd - afterQuote,
      doubled: doubled, after: after, newlines: newlines)
  }

  /// A quoted field's value: content with "" made ", then any trailing
  /// text.
  static func unescape(_ field: CSVQuotedField, into bytes: inout [UInt8]) {
    bytes.removeAll(keepingCapacity: true)
    var index = 0
    let content = field.contentStart
    while index < field.contentCount {
      bytes.append(content[index])
      // The second quote of a pair is dropped.
      index += content[index] == 0x22 ? 2 : 1
    }
    bytes.append(contentsOf: UnsafeBufferPointer(
      start: field.trailingStart, count: field.trailingCount))
  }

  /// The number of fields of the record starting at `p` (for the message
  /// of a ragged record).
  static func fieldCount(_ p: UnsafePointer<UInt8>,
                         _ end: UnsafePointer<UInt8>, _ delimiter: UInt8)
    -> Int
  {
    var q = p
    var fields = 1
    while q < end {
      if q.pointee == 0x22, let quoted = quotedField(q, end, delimiter) {
        q = quoted.after
      } else {
        q = fieldEnd(q, end, delimiter)
      }
      guard q < end && q.pointee == delimiter else { break }
      fields += 1
      q += 1
    }
    return fields
  }
}

/// Where a quoted field's parts lie in the file.
struct CSVQuotedField {
  /// The bytes between the quotes (doubled quotes still doubled).
  let contentStart: UnsafePointer<UInt8>
  let contentCount: Int
  /// Text after the closing quote, before the separator (usually none).
  let trailingStart: UnsafePointer<UInt8>
  let trailingCount: Int
  /// Whether the content holds doubled quotes.
  let doubled: Bool
  /// The separator after the field (delimiter, CR, LF) or the end.
  let after: UnsafePointer<UInt8>
  /// LFs inside the quotes.
  let newlines: Int

  /// Whether the value must be assembled in a buffer.
  var needsCopy: Bool { doubled || trailingCount > 0 }
}
