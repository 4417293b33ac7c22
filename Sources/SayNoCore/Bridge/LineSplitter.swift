/// One input line as the helper sees it.
public enum InputLine: Equatable, Sendable {
  case text(String)
  case invalidUTF8
  case tooLong
}

/// Splits bytes on "\n", never holding more than `maxLength` bytes of one line.
public struct LineSplitter: Sendable {
  public let maxLength: Int
  private var pending: [UInt8] = []
  private var overflowed = false

  public init(maxLength: Int) { self.maxLength = maxLength }

  public mutating func push(_ bytes: some Sequence<UInt8>) -> [InputLine] {
    var lines: [InputLine] = []
    for byte in bytes {
      if byte == UInt8(ascii: "\n") {
        lines.append(takeLine())
      } else if pending.count < maxLength {
        pending.append(byte)
      } else {
        overflowed = true
      }
    }
    return lines
  }

  /// The last line when input ends without a newline.
  public mutating func finish() -> InputLine? { pending.isEmpty && !overflowed ? nil : takeLine() }

  private mutating func takeLine() -> InputLine {
    defer {
      pending.removeAll(keepingCapacity: pending.count <= 65_536)
      overflowed = false
    }
    if overflowed { return .tooLong }
    if pending.last == UInt8(ascii: "\r") { pending.removeLast() }
    return String(validating: pending, as: UTF8.self).map(InputLine.text) ?? .invalidUTF8
  }
}
