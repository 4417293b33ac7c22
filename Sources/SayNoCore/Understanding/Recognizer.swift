/// Recognises the intents in one message, out of any context.
struct Recognizer: Sendable {
  let normalizer: Normalizer
  let phrases: PhraseIndex
  private let intents: [Intent]
  private let conceptNames: [String]

  init(
    intents: [Intent], concepts: [Concept], texting: [String: [String]], knownWords: Set<String>,
    optionLabels: [String]
  ) {
    self.intents = intents
    conceptNames = concepts.map(\.name)
    phrases = PhraseIndex(concepts: concepts)
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

  func recognize(_ text: String) -> Recognition {
    let normalized = normalizer.normalize(text)
    let message = MessageIndex(normalized, phrases: phrases)
    var matches: [IntentMatch] = []
    for (order, intent) in intents.enumerated() {
      var best: (match: PatternMatch, pattern: Pattern)?
      for pattern in intent.patterns {
        guard let match = pattern.match(in: message) else { continue }
        if best == nil || match.score > best!.match.score { best = (match, pattern) }
      }
      guard let best else { continue }
      var groups: [String: String] = [:]
      for (concept, group) in best.match.groups { groups[conceptNames[concept]] = group }
      matches.append(
        IntentMatch(
          intent: intent.id, order: order, tier: intent.tier, score: best.match.score,
          pattern: best.pattern.source, patternLocation: best.pattern.location, groups: groups))
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
