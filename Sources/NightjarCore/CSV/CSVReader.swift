// read_csv: a CSV file into a DataFrame, on every core.

#if canImport(Glibc)
import Glibc
#endif
import Dispatch

/// Reads CSV files (RFC 4180) into data frames.
///
/// - Format: fields separated by one delimiter (see
///   `CSVOptions.delimiter`), records by LF or CRLF; a field in double
///   quotes may hold delimiters, newlines and doubled quotes (`""` is one
///   `"`). UTF-8 with or without a byte order mark; invalid UTF-8 in a
///   name or text value is an error naming the line. A lone CR does not
///   end a record.
/// - Types, per column: numbers when every value that is not missing
///   reads as a number (Float64, correctly rounded by fast_float; `1`,
///   `-2.5e3`, `+.5`, `inf`; spaces around allowed); booleans when every
///   value is True/TRUE/true or False/FALSE/false (pandas' spellings,
///   stored as 1/0); otherwise text, stored as categorical codes with
///   the levels in order of first appearance. A column with no values
///   (all missing, or a header-only file) is a number column.
///   `CSVOptions.types` overrides the inference.
/// - Missing values: fields equal to one of `CSVOptions.missingValues`
///   (quoted or not), NaN in numbers, -1 codes in text.
/// - Errors (`NightjarError.format` unless said), with the physical line
///   where the record starts: `read_csv: data.csv:17: expected 6 fields,
///   got 5`; `read_csv: data.csv:9: unterminated quoted field`; `read_csv:
///   data.csv:4: invalid UTF-8`; `read_csv: data.csv: file is empty` (no
///   header, no record); `read_csv: data.csv: duplicate column name
///   'age'` (an error rather than pandas' renaming to `age.1`: a silently
///   renamed column breaks a recipe later and further away); `read_csv:
///   data.csv: No such file or directory` (`.io`, the system's reason).
///   A header alone gives a frame with 0 rows.
/// - Work: the file is mapped (mmap), cut into pieces of about 1 to 16
///   MiB at line starts, and the pieces are read by `threads` workers;
///   pieces that began inside a quoted field, or in which a column turned
///   to text, are read again. The frame is the same for any number of
///   threads. Memory: the file's pages plus about twice the columns.
public struct CSVReader: Sendable {
  /// The options every read uses.
  public var options: CSVOptions

  /// A reader with `options` (pandas' defaults when omitted).
  public init(_ options: CSVOptions = CSVOptions()) {
    self.options = options
  }

  /// The frame in the file at `path`; `path` appears in messages as
  /// given.
  public func read(_ path: String) throws(NightjarError) -> DataFrame {
    let file = try MappedFile(path: path, operation: "read_csv")
    return try withExtendedLifetime(file) { () throws(NightjarError) in
      try read(UnsafeBufferPointer(start: file.base, count: file.count),
               name: path)
    }
  }

  /// The frame in `bytes` (CSV text in memory); `name` stands for the
  /// path in messages.
  public func read(bytes: [UInt8], name: String) throws(NightjarError)
    -> DataFrame
  {
    var result: Result<DataFrame, NightjarError> = .success(DataFrame())
    bytes.withUnsafeBufferPointer { buffer in
      do throws(NightjarError) {
        result = .success(try read(buffer, name: name))
      } catch {
        result = .failure(error)
      }
    }
    return try result.get()
  }

  /// Reads mapped or in-memory bytes.
  func read(_ bytes: UnsafeBufferPointer<UInt8>, name: String)
    throws(NightjarError) -> DataFrame
  {
    let plan = try self.plan(bytes, name: name)
    let starts = chunkStarts(bytes, from: plan.dataStart)
    if let counts = recordCounts(bytes, plan: plan, starts: starts),
      let frame = try readDirect(bytes, plan: plan, starts: starts,
                                 counts: counts, name: name)
    {
      return frame
    }
    let chunks = try readChunks(bytes, plan: plan, starts: starts,
                                name: name, direct: nil)
    return try merge(chunks ?? [], plan: plan, numbers: nil)
  }

  // MARK: - Planning

