// Matrix files: the NJMX binary format (save, load) and CSV export.

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The NJMX format, version 1, all integers little-endian:
///
/// | offset | size | field                                         |
/// |--------|------|-----------------------------------------------|
/// | 0      | 4    | magic, the ASCII bytes `NJMX`                 |
/// | 4      | 4    | version, UInt32, 1                            |
/// | 8      | 4    | rank, UInt32: 1 (vector) or 2 (matrix)        |
/// | 12     | 8    | rows, UInt64 (1 for a vector)                 |
/// | 20     | 8    | columns, UInt64 (the length of a vector)      |
/// | 28     | 8 rc | the elements, Float64 (IEEE 754), row-major   |
///
/// The file is exactly 28 + 8 x rows x columns bytes long.
extension Matrix {
  static let fileMagic: [UInt8] = Array("NJMX".utf8)
  static let fileVersion: UInt32 = 1
  static let fileHeaderSize = 28

  /// Bytes moved per read or write call, so that cancellation is polled
  /// and the byte-swapping buffer (on big-endian hosts) stays small.
  static let fileChunkBytes = 1 << 22

  /// Writes the matrix to `path` in the NJMX format (see above),
  /// atomically: a temporary file in the same folder renamed over
  /// `path` once complete and flushed. Throws `save: <path>: <reason>`.
  public func save(to path: String) throws(NightjarError) {
    var header = Matrix.fileMagic
    func append<T: FixedWidthInteger>(_ value: T) {
      withUnsafeBytes(of: value.littleEndian) { header.append(contentsOf: $0) }
    }
    append(Matrix.fileVersion)
    append(UInt32(isVector ? 1 : 2))
    append(UInt64(rows))
    append(UInt64(columns))
    try FileSystem.writeAtomically(path, operation: "save") {
      writer throws(NightjarError) in
      try writer.write(header)
      try Matrix.transferElements(base, count: count) {
        chunk, bytes throws(NightjarError) in
        try writer.write(
          raw: UnsafeRawBufferPointer(start: chunk, count: bytes))
      }
    }
  }

  /// Moves `count` elements in chunks through `body` as little-endian
  /// bytes, converting in a scratch buffer only on big-endian hosts.
  private static func transferElements(
    _ elements: UnsafeMutablePointer<Double>, count: Int,
    _ body: (UnsafeMutablePointer<Double>, Int) throws(NightjarError) -> Void
  ) throws(NightjarError) {
    let perChunk = fileChunkBytes / 8
    var start = 0
    while start < count {
      try Cancellation.check()
      let length = Swift.min(perChunk, count - start)
      if UInt64(1).littleEndian == 1 {
        try body(elements + start, length * 8)
      } else {
        let scratch = UnsafeMutablePointer<Double>.allocate(capacity: length)
        defer { scratch.deallocate() }
        for i in 0..<length {
          scratch[i] = Double(
            bitPattern: elements[start + i].bitPattern.littleEndian)
        }
        try body(scratch, length * 8)
      }
      start += length
    }
  }

