/// Corrects a single typo in a longer word, against the content's own vocabulary only.
///
/// Deletion neighbours (the SymSpell idea) make a look-up cost a few dictionary probes instead of a
/// scan of the vocabulary: two words one edit apart always share a word with one letter removed.
struct SpellChecker: Sendable {
  /// Words the content uses, which a typo may be corrected to.
  let vocabulary: Set<String>
  /// Ordinary words that are never corrected, even though no pattern uses them ("lying" must not become "dying").
  let knownWords: Set<String>
  private let neighbours: [String: [String]]
  static let shortestCorrected = 5

  init(vocabulary: Set<String>, knownWords: Set<String>) {
    self.vocabulary = vocabulary
    self.knownWords = knownWords
    var neighbours: [String: [String]] = [:]
    for word in vocabulary.sorted() where word.count >= Self.shortestCorrected - 1 && Self.isLetters(word) {
      for deleted in Self.deletions(of: word) { neighbours[deleted, default: []].append(word) }
    }
    self.neighbours = neighbours
  }

  func isKnown(_ word: String) -> Bool { vocabulary.contains(word) || knownWords.contains(word) }

  /// The vocabulary word one edit away, with the same first letter, or nil. When several are, the first in
  /// alphabetical order wins.
  func correction(for word: String) -> String? {
    guard word.count >= Self.shortestCorrected, Self.isLetters(word), !isKnown(word) else { return nil }
    var candidates: Set<String> = []
    let deletions = Self.deletions(of: word)
    for deleted in deletions where vocabulary.contains(deleted) { candidates.insert(deleted) }  // an extra letter
    for longer in neighbours[word] ?? [] { candidates.insert(longer) }  // a missing letter
    for deleted in deletions {  // a wrong letter, or two swapped
      for other in neighbours[deleted] ?? [] where other.count == word.count && Self.isOneEditApart(word, other) {
        candidates.insert(other)
      }
    }
    // People rarely mistype a word's first letter, and allowing it turns real words into others ("night" → "eight").
    return candidates.filter { $0.first == word.first }.min()
  }

  private static func isLetters(_ word: String) -> Bool {
    word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
  }

  private static func deletions(of word: String) -> Set<String> {
    let characters = Array(word)
    var result: Set<String> = []
    for index in characters.indices {
      var copy = characters
      copy.remove(at: index)
      result.insert(String(copy))
    }
    return result
  }

  /// Same length: exactly one substitution, or one swap of neighbouring letters.
  private static func isOneEditApart(_ a: String, _ b: String) -> Bool {
    let x = Array(a)
    let y = Array(b)
    let differences = x.indices.filter { x[$0] != y[$0] }
    switch differences.count {
    case 1: return true
    case 2:
      let (i, j) = (differences[0], differences[1])
      return j == i + 1 && x[i] == y[j] && x[j] == y[i]
    default: return false
    }
  }
}