  /// Everything settled before the records: layout, where the records
  /// start and the line number of that place.
  struct Plan {
    let layout: CSVLayout
    let dataStart: Int
    let firstLine: Int
    let averageRecordBytes: Int
  }

  /// Reads the byte order mark, the delimiter and the header, and checks
  /// the options against the columns found.
  func plan(_ bytes: UnsafeBufferPointer<UInt8>, name: String)
    throws(NightjarError) -> Plan
  {
    let fail = { (message: String, line: Int?) -> NightjarError in
      .format(operation: "read_csv", path: name, line: line,
              message: message)
    }
    let comment = try asciiOption(options.comment, "comment", name: name)
    let chosenDelimiter = try asciiOption(
      options.delimiter, "delimiter", name: name)
    let bom = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB
      && bytes[2] == 0xBF ? 3 : 0
    guard let (first, skipped) = CSVReader.firstContentLine(
      bytes, from: bom, comment: comment)
    else {
      throw fail("file is empty", nil)
    }
    let delimiter = chosenDelimiter
      ?? CSVReader.sniffDelimiter(bytes, at: first, comment: comment)
    guard let (fields, afterFirst, newlines) = CSVReader.record(
      bytes, at: first, delimiter: delimiter)
    else {
      throw fail("unterminated quoted field", skipped + 1)
    }

    // Names: from the header, from `names`, or column_1, column_2, ...
    var names: [String] = []
    for (position, field) in fields.enumerated() {
      guard options.hasHeader else {
        names.append("column_\(position + 1)")
        continue
      }
      let valid = field.withUnsafeBufferPointer {
        $0.baseAddress.map { UTF8Validation.isValid($0, field.count) } ?? true
      }
      guard valid else { throw fail("invalid UTF-8", skipped + 1) }
      let text = String(decoding: field, as: UTF8.self)
      names.append(text.isEmpty ? "column_\(position + 1)" : text)
    }
    if let given = options.names {
      guard given.count == names.count else {
        throw fail("\(given.count) names given but the file has "
                   + "\(names.count) columns", nil)
      }
      names = given
    }
    var seen = Set<String>()
    for name in names where !seen.insert(name).inserted {
      throw fail("duplicate column name '\(name)'", nil)
    }

    // Output columns: usecols picks fields, in the file's order.
    var selected = Array(names.indices)
    if let columns = options.columns {
      var chosen = Set<Int>()
      for column in columns {
        switch column {
        case .name(let wanted):
          guard let position = names.firstIndex(of: wanted) else {
            throw fail("usecols: no column named '\(wanted)'", nil)
          }
          chosen.insert(position)
        case .position(let position):
          guard position >= 1 && position <= names.count else {
            throw fail("usecols: no column \(position) (the file has "
                       + "\(names.count))", nil)
          }
          chosen.insert(position - 1)
        }
      }
      selected = chosen.sorted()
    }
    var outputOfField = [Int](repeating: -1, count: names.count)
    for (output, field) in selected.enumerated() {
      outputOfField[field] = output
    }
    let outputNames = selected.map { names[$0] }
    for typed in options.types.keys.sorted()
    where !outputNames.contains(typed) {
      throw fail("dtype: no column named '\(typed)'", nil)
    }

    let dataStart = options.hasHeader ? afterFirst : first
    let headerLines = options.hasHeader ? newlines : 0
    let layout = CSVLayout(
      delimiter: delimiter, comment: comment, fieldCount: names.count,
      outputOfField: outputOfField, names: outputNames,
      forced: outputNames.map { options.types[$0] },
      missing: CSVMissingValues(options.missingValues),
      skipBlankLines: options.skipBlankLines)
    return Plan(
      layout: layout, dataStart: dataStart,
      firstLine: 1 + skipped + headerLines,
      averageRecordBytes: max(2, afterFirst - first))
  }

  /// An ASCII option (delimiter, comment) as a byte; quote, CR and LF are
  /// refused.
  func asciiOption(_ scalar: Unicode.Scalar?, _ option: String,
                   name: String) throws(NightjarError) -> UInt8?
  {
    guard let scalar else { return nil }
    guard scalar.isASCII, scalar != "\"", scalar != "\n", scalar != "\r"
    else {
      throw .invalidArgument(
        operation: "read_csv",
        message: "\(option) must be one ASCII character other than a quote "
          + "or a line break")
    }
    return UInt8(scalar.value)
  }

