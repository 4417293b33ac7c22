/// One normalised message, indexed so that each pattern term is found by look-up, not by a scan.
struct MessageIndex: Sendable {
  struct Span: Sendable {
    var start: Int
    var length: Int
    var group: String?
  }

  let words: [String]
  /// Each word's `WordStem`, which pattern words are found by.
  let stems: [String]
  let clauses: [Int]
  /// Where each stem stands, and every number under "#".
  private let positions: [String: [Int]]
  /// Whether each word is a number "#" matches.
  private let numbers: [Bool]
  private let conceptSpans: [Int: [Span]]
  private let negators: [Bool]
  /// The index of the concept `negation`, if the content has one.
  let negationConcept: Int?

  var count: Int { words.count }
  /// Where a message ends for "$" besides its last word: before closing words of the concept `trailing`
  /// ("im done tbh", "ill be gone by friday fr").
  let end: Int

  /// Whether "$" matches at this position: the message's last word, or its closing words, come before it.
  func isEnd(_ position: Int) -> Bool { position == count || position == end }

  /// The message's distinct stems, and "#" if it holds a number: what pattern triggers are keyed by.
  var distinctTerms: Dictionary<String, [Int]>.Keys { positions.keys }

  /// A number, as "#" matches it: a word that starts with a decimal digit.
  static func isNumber(_ word: String) -> Bool {
    word.unicodeScalars.first?.properties.numericType == .decimal
  }

  static let answeringNo: Set<String> = ["no", "nah", "nope", "naw", "nahh", "noo"]
  static let subjects: Set<String> = ["i", "he", "she", "they", "we", "it", "its", "my", "his", "her", "their", "theres", "there", "this", "that", "you"]

  /// Whether the word at this position negates what follows it.
  func isNegator(_ position: Int) -> Bool { negators[position] }

  init(_ text: NormalizedText, phrases: PhraseIndex) {
    words = text.words
    let stems = text.words.map(WordStem.of)
    self.stems = stems
    clauses = text.clauses
    var positions: [String: [Int]] = [:]
    var conceptSpans: [Int: [Span]] = [:]
    var negators = [Bool](repeating: false, count: text.words.count)
    for index in text.words.indices {
      positions[stems[index], default: []].append(index)
      for phrase in phrases.phrases(startingWith: stems[index]) where phrase.stands(at: index, in: stems) {
        conceptSpans[phrase.concept, default: []].append(Span(start: index, length: phrase.words.count, group: phrase.group))
        if phrase.concept == phrases.negation && phrase.words.count == 1 { negators[index] = true }
      }
    }
    // A "no" that answers the last question and then goes on ("no i want to die", "nah he posted
    // them") says nothing about the words after it.
    if text.words.count > 1, Self.answeringNo.contains(text.words[0]), Self.subjects.contains(text.words[1]) {
      negators[0] = false
    }
    var end = stems.count
    while end > 0, phrases.trailing.contains(stems[end - 1]) { end -= 1 }
    self.end = end
    let numbers = phrases.numbers(text.words, stems: stems)
    for index in numbers.indices where numbers[index] { positions["#", default: []].append(index) }
    self.numbers = numbers
    self.positions = positions
    self.conceptSpans = conceptSpans
    self.negators = negators
    negationConcept = phrases.negation
  }

  /// A negation word up to two words before, in the same clause: "i didnt pay", "i didnt even pay".
  /// A negation the pattern matched itself ("no point anymore") does not count against its own terms.
  func isNegated(_ position: Int, besides matched: [Int] = []) -> Bool {
    var index = position - 1
    while index >= 0 && index >= position - 2 && clauses[index] == clauses[position] {
      if negators[index] && !matched.contains(index) { return true }
      index -= 1
    }
    return false
  }

  /// The earliest place at or after `from` where the term matches, under the given constraints.
  func firstSpan(
    of term: Pattern.Term, from: Int, matchedNegations: [Int], mustStartAt: Int?, mustEndAtEnd: Bool,
    checksNegation: Bool = true
  ) -> Span? {
    func isAcceptable(_ span: Span) -> Bool {
      if span.start < from { return false }
      if let required = mustStartAt, span.start != required { return false }
      if mustEndAtEnd && !isEnd(span.start + span.length) { return false }
      return !checksNegation || !isNegated(span.start, besides: matchedNegations)
    }
    func first(in starts: [Int]) -> Span? {
      var index = Self.lowerBound(starts, from)
      while index < starts.count {
        let span = Span(start: starts[index], length: 1)
        if isAcceptable(span) { return span }
        if mustStartAt != nil { return nil }
        index += 1
      }
      return nil
    }
    switch term {
    case .word(let word):
      return positions[word].flatMap(first(in:))
    case .anyOf(let alternatives, let prefixes):
      var earliest: Span?
      for alternative in alternatives {
        if let starts = positions[alternative], let span = first(in: starts), span.start < (earliest?.start ?? .max) {
          earliest = span
        }
      }
      if !prefixes.isEmpty,
        let span = firstWord(startingWithAnyOf: prefixes, from: from, mustStartAt: mustStartAt, isAcceptable: isAcceptable),
        span.start < (earliest?.start ?? .max)
      {
        earliest = span
      }
      return earliest
    case .phrase(let phrases, let learns):
      // The earliest start wins, then the longest phrase ("gift card" over "gift"), then the first written.
      typealias Found = (span: Span, which: Int)
      func isBetter(_ found: Found, than best: Found?) -> Bool {
        guard let best else { return true }
        return (found.span.start, -found.span.length, found.which) < (best.span.start, -best.span.length, best.which)
      }
      func best(at start: Int, among candidates: [Int], beyond found: Found?) -> Found? {
        var best = found
        for which in candidates {
          let phrase = phrases.all[which]
          guard start + phrase.count <= count,
            phrase.indices.dropFirst().allSatisfy({
              (stems[start + $0] == phrase[$0] || (phrase[$0] == "#" && numbers[start + $0]))
                && clauses[start + $0] == clauses[start]
            })
          else { continue }
          let span = Span(start: start, length: phrase.count, group: learns?.groups[which])
          if isAcceptable(span), isBetter((span, which), than: best) { best = (span, which) }
        }
        return best
      }
      var found: Found?
      if count - from <= phrases.byFirstWord.count {
        // A short message: look up each of its words among the phrases' first words.
        var start = mustStartAt ?? from
        while start < count {
          if let candidates = phrases.byFirstWord[stems[start]] { found = best(at: start, among: candidates, beyond: found) }
          if numbers[start], let candidates = phrases.byFirstWord["#"] {
            found = best(at: start, among: candidates, beyond: found)
          }
          if found != nil || mustStartAt != nil { break }
          start += 1
        }
      } else {
        // A long message: look up each first word among the message's words.
        for (first, candidates) in phrases.byFirstWord {
          guard let starts = positions[first] else { continue }
          var index = Self.lowerBound(starts, mustStartAt ?? from)
          while index < starts.count && starts[index] <= (found?.span.start ?? .max) {
            let here = best(at: starts[index], among: candidates, beyond: found)
            if here.map({ $0.span.start == starts[index] }) ?? false || mustStartAt != nil {
              found = here
              break
            }
            index += 1
          }
        }
      }
      return found?.span
    case .prefix(let prefix):
      return firstWord(startingWithAnyOf: [prefix], from: from, mustStartAt: mustStartAt, isAcceptable: isAcceptable)
    case .number:
      return positions["#"].flatMap(first(in:))
    case .concept(let concept):
      return conceptSpans[concept]?.first(where: isAcceptable)
    case .start, .end, .within:
      return nil
    }
  }

