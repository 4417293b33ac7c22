/// Checks on what the helper says: no reply may encourage paying, blame the person, suggest deleting
/// evidence or confronting the offender (a curated phrase list, `guards.yaml`), and victim-facing
/// replies must stay easy to read.
public struct ContentGuards: Sendable {
  /// A phrase no reply may say, by kind ("payment", "blame"…), as normalised words.
  struct Phrase: Sendable {
    var kind: String
    var text: String
    var words: [String]
  }

  var phrases: [Phrase]
  /// Words that, just before a phrase in the same clause, turn it into advice against it ("don't pay him").
  var negations: [[String]]
  /// The hardest reading grade allowed for words a victim reads.
  public var maxGrade: Double
  var catches: [Located<String>]
  var passes: [Located<String>]
  var location: Location

  /// How many words before a phrase a negation may stand: "please don't ever pay him".
  static let negationReach = 4

  /// The guard phrase a line says, if any.
  func violation(in line: String) -> Phrase? {
    let tokens = Normalizer.tokenize(line)
    let words = tokens.map(\.word)
    for start in words.indices {
      for phrase in phrases where phrase.words.first == words[start] && start + phrase.words.count <= words.count {
        if words[start..<start + phrase.words.count].elementsEqual(phrase.words) && !isNegated(at: start, in: tokens) {
          return phrase
        }
      }
    }
    return nil
  }

  private func isNegated(at start: Int, in tokens: [(word: String, clause: Int)]) -> Bool {
    let clause = tokens[start].clause
    let from = max(0, start - Self.negationReach)
    let before = tokens[from..<start].filter { $0.clause == clause }.map(\.word)
    return negations.contains { negation in
      guard negation.count <= before.count else { return false }
      return (0...(before.count - negation.count)).contains { Array(before[$0..<$0 + negation.count]) == negation }
    }
  }

  /// The Flesch–Kincaid grade of a text: 0.39 × words per sentence + 11.8 × syllables per word − 15.59.
  public static func grade(_ text: String) -> Double {
    let sentences = max(1, text.split { ".!?:".contains($0) }.filter { $0.contains { $0.isLetter } }.count)
    let words = text.split { !$0.isLetter && $0 != "'" && $0 != "’" }.map { $0.lowercased() }
    guard !words.isEmpty else { return 0 }
    let syllables = words.reduce(0) { $0 + syllableCount($1) }
    return 0.39 * Double(words.count) / Double(sentences) + 11.8 * Double(syllables) / Double(words.count) - 15.59
  }

  /// Vowel groups, less a silent final "e", at least one.
  static func syllableCount(_ word: String) -> Int {
    let letters = Array(word.filter(\.isLetter))
    let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]
    var count = 0
    var previousWasVowel = false
    for letter in letters {
      let isVowel = vowels.contains(letter)
      if isVowel && !previousWasVowel { count += 1 }
      previousWasVowel = isVowel
    }
    if letters.count > 2, letters.last == "e", !vowels.contains(letters[letters.count - 2]), count > 1,
      !(letters.count > 3 && letters[letters.count - 2] == "l" && !vowels.contains(letters[letters.count - 3]))
    {
      count -= 1  // "make", "state"; but "little", "people" keep theirs
    }
    return max(1, count)
  }

  /// What a victim reads at a node: its own words and those for a young person or an adult victim.
  /// Words for a parent or a friend are not held to the same grade.
  static func victimFacingTexts(of node: Node) -> [(role: String, text: String)] {
    var texts = [("everyone", node.say)]
    for role in [Role.young, .adult] { if let lines = node.sayTo[role] { texts.append((role.rawValue, lines)) } }
    return texts.map { (role: $0.0, text: $0.1.map(Renderer.withoutPlaceholders).joined(separator: " ")) }
  }
}

extension Dialogue {
  /// Every node's victim-facing text with its reading grade, the hardest first.
  public func readingGrades() -> [(node: String, role: String, grade: Double, location: Location)] {
    nodes.flatMap { node in
      ContentGuards.victimFacingTexts(of: node).map {
        (node: node.id, role: $0.role, grade: ContentGuards.grade($0.text), location: node.location)
      }
    }
    .sorted { $0.grade > $1.grade }
  }
}
