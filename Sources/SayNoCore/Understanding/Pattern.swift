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
    "words, '...' (or nothing) for any words between terms and '..0' to '..3' for at most that many, 'a|b|c' for one of several words (or beginnings: 'want*|ask*'), 'a+b' for words next to each other (also 'want+to|wanna', '(my|our)+(son|daughter)', '@my_child+(is|was)', 'i+am+@age'), 'threat*' for a word's beginning, '@concept', '#' for a number (not one that counts pics: '3 pics'), '^' for the start and '$' for the end of a message"
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
  /// How far one attempt has got: where the next term is looked for, and what the matched terms gave.
  private struct Progress {
    var position = 0
    var firstStart: Int?
    var covered = 0
    var matchedTerms = 0
    var groups: [Int: String] = [:]
    var mustStartAtZero = false
    var matchedNegations: [Int] = []
    var mostWordsBetween: Int?
  }

  /// How many later places a term may be tried at in one message, so a long message stays quick.
  private static let retryBudget = 64

  /// Finds the terms in order, each at its earliest place. Where a later term must come within a few
  /// words ("i ..1 want ..2 find"), an earlier term is tried again further on when the earliest place
  /// leaves the later term too far away: "i am a dad and i am so angry i want to find this guy" matches
  /// at the third "i".
  func match(in message: MessageIndex) -> PatternMatch? {
    // A pattern that names @negation handles negation itself ("@negation be here ... tomorrow"), so no
    // other negation word in the message ("doesnt matter, i wont be here tomorrow") cancels its terms.
    let checksNegation = !terms.contains { term in
      if case .concept(let index) = term { return index == message.negationConcept }
      return false
    }
    var retriesLeft = Self.retryBudget
    // Only a limit on the words between a later pair of terms can make a later place of a term better.
    let lastLimit = terms.lastIndex { if case .within = $0 { true } else { false } }

    func attempt(from offset: Int, _ progress: Progress) -> Progress? {
      var progress = progress
      var offset = offset
      while offset < terms.count {
        switch terms[offset] {
        case .start: progress.mustStartAtZero = true
        case .end: if !message.isEnd(progress.position) { return nil }
        case .within(let words): progress.mostWordsBetween = words
        default:
          return attempt(term: terms[offset], at: offset, progress)
        }
        offset += 1
      }
      return progress
    }

    func attempt(term: Term, at offset: Int, _ progress: Progress) -> Progress? {
      let isLastBeforeEnd = offset + 1 < terms.count && terms[offset + 1] == .end
      let laterTermsHaveALimit = lastLimit.map { $0 > offset } ?? false
      var searchFrom = progress.position
      while let span = message.firstSpan(
        of: term, from: searchFrom, matchedNegations: progress.matchedNegations,
        mustStartAt: progress.mustStartAtZero ? 0 : nil, mustEndAtEnd: isLastBeforeEnd, checksNegation: checksNegation)
      {
        if let most = progress.mostWordsBetween, span.start > progress.position + most { return nil }
        var next = progress
        next.mostWordsBetween = nil
        next.mustStartAtZero = false
        if next.firstStart == nil { next.firstStart = span.start }
        next.covered += span.length
        next.matchedTerms += 1
        next.position = span.start + span.length
        if let group = span.group {
          switch term {
          case .concept(let index) where next.groups[index] == nil: next.groups[index] = group
          case .phrase(_, let learns?) where next.groups[learns.concept] == nil: next.groups[learns.concept] = group
          default: break
          }
        }
        // Any word of the span: "it+wont+matter" matched its own "wont", as "wont+matter" does.
        for position in span.start..<(span.start + span.length) where message.isNegator(position) {
          next.matchedNegations.append(position)
        }
        if let done = attempt(from: offset + 1, next) { return done }
        guard laterTermsHaveALimit, !progress.mustStartAtZero, retriesLeft > 0 else { return nil }
        retriesLeft -= 1
        searchFrom = span.start + 1
      }
      return nil
    }

    guard let found = attempt(from: 0, Progress()) else { return nil }
    let gaps = (found.position - (found.firstStart ?? 0)) - found.covered
    return PatternMatch(
      score: found.matchedTerms * 100 + found.covered * 10 - min(gaps, 9), start: found.firstStart ?? 0,
      end: found.position, groups: found.groups)
  }
}