  /// Reads a matrix written by `save`. Throws `load: <path>: <reason>`
  /// for a missing or unreadable file, and for a file that is not NJMX
  /// (`not a nightjar matrix file`), has another version (`unsupported
  /// format version 2 (this build reads 1)`), a bad rank, or a size that
  /// does not match its shape (`file is 100 bytes, expected 124 for a
  /// 3x4 matrix`).
  public static func load(from path: String) throws(NightjarError) -> Matrix {
    func failure(_ reason: String) -> NightjarError {
      .io(operation: "load", path: path, reason: reason)
    }
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    if descriptor < 0 { throw failure(String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var status = stat()
    if fstat(descriptor, &status) != 0 {
      throw failure(String(cString: strerror(errno)))
    }
    let size = Int(status.st_size)
    let headerBytes = UnsafeMutableRawPointer.allocate(
      byteCount: fileHeaderSize, alignment: 8)
    defer { headerBytes.deallocate() }
    let headerRead = try readFully(
      descriptor, headerBytes, fileHeaderSize, failure)
    let header = Array(
      UnsafeRawBufferPointer(start: headerBytes, count: headerRead))
    guard headerRead >= 4, Array(header[0..<4]) == fileMagic else {
      throw failure("not a nightjar matrix file")
    }
    guard headerRead == fileHeaderSize else {
      throw failure("file is \(size) bytes, too short for a header")
    }
    func field<T: FixedWidthInteger>(_ offset: Int, _: T.Type) -> T {
      var value = T.zero
      for k in 0..<MemoryLayout<T>.size {
        value |= T(header[offset + k]) << (8 * k)
      }
      return value
    }
    let version = field(4, UInt32.self)
    guard version == fileVersion else {
      throw failure(
        "unsupported format version \(version) (this build reads "
          + "\(fileVersion))")
    }
    let rank = field(8, UInt32.self)
    let rows = field(12, UInt64.self)
    let columns = field(20, UInt64.self)
    guard rank == 1 || rank == 2, rank == 2 || rows == 1 else {
      throw failure("bad rank \(rank) for \(rows)x\(columns) elements")
    }
    guard rows <= UInt64(Int.max), columns <= UInt64(Int.max) else {
      throw failure("bad shape \(rows)x\(columns)")
    }
    let shape = shapeText(
      rows: Int(rows), columns: Int(columns), isVector: rank == 1)
    let (elements, overflow1) = Int(rows).multipliedReportingOverflow(
      by: Int(columns))
    let (bytes, overflow2) = elements.multipliedReportingOverflow(by: 8)
    let expected = bytes.addingReportingOverflow(fileHeaderSize)
    guard !overflow1, !overflow2, !expected.overflow,
      expected.partialValue == size
    else {
      throw failure(
        "file is \(size) bytes, expected "
          + (overflow1 || overflow2 || expected.overflow
            ? "more" : "\(expected.partialValue)")
          + " for a \(shape) \(rank == 1 ? "vector" : "matrix")")
    }
    let result = try Matrix(
      uninitializedRows: Int(rows), columns: Int(columns),
      isVector: rank == 1, operation: "load")
    try transferElements(result.base, count: elements) {
      chunk, length throws(NightjarError) in
      let got = try readFully(
        descriptor, UnsafeMutableRawPointer(chunk),
        length, failure)
      guard got == length else { throw failure("file ended early") }
    }
    if UInt64(1).littleEndian != 1 {
      for i in 0..<elements {
        result.base[i] = Double(
          bitPattern: UInt64(littleEndian: result.base[i].bitPattern))
      }
    }
    return result
  }

  /// Reads up to `count` bytes, retrying short and interrupted reads;
  /// returns fewer only at the end of the file.
  private static func readFully(
    _ descriptor: Int32, _ target: UnsafeMutableRawPointer, _ count: Int,
    _ failure: (String) -> NightjarError
  ) throws(NightjarError) -> Int {
    var done = 0
    while done < count {
      let got = read(descriptor, target + done, count - done)
      if got < 0 {
        if errno == EINTR { continue }
        throw failure(String(cString: strerror(errno)))
      }
      if got == 0 { break }
      done += got
    }
    return done
  }

  // MARK: CSV

  /// Writes the matrix as comma-separated text, one line per row (a
  /// vector as one column), atomically as `save` does. `header`, when
  /// given, is the first line and needs one name per column; names with
  /// a comma, quote or line break are quoted, quotes doubled (RFC 4180).
  /// Numbers use the shortest text that reads back to the same double,
  /// integral values without a decimal point; NaN is an empty field, as
  /// pandas writes it; infinities are `inf` and `-inf`. Throws `to_csv:
  /// header has 3 names, matrix has 4 columns` or `to_csv: <path>:
  /// <reason>`.
  public func writeCSV(
    to path: String, header: [String]? = nil
  ) throws(NightjarError) {
    let width = isVector ? 1 : columns
    let height = isVector ? columns : rows
    if let header, header.count != width {
      throw .invalidArgument(
        operation: "to_csv",
        message: "header has \(header.count) "
          + "name\(header.count == 1 ? "" : "s"), matrix has \(width) "
          + "column\(width == 1 ? "" : "s")")
    }
    let values = base
    try FileSystem.writeAtomically(path, operation: "to_csv") {
      writer throws(NightjarError) in
      if let header {
        try writer.write(header.map(Matrix.csvField).joined(separator: ","))
        try writer.write("\n")
      }
      var line = [UInt8]()
      for i in 0..<height {
        if i % 4096 == 0 { try Cancellation.check() }
        line.removeAll(keepingCapacity: true)
        for j in 0..<width {
          if j > 0 { line.append(UInt8(ascii: ",")) }
          let value = values[i * width + j]
          if !value.isNaN {
            line.append(contentsOf: Matrix.csvNumber(value).utf8)
          }
        }
        line.append(UInt8(ascii: "\n"))
        try writer.write(line)
      }
    }
  }

  private static func csvField(_ name: String) -> String {
    let special = name.contains { $0 == "," || $0 == "\"" || $0.isNewline }
    guard special else { return name }
    return "\"" + name.replacingOccurrences("\"", with: "\"\"") + "\""
  }

  private static func csvNumber(_ value: Double) -> String {
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    if value == value.rounded() && value.magnitude < 1e15 {
      return String(Int64(value))
    }
    return "\(value)"
  }
}

extension String {
  /// This string with every `target` replaced by `replacement` (Core has
  /// no Foundation).
  fileprivate func replacingOccurrences(
    _ target: Character, with replacement: String
  ) -> String {
    var result = ""
    for character in self {
      if character == target {
        result += replacement
      } else {
        result.append(character)
      }
    }
    return result
  }
}
