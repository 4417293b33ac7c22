/// A message as the recogniser sees it: lower-case words, with where each clause starts.
public struct NormalizedText: Sendable, Equatable {
  public var words: [String]
  /// The clause each word belongs to: punctuation and "but" start a new one, and negation never crosses it.
  public var clauses: [Int]
  /// Spelling corrections made, in order.
  public var corrections: [Correction]

  public var text: String { words.joined(separator: " ") }

  /// The words in `range`, read as a message of their own.
  func part(_ range: Range<Int>) -> NormalizedText {
    NormalizedText(words: Array(words[range]), clauses: Array(clauses[range]), corrections: [])
  }
}

/// A word the recogniser changed, and what it became.
public struct Correction: Sendable, Equatable, CustomStringConvertible {
  public enum Kind: String, Sendable { case texting, typo, repeatedLetters = "repeated letters" }
  public var from: String
  public var to: String
  public var kind: Kind
  public var description: String { "\(from) → \(to) (\(kind.rawValue))" }
}
