// A small JSON value with a writer and a strict parser, for model files.

/// A JSON document (RFC 8259). Numbers are doubles written in their
/// shortest form that reads back to the same double, so a saved model
/// reloads bit for bit; non-finite numbers are written as the strings
/// "nan", "inf" and "-inf" (JSON has no literal for them).
public indirect enum JSON: Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSON])
  /// Keys in the order written (files diff well when the writer is
  /// consistent).
  case object([(String, JSON)])

  public static func == (a: JSON, b: JSON) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x), .number(let y)): return x == y || (x.isNaN && y.isNaN)
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  /// The member `key` of an object, or nil.
  public subscript(key: String) -> JSON? {
    guard case .object(let members) = self else { return nil }
    return members.first { $0.0 == key }?.1
  }

  /// A number (also from "nan", "inf", "-inf").
  public var number: Double? {
    switch self {
    case .number(let value): return value
    case .string("nan"): return .nan
    case .string("inf"): return .infinity
    case .string("-inf"): return -.infinity
    default: return nil
    }
  }

  /// A list of numbers.
  public var numbers: [Double]? {
    guard case .array(let items) = self else { return nil }
    var values: [Double] = []
    values.reserveCapacity(items.count)
    for item in items {
      guard let value = item.number else { return nil }
      values.append(value)
    }
    return values
  }

  /// The text, indented by two spaces per level; short arrays of
  /// numbers stay on one line.
  public func text(indent: Int = 0) -> String {
    var out = ""
    write(into: &out, indent: indent)
    return out
  }

  private func write(into out: inout String, indent: Int) {
    let pad = String(repeating: " ", count: indent + 2)
    switch self {
    case .null: out += "null"
    case .bool(let flag): out += flag ? "true" : "false"
    case .number(let value): out += JSON.numberText(value)
    case .string(let text): JSON.writeString(text, into: &out)
    case .array(let items):
      if items.isEmpty {
        out += "[]"
      } else if items.allSatisfy({ if case .number = $0 { return true }
                                   return false }) {
        // Numbers: one line per 8, so a 50-element row stays readable.
        out += "["
        for (index, item) in items.enumerated() {
          if index > 0 { out += index % 8 == 0 ? ",\n" + pad : ", " }
          item.write(into: &out, indent: indent + 2)
        }
        out += "]"
      } else {
        out += "[\n"
        for (index, item) in items.enumerated() {
          out += pad
          item.write(into: &out, indent: indent + 2)
          out += index < items.count - 1 ? ",\n" : "\n"
        }
        out += String(repeating: " ", count: indent) + "]"
      }
    case .object(let members):
      if members.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      for (index, (key, value)) in members.enumerated() {
        out += pad
        JSON.writeString(key, into: &out)
        out += ": "
        value.write(into: &out, indent: indent + 2)
        out += index < members.count - 1 ? ",\n" : "\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    }
  }

  static func numberText(_ value: Double) -> String {
    if value.isNaN { return "\"nan\"" }
    if value.isInfinite { return value > 0 ? "\"inf\"" : "\"-inf\"" }
    if value == value.rounded(), Swift.abs(value) < 1e15 {
      return String(Int(value))
    }
    return String(value)  // Swift prints the shortest round-trip form
  }

  static func writeString(_ text: String, into out: inout String) {
    out += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }
}