  // MARK: - Reading the pieces

  /// The number of worker threads: the option, else the online cores.
  var threadCount: Int {
    if let threads = options.threads { return max(1, threads) }
    return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
  }

  /// Reads every piece, in parallel, then makes the pieces agree: each
  /// must start where the previous one ended, and each column must have
  /// the same type in every piece. With `direct` (one target per piece),
  /// numbers go straight into the frame's arrays; nil is returned when
  /// a piece did not hold the records counted for it.
  func readChunks(_ bytes: UnsafeBufferPointer<UInt8>, plan: Plan,
                  starts: [Int], name: String, direct: [CSVDirectTarget]?)
    throws(NightjarError) -> [CSVChunk]?
  {
    guard let base = bytes.baseAddress else { return [] }
    let layout = plan.layout
    let total = bytes.count
    let count = starts.count
    let rowLimit = options.rowLimit ?? Int.max
    let expected = { (start: Int, stop: Int) -> Int in
      min((stop - start) / plan.averageRecordBytes * 11 / 10 + 64,
          rowLimit == Int.max ? Int.max : rowLimit + 1)
    }
    let stops = Array(starts.dropFirst()) + [total]
    let reporter = ProgressReporter(
      options.progress, done: plan.dataStart, total: total)

    // First pass: every piece from its guessed start, in parallel.
    var chunks = CSVReader.parallelMap(count, threads: threadCount) {
      index in
      let chunk = CSVReader.readChunk(
        layout, base: base, count: total, start: starts[index],
        stop: stops[index], rowLimit: rowLimit, textColumns: [],
        expectedRows: expected(starts[index], stops[index]),
        direct: direct?[index])
      reporter.add(stops[index] - starts[index])
      return chunk
    }

    // Make the chain exact: a piece that did not start where its
    // predecessor ended is read again from there. Failures are reported
    // in file order, with lines counted from the true starts.
    var firstLines: [Int] = []
    var line = plan.firstLine
    for index in 0..<count {
      if direct != nil, chunks[index].overflowed
        || (index > 0 && chunks[index - 1].end != chunks[index].start)
      {
        return nil
      }
      if index > 0 && chunks[index - 1].end != chunks[index].start {
        let start = chunks[index - 1].end
        chunks[index] = CSVReader.readChunk(
          layout, base: base, count: total, start: start,
          stop: max(stops[index], start), rowLimit: rowLimit,
          textColumns: [], expectedRows: expected(start, stops[index]))
      }
      try CSVReader.check(chunks[index], line: line, name: name)
      if let direct, chunks[index].rows != direct[index].rows { return nil }
      firstLines.append(line)
      line += chunks[index].lines
    }

    // Second pass: pieces holding a column as numbers or booleans that
    // another piece holds as text are read again with it as text.
    let joined = (0..<layout.outputCount).map { column in
      chunks.reduce(CSVColumnState.unknown) {
        $0.joined($1.states[column])
      }
    }
    let redo = (0..<count).filter { index in
      (0..<layout.outputCount).contains { column in
        joined[column] == .text
          && (chunks[index].states[column] == .number
            || chunks[index].states[column] == .boolean)
      }
    }
    let again = CSVReader.parallelMap(redo.count, threads: threadCount) {
      slot in
      let old = chunks[redo[slot]]
      let text = Set((0..<layout.outputCount).filter {
        joined[$0] == .text && old.states[$0] != .unknown
      })
      return CSVReader.readChunk(
        layout, base: base, count: total, start: old.start, stop: old.end,
        rowLimit: old.rows, textColumns: text, expectedRows: old.rows + 1,
        direct: direct?[redo[slot]])
    }
    for (slot, index) in redo.enumerated() {
      chunks[index] = again[slot]
      try CSVReader.check(chunks[index], line: firstLines[index], name: name)
    }
    try Cancellation.check()
    return chunks
  }