  /// The earliest acceptable word, at or after `from`, that begins with one of the prefixes.
  private func firstWord(startingWithAnyOf prefixes: [String], from: Int, mustStartAt: Int?, isAcceptable: (Span) -> Bool) -> Span? {
    var index = mustStartAt ?? from
    while index < count {
      let span = Span(start: index, length: 1)
      if prefixes.contains(where: words[index].hasPrefix) && isAcceptable(span) { return span }
      if mustStartAt != nil { return nil }
      index += 1
    }
    return nil
  }

  private static func lowerBound(_ sorted: [Int], _ value: Int) -> Int {
    var low = 0
    var high = sorted.count
    while low < high {
      let middle = (low + high) / 2
      if sorted[middle] < value { low = middle + 1 } else { high = middle }
    }
    return low
  }
}

/// Every concept phrase, by its first word, so a message finds its phrases in one pass. Phrases are
/// held as `WordStem`s, like pattern words: "@post" finds "posts" and "leaking".
struct PhraseIndex: Sendable {
  struct Entry: Sendable {
    var concept: Int
    var words: [String]
    var group: String?

    /// Whether the message's stems spell this phrase from `start` on.
    func stands(at start: Int, in stems: [String]) -> Bool {
      start + words.count <= stems.count && words.indices.allSatisfy { stems[start + $0] == words[$0] }
    }
  }
  private let byFirstWord: [String: [Entry]]
  let negation: Int?
  /// The concept `counted`: what a number just before one of its phrases counts ("3 pics").
  let counted: Int?
  /// The one-word phrases of the concept `trailing`: words that may close a message after its end.
  let trailing: Set<String>

  init(concepts: [Concept]) {
    var byFirstWord: [String: [Entry]] = [:]
    for (index, concept) in concepts.enumerated() {
      for phrase in concept.phrases {
        let words = phrase.words.map(WordStem.of)
        guard let first = words.first else { continue }
        byFirstWord[first, default: []].append(Entry(concept: index, words: words, group: phrase.group))
      }
    }
    // Longer phrases first, so "gift card" is preferred to "gift" at the same place.
    self.byFirstWord = byFirstWord.mapValues { $0.sorted { $0.words.count > $1.words.count } }
    negation = concepts.firstIndex { $0.name == "negation" }
    counted = concepts.firstIndex { $0.name == "counted" }
    trailing = concepts.oneWordStems(of: "trailing")
  }

  func phrases(startingWith word: String) -> [Entry] { byFirstWord[word] ?? [] }

  /// Whether each word is a number as "#" matches it. A small number that counts pics ("sent 3 pics", "2
  /// more vids": a phrase of `counted` follows) is no amount, so "i sent 3 pics and now he wants more" is
  /// not money paid. From 100 up it is an amount with its currency left out ("hes asking 150 vids get
  /// posted if not", "pay 500 pics get deleted": first safety read, session 22).
  func numbers(_ words: [String], stems: [String]) -> [Bool] {
    words.indices.map { MessageIndex.isNumber(words[$0]) && !countsPics(at: $0, words: words, stems: stems) }
  }

  /// Whether the number at `index` is under 100 and a phrase of `counted` follows it.
  private func countsPics(at index: Int, words: [String], stems: [String]) -> Bool {
    guard let counted, let value = Int(words[index].prefix { $0.isASCII && $0.isNumber }), value < 100,
      index + 1 < stems.count
    else { return false }
    return phrases(startingWith: stems[index + 1]).contains { $0.concept == counted && $0.stands(at: index + 1, in: stems) }
  }
}

extension [Concept] {
  /// The stems of the one-word phrases of the concept with this name; none if the content has no such concept.
  func oneWordStems(of name: String) -> Set<String> {
    Set(first { $0.name == name }?.phrases.filter { $0.words.count == 1 }.map { WordStem.of($0.words[0]) } ?? [])
  }
}
