// Reading JSON text, strictly, with the line of the first error.

/// Parses a JSON document; errors name the line and what was expected.
struct JSONParser {
  private let bytes: [UInt8]
  private var position = 0
  private var depth = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// The document; a malformed one throws its line and what was
  /// expected ("line 3: expected ',' or '}'").
  static func parse(_ bytes: [UInt8]) throws(ParseError) -> JSON {
    var parser = JSONParser(bytes)
    let value = try parser.value()
    parser.skipSpace()
    guard parser.position == bytes.count else {
      throw ParseError(line: parser.line, text: "extra text after the end")
    }
    return value
  }

  struct ParseError: Error, CustomStringConvertible {
    let line: Int
    let text: String
    var description: String { "line \(line): \(text)" }
  }

  private var line: Int {
    1 + bytes[0..<min(position, bytes.count)].filter { $0 == 10 }.count
  }

  private func fail(_ text: String) -> ParseError {
    ParseError(line: line, text: text)
  }

  private mutating func skipSpace() {
    while position < bytes.count,
      [32, 9, 10, 13].contains(bytes[position])
    {
      position += 1
    }
  }

  private mutating func value() throws(ParseError) -> JSON {
    skipSpace()
    guard position < bytes.count else { throw fail("unexpected end") }
    depth += 1
    defer { depth -= 1 }
    guard depth < 200 else { throw fail("nested too deeply") }
    switch bytes[position] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    default: return .number(try number())
    }
  }

  private mutating func literal(_ word: String, _ result: JSON)
    throws(ParseError) -> JSON
  {
    let expected = Array(word.utf8)
    guard position + expected.count <= bytes.count,
      Array(bytes[position..<(position + expected.count)]) == expected
    else { throw fail("expected a value") }
    position += expected.count
    return result
  }

  private mutating func expect(_ byte: UInt8, _ what: String)
    throws(ParseError)
  {
    skipSpace()
    guard position < bytes.count, bytes[position] == byte else {
      throw fail("expected \(what)")
    }
    position += 1
  }

  private mutating func object() throws(ParseError) -> JSON {
    position += 1
    var members: [(String, JSON)] = []
    skipSpace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
      position += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard position < bytes.count, bytes[position] == UInt8(ascii: "\"")
      else { throw fail("expected a member name") }
      let key = try string()
      try expect(UInt8(ascii: ":"), "':'")
      members.append((key, try value()))
      skipSpace()
      guard position < bytes.count else { throw fail("unexpected end") }
      if bytes[position] == UInt8(ascii: "}") {
        position += 1
        return .object(members)
      }
      try expect(UInt8(ascii: ","), "',' or '}'")
    }
  }

  private mutating func array() throws(ParseError) -> JSON {
    position += 1
    var items: [JSON] = []
    skipSpace()
    if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
      position += 1
      return .array(items)
    }
    while true {
      items.append(try value())
      skipSpace()
      guard position < bytes.count else { throw fail("unexpected end") }
      if bytes[position] == UInt8(ascii: "]") {
        position += 1
        return .array(items)
      }
      try expect(UInt8(ascii: ","), "',' or ']'")
    }
  }

  private mutating func string() throws(ParseError) -> String {
    position += 1
    var scalars = String.UnicodeScalarView()
    var raw: [UInt8] = []
    func flush() {
      scalars.append(contentsOf: String(decoding: raw, as: UTF8.self)
        .unicodeScalars)
      raw.removeAll()
    }
    while position < bytes.count {
      let byte = bytes[position]
      position += 1
      if byte == UInt8(ascii: "\"") {
        flush()
        return String(scalars)
      }
      guard byte != UInt8(ascii: "\\") else {
        flush()
        guard position < bytes.count else { break }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "b"): scalars.append("\u{8}")
        case UInt8(ascii: "f"): scalars.append("\u{C}")
        case UInt8(ascii: "u"):
          guard position + 4 <= bytes.count,
            let code = UInt32(
              String(decoding: bytes[position..<(position + 4)],
                     as: UTF8.self), radix: 16),
            let scalar = Unicode.Scalar(code)
          else { throw fail("bad \\u escape") }
          scalars.append(scalar)
          position += 4
        default: scalars.append(Unicode.Scalar(escape))
        }
        continue
      }
      raw.append(byte)
    }
    throw fail("unterminated string")
  }

  private mutating func number() throws(ParseError) -> Double {
    let start = position
    while position < bytes.count,
      "+-0123456789.eE".utf8.contains(bytes[position])
    {
      position += 1
    }
    guard position > start,
      let value = Double(String(decoding: bytes[start..<position],
                                as: UTF8.self))
    else { throw fail("expected a value") }
    return value
  }
}