  /// Throws the failure of a piece whose first line is `line`.
  static func check(_ chunk: CSVChunk, line: Int, name: String)
    throws(NightjarError)
  {
    guard let failure = chunk.failure else { return }
    if failure.interrupted { throw .interrupted }
    throw .format(operation: "read_csv", path: name,
                  line: line + failure.line, message: failure.message)
  }

  /// Reads one piece, again and again while columns turn to text.
  static func readChunk(
    _ layout: CSVLayout, base: UnsafePointer<UInt8>, count: Int,
    start: Int, stop: Int, rowLimit: Int, textColumns: Set<Int>,
    expectedRows: Int, direct: CSVDirectTarget? = nil
  ) -> CSVChunk {
    var text = textColumns
    while true {
      let chunk = CSVChunk(layout: layout, start: start, textColumns: text,
                           expectedRows: expectedRows, direct: direct)
      if chunk.read(base, count: count, stop: stop, rowLimit: rowLimit) {
        return chunk
      }
      text = chunk.restartColumns
    }
  }

  /// Where the pieces start: `from`, then the line start after every
  /// multiple of the piece size (guesses: a line start may lie inside a
  /// quoted field; `readChunks` corrects those).
  func chunkStarts(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) -> [Int] {
    let size = bytes.count - from
    let piece = options.chunkBytes
      ?? min(max(size / (threadCount * 8), 1 << 20), 1 << 24)
    guard options.rowLimit == nil, size > piece, let base = bytes.baseAddress
    else {
      return [from]
    }
    var starts = [from]
    var cut = from + piece
    while cut < bytes.count {
      let lineEnd = CSVChunk.lineEnd(base + cut - 1, base + bytes.count)
      let start = lineEnd - base + 1
      if start >= bytes.count { break }
      if start > starts[starts.count - 1] { starts.append(start) }
      cut = max(start, cut) + piece
    }
    return starts
  }

  /// `body(index)` for every index in 0..<count on up to `threads`
  /// threads, results in index order.
  static func parallelMap<T>(_ count: Int, threads: Int,
                             _ body: (Int) -> T) -> [T]
  {
    if threads <= 1 || count <= 1 { return (0..<count).map(body) }
    let results = UnsafeMutablePointer<T?>.allocate(capacity: count)
    results.initialize(repeating: nil, count: count)
    defer {
      results.deinitialize(count: count)
      results.deallocate()
    }
    let next = WorkCounter()
    // Each worker takes the next index until none is left, so a slow
    // piece does not hold the others back.
    DispatchQueue.concurrentPerform(iterations: min(threads, count)) { _ in
      while true {
        let index = next.take()
        if index >= count { break }
        results[index] = body(index)
      }
    }
    return (0..<count).compactMap { results[$0] }
  }
}

/// A shared counter handing out work indices to threads.
final class WorkCounter: @unchecked Sendable {
  private var value = 0
  private var lock = pthread_mutex_t()

  init() { pthread_mutex_init(&lock, nil) }
  deinit { pthread_mutex_destroy(&lock) }

  /// The next index (0, 1, 2, ...), each given once.
  func take() -> Int {
    pthread_mutex_lock(&lock)
    defer { pthread_mutex_unlock(&lock) }
    value += 1
    return value - 1
  }
}

/// Adds up parsed bytes from the workers and calls the progress callback
/// one call at a time.
final class ProgressReporter: @unchecked Sendable {
  private let callback: (@Sendable (Int, Int) -> Void)?
  private let total: Int
  private var done = 0
  private var lock = pthread_mutex_t()

  init(_ callback: (@Sendable (Int, Int) -> Void)?, done: Int, total: Int) {
    self.callback = callback
    self.done = done
    self.total = total
    pthread_mutex_init(&lock, nil)
  }

  deinit { pthread_mutex_destroy(&lock) }

  func add(_ bytes: Int) {
    guard let callback else { return }
    pthread_mutex_lock(&lock)
    defer { pthread_mutex_unlock(&lock) }
    done = min(total, done + bytes)
    callback(done, total)
  }
}
