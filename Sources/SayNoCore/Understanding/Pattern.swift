/// One way of recognising an intent: terms that must appear in order, with any words between them.
public struct Pattern: Sendable {
  /// Words and alternatives hold `WordStem`s, and are found among the message's stems.
  enum Term: Sendable, Hashable {
    case word(String)
    /// One of several words, or of several word beginnings ("want*|ask*").
    case anyOf([String], prefixes: [String] = [])
    /// Words next to each other, or one of several such phrases ("end+it+all", "want+to|wanna"). When
    /// they hold a concept with groups ("i+am+@age"), `learns` gives each phrase's group of it.
    case phrase(Phrases, learns: Learns? = nil)
    case prefix(String)
    case concept(Int)
    case number
    case start
    case end
    /// At most this many words between the terms either side ("..0", "..2"); "..." sets no limit.
    case within(Int)
  }

  /// A phrase term's phrases, by first word: a term that holds a concept ("@close_person+(keeps|kept)")
  /// has thousands, and a message looks up only its own words instead of trying each one.
  struct Phrases: Sendable, Hashable {
    let all: [[String]]
    let byFirstWord: [String: [Int]]

    init(_ all: [[String]]) {
      self.all = all
      var byFirstWord: [String: [Int]] = [:]
      for (index, phrase) in all.enumerated() {
        if let first = phrase.first { byFirstWord[first, default: []].append(index) }
      }
      self.byFirstWord = byFirstWord
    }
  }

  /// The concept with groups a phrase term holds, and the group of each of its phrases.
  struct Learns: Sendable, Hashable {
    var concept: Int
    var groups: [String]
  }

  var terms: [Term]
  /// The whole words the pattern names, as written (its terms hold their stems).
  var namedWords: [String]
  public var source: String
  public var location: Location

  /// How a term is written, for error messages and `explain`.
  static let syntax =
    "words, '...' (or nothing) for any words between terms and '..0' to '..3' for at most that many, 'a|b|c' for one of several words (or beginnings: 'want*|ask*'), 'a+b' for words next to each other (also 'want+to|wanna', '(my|our)+(son|daughter)', '@my_child+(is|was)', 'i+am+@age'), 'threat*' for a word's beginning, '@concept', '#' for a number, '^' for the start and '$' for the end of a message"
}

/// Where one pattern matched, and how well.
struct PatternMatch: Sendable {
  var score: Int
  /// The word where the match begins, and the one after its last word.
  var start: Int
  var end: Int
  /// The group of each grouped concept the pattern matched, by concept index.
  var groups: [Int: String]
}

extension Pattern {
  /// Finds the terms in order. Greedy earliest matches are enough: a later start never helps a later
  /// term (with a limit on the words between, "sorry ..0 mum", it might; the earliest is still taken).
  func match(in message: MessageIndex) -> PatternMatch? {
    var position = 0
    var firstStart: Int?
    var covered = 0
    var matchedTerms = 0
    var groups: [Int: String] = [:]
    var mustStartAtZero = false
    var matchedNegations: [Int] = []
    var mostWordsBetween: Int?
    // A pattern that names @negation handles negation itself ("@negation be here ... tomorrow"), so no
    // other negation word in the message ("doesnt matter, i wont be here tomorrow") cancels its terms.
    let checksNegation = !terms.contains { term in
      if case .concept(let index) = term { return index == message.negationConcept }
      return false
    }

    for (offset, term) in terms.enumerated() {
      switch term {
      case .start:
        mustStartAtZero = true
        continue
      case .end:
        if position != message.count { return nil }
        continue
      case .within(let words):
        mostWordsBetween = words
        continue
      default:
        break
      }
      let isLastBeforeEnd = offset + 1 < terms.count && terms[offset + 1] == .end
      guard
        let span = message.firstSpan(
          of: term, from: position, matchedNegations: matchedNegations,
          mustStartAt: mustStartAtZero ? 0 : nil, mustEndAtEnd: isLastBeforeEnd, checksNegation: checksNegation)
      else { return nil }
      if let most = mostWordsBetween, span.start > position + most { return nil }
      mostWordsBetween = nil
      mustStartAtZero = false
      if firstStart == nil { firstStart = span.start }
      covered += span.length
      matchedTerms += 1
      position = span.start + span.length
      if let group = span.group {
        switch term {
        case .concept(let index) where groups[index] == nil: groups[index] = group
        case .phrase(_, let learns?) where groups[learns.concept] == nil: groups[learns.concept] = group
        default: break
        }
      }
      if message.isNegator(span.start) { matchedNegations.append(span.start) }
    }
    let gaps = (position - (firstStart ?? 0)) - covered
    return PatternMatch(
      score: matchedTerms * 100 + covered * 10 - min(gaps, 9), start: firstStart ?? 0, end: position, groups: groups)
  }
}
