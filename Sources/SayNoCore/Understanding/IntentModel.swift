import Foundation

/// Which intent's labelled examples a message's words resemble most: naive Bayes over the words each
/// example uses. It learns from reviewed messages (each intent's `samples:` and the labelled messages in
/// `eval/tuning/`), never from the held-out part, and it only ever picks an intent; what is said still
/// comes from that intent's node.
///
/// Patterns say what a message must hold; this model says what messages like it usually held, so it
/// carries over to wording no pattern was written for. Messages labelled `none` (small talk, homework)
/// are a class of their own: a message most like them is not guessed to be about anything.
struct IntentModel: Sendable {
  /// A message's word adds, to each intent whose examples used it, how much likelier it made it than a
  /// word that intent's examples never used (`absent`).
  private let lift: [String: [(intent: Int, amount: Double)]]
  /// Per intent: the log-likelihood of a known word its examples never used.
  private let absent: [Double]
  /// Per intent: the log of its share of the examples; nil for an intent with none, never chosen.
  private let prior: [Double?]

  /// Smoothing, so one unseen word cannot rule an intent out.
  static let smoothing = 0.1
  /// A word no example ever used speaks for small talk by this much (log odds): the helper's topics
  /// have a vocabulary its examples cover, everyday chat does not ("how do i fix white balance").
  /// Chosen on 160 off-topic messages before the model learnt from them.
  static let unknownWordWeight = 3.0

  /// The class of messages about none of the intents, after the intents' own.
  private let offTopic: Int

  /// - Parameters:
  ///   - examples: each example's intent (an index into the intents, nil for a message about none of
  ///     them) and the stems of its words.
  ///   - intentCount: how many intents there are, examples or not.
  init(examples: [(intent: Int?, stems: Set<String>)], intentCount: Int) {
    offTopic = intentCount
    var documents = [Int](repeating: 0, count: intentCount + 1)
    var words = [Int](repeating: 0, count: intentCount + 1)
    var uses: [String: [Int: Int]] = [:]
    for example in examples {
      let intent = example.intent ?? offTopic
      documents[intent] += 1
      words[intent] += example.stems.count
      for stem in example.stems { uses[stem, default: [:]][intent, default: 0] += 1 }
    }
    let total = Double(max(1, examples.count))
    // Each word's chance in an intent's examples, smoothed over the whole vocabulary (multinomial,
    // counting a word once per example): an intent with long examples gets no edge for every word.
    let vocabulary = Double(uses.count)
    absent = words.map { log(Self.smoothing / (Double($0) + Self.smoothing * vocabulary)) }
    prior = documents.map { $0 > 0 ? log(Double($0) / total) : nil }
    lift = uses.mapValues { counts in
      counts.sorted { $0.key < $1.key }.map { intent, count in (intent, log((Double(count) + Self.smoothing) / Self.smoothing)) }
    }
  }

  /// What the model makes of a message.
  struct Pick {
    /// The intent whose examples the message is most like; nil when it is most like the messages about
    /// none of the intents.
    var intent: Int?
    /// How likely that is, among all the intents with examples and none (0…1).
    var probability: Double
    /// The message's words that set the pick apart from the other classes most, strongest first.
    var words: [String]
  }

  /// The pick for a message, by the stems of its words; nil when the model knows none of them.
  func classify(_ stems: Set<String>) -> Pick? {
    let known = stems.filter { lift[$0] != nil }.sorted()
    guard !known.isEmpty else { return nil }
    var scores: [Double] = prior.enumerated().map { intent, prior in
      prior.map { $0 + Double(known.count) * absent[intent] } ?? -.infinity
    }
    for stem in known {
      for (intent, amount) in lift[stem]! where prior[intent] != nil { scores[intent] += amount }
    }
    if prior[offTopic] != nil { scores[offTopic] += Self.unknownWordWeight * Double(stems.count - known.count) }
    guard let best = scores.indices.max(by: { (scores[$0], -$0) < (scores[$1], -$1) }), scores[best] > -.infinity else {
      return nil
    }
    let sum = scores.reduce(0) { $0 + exp($1 - scores[best]) }
    // The words that set the pick apart: how much more each speaks for it than for the average class.
    let classes = Double(prior.count { $0 != nil })
    let words = known.compactMap { stem -> (String, Double)? in
      let lifts = lift[stem]!
      guard let amount = lifts.first(where: { $0.intent == best })?.amount else { return nil }
      return (stem, amount - lifts.reduce(0) { $0 + $1.amount } / classes)
    }
    .sorted { ($1.1, $0.0) < ($0.1, $1.0) }
    .map(\.0)
    return Pick(intent: best == offTopic ? nil : best, probability: 1 / sum, words: words)
  }
}
