/// A mistake in the files under `Dialogues/`, reported to the person who wrote them.
public struct ContentError: Error, Sendable, Equatable, Comparable, CustomStringConvertible {
  /// The file, relative to `Dialogues/`.
  public var file: String
  public var line: Int
  public var column: Int
  public var message: String

  public init(file: String, line: Int, column: Int, message: String) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  init(_ location: Location, _ message: String) {
    self.init(file: location.file, line: location.line, column: location.column, message: message)
  }

  public var description: String { "\(file):\(line):\(column): error: \(message)" }

  public static func < (a: ContentError, b: ContentError) -> Bool {
    (a.file, a.line, a.column, a.message) < (b.file, b.line, b.column, b.message)
  }
}

/// Every problem found in a set of content files, listed at once.
public struct ContentErrors: Error, Sendable, CustomStringConvertible {
  public var errors: [ContentError]
  public var description: String { errors.map(\.description).joined(separator: "\n") }
}

/// Where something was written: a file under `Dialogues/`, with line and column from 1.
public struct Location: Sendable, Hashable, CustomStringConvertible {
  public var file: String
  public var line: Int
  public var column: Int

  public init(file: String, line: Int = 1, column: Int = 1) {
    self.file = file
    self.line = line
    self.column = column
  }

  public var description: String { "\(file):\(line):\(column)" }
}
