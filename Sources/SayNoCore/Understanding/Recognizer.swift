/// Recognises the intents in one message, out of any context.
struct Recognizer: Sendable {
  let normalizer: Normalizer
  let phrases: PhraseIndex
  private let intents: [Intent]
  private let conceptNames: [String]
  /// Every pattern of every intent, flat, and where each intent's patterns are.
  private let patterns: [Pattern]
  private let patternRanges: [Range<Int>]
  /// The patterns that can only match when a message holds this word, by the word their first term
  /// needs ("#" for a number); a message tries only those, and the few in `alwaysTried`.
  private let triggers: [String: [Int]]
  private let alwaysTried: [Int]

  init(
    intents: [Intent], concepts: [Concept], texting: [String: [String]], knownWords: Set<String>,
    optionLabels: [String]
  ) {
    self.intents = intents
    conceptNames = concepts.map(\.name)
    phrases = PhraseIndex(concepts: concepts)
    var patterns: [Pattern] = []
    var ranges: [Range<Int>] = []
    var triggers: [String: [Int]] = [:]
    var alwaysTried: [Int] = []
    for intent in intents {
      let start = patterns.count
      for pattern in intent.patterns {
        let index = patterns.count
        patterns.append(pattern)
        if let words = Self.triggerWords(of: pattern, concepts: concepts) {
          for word in Set(words) { triggers[word, default: []].append(index) }
        } else {
          alwaysTried.append(index)
        }
      }
      ranges.append(start..<patterns.count)
    }
    self.patterns = patterns
    patternRanges = ranges
    self.triggers = triggers
    self.alwaysTried = alwaysTried
    var vocabulary: Set<String> = []
    for intent in intents {
      for pattern in intent.patterns {
        for term in pattern.terms {
          switch term {
          case .word(let word): vocabulary.insert(word)
          case .anyOf(let words, _): vocabulary.formUnion(words)
          default: break
          }
        }
      }
    }
    for concept in concepts { for phrase in concept.phrases { vocabulary.formUnion(phrase.words) } }
    for words in texting.values { vocabulary.formUnion(words) }
    for label in optionLabels { vocabulary.formUnion(Normalizer.tokenize(label).map(\.word)) }
    normalizer = Normalizer(
      texting: texting, spelling: SpellChecker(vocabulary: vocabulary, knownWords: knownWords))
  }

  /// The words one of which a message must hold for the pattern to match, or nil if any message may.
  private static func triggerWords(of pattern: Pattern, concepts: [Concept]) -> [String]? {
    guard let first = pattern.terms.first(where: { $0 != .start && $0 != .end }) else { return nil }
    switch first {
    case .word(let word): return [word]
    case .anyOf(let words, let prefixes): return prefixes.isEmpty ? words : nil
    case .concept(let index): return concepts[index].phrases.compactMap(\.words.first)
    case .number: return ["#"]
    case .prefix, .start, .end: return nil
    }
  }

  func recognize(_ text: String) -> Recognition {
    let normalized = normalizer.normalize(text)
    let message = MessageIndex(normalized, phrases: phrases)
    var candidate = [Bool](repeating: false, count: patterns.count)
    for index in alwaysTried { candidate[index] = true }
    for word in Set(normalized.words) {
      for index in triggers[word] ?? [] { candidate[index] = true }
      if word.utf8.first.map({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) == true {
        for index in triggers["#"] ?? [] { candidate[index] = true }
      }
    }
    var matches: [IntentMatch] = []
    for (order, intent) in intents.enumerated() {
      var best: (match: PatternMatch, index: Int)?
      for index in patternRanges[order] where candidate[index] {
        guard let match = patterns[index].match(in: message) else { continue }
        if best == nil || match.score > best!.match.score { best = (match, index) }
      }
      guard let best else { continue }
      var groups: [String: String] = [:]
      for (concept, group) in best.match.groups { groups[conceptNames[concept]] = group }
      matches.append(
        IntentMatch(
          intent: intent.id, order: order, tier: intent.tier, score: best.match.score,
          pattern: patterns[best.index].source, patternLocation: patterns[best.index].location, groups: groups))
    }
    matches.sort { ($0.tier, -$0.score, $0.order) < ($1.tier, -$1.score, $1.order) }
    return Recognition(normalized: normalized, matches: matches)
  }
}

/// What one message was understood to be about, most urgent first.
public struct Recognition: Sendable {
  public var normalized: NormalizedText
  public var matches: [IntentMatch]

  public func match(_ intent: String) -> IntentMatch? { matches.first { $0.intent == intent } }
}

/// One intent a message matched, with the pattern that won and its score.
public struct IntentMatch: Sendable {
  public var intent: String
  /// Where the intent is written among all intents: the last tie-break.
  public var order: Int
  public var tier: Tier
  public var score: Int
  public var pattern: String
  public var patternLocation: Location
  /// The group each grouped concept matched, by concept name: `["age": "under18"]`.
  public var groups: [String: String]
}
