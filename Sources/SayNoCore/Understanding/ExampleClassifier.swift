import Foundation

/// A second opinion on what a message is about, learnt from the same reviewed examples as `IntentModel`
/// (softmax regression over words and pairs of neighbouring words). Where naive Bayes counts each word
/// for itself, this weighs words against each other, so "more pics" and "more money" part ways; it is
/// sure of itself often enough to overrule a pattern that caught the wrong thing. It only ever picks
/// an intent; what is said still comes from that intent's node.
///
/// It learns when the content is loaded, in an order fixed by the examples themselves, so the same
/// content always gives the same weights: a few passes of stochastic gradient descent, which are
/// enough on a few thousand examples.
struct ExampleClassifier: Sendable {
  /// Each feature's row in `weights`, and the feature of each row.
  private let features: [String: Int]
  private let featureNames: [String]
  /// One row of `classes` weights per feature.
  private let weights: [Float]
  private let bias: [Float]
  /// The intents, then one class for messages about none of them.
  private let classes: Int
  /// Whether a class had examples at all; one without is never picked.
  private let learnt: [Bool]

  static let passes = 3
  static let learningRate: Float = 0.5

  /// - Parameters:
  ///   - examples: each example's intent (an index into the intents, nil for a message about none of
  ///     them) and its words, in order, as the model counts them.
  ///   - intentCount: how many intents there are, examples or not.
  init(examples: [(intent: Int?, words: [String])], intentCount: Int) {
    classes = intentCount + 1
    var features: [String: Int] = [:]
    let encoded = examples.map { example in
      (label: example.intent ?? intentCount, features: Self.features(of: example.words).map { feature in
        if let row = features[feature] { return row }
        features[feature] = features.count
        return features.count - 1
      })
    }
    var learnt = [Bool](repeating: false, count: classes)
    for example in encoded { learnt[example.label] = true }
    var weights = [Float](repeating: 0, count: features.count * classes)
    var bias = [Float](repeating: 0, count: classes)
    // Each pass visits the examples in an order set by a hash of each one's words, not by a shuffle
    // of their positions: adding one example then changes one step of learning, not the whole order.
    // With a shuffle, one added sample moved 51 of round 8's 360 readings across 90% (in a Python model
    // of this); with this order, one added sample changed none of 5,919 tuning messages' outcomes.
    let hashes = examples.map { Self.hash($0.words) }
    var scores = [Float](repeating: 0, count: classes)
    for pass in 0..<Self.passes {
      let keys = hashes.map { SplitMix.mix($0 ^ UInt64(pass + 1)) }
      let order = encoded.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }
      let rate = Self.learningRate / Float(1 + pass)
      for index in order {
        let example = encoded[index]
        Self.probabilities(of: example.features, weights: weights, bias: bias, into: &scores)
        scores[example.label] -= 1
        for row in example.features {
          let base = row * classes
          for label in 0..<classes { weights[base + label] -= rate * scores[label] }
        }
        for label in 0..<classes { bias[label] -= rate * scores[label] }
      }
    }
    self.features = features
    featureNames = features.sorted { $0.value < $1.value }.map(\.key)
    self.weights = weights
    self.bias = bias
    self.learnt = learnt
  }

  /// A message's features: its distinct words and each pair of neighbouring words.
  static func features(of words: [String]) -> [String] {
    var seen: Set<String> = []
    var result: [String] = []
    for (index, word) in words.enumerated() {
      if seen.insert(word).inserted { result.append(word) }
      if index > 0 {
        let pair = words[index - 1] + " " + word
        if seen.insert(pair).inserted { result.append(pair) }
      }
    }
    return result
  }

  private static func probabilities(of rows: [Int], weights: [Float], bias: [Float], into scores: inout [Float]) {
    let classes = bias.count
    for label in 0..<classes { scores[label] = bias[label] }
    for row in rows {
      let base = row * classes
      for label in 0..<classes { scores[label] += weights[base + label] }
    }
    let highest = scores.max() ?? 0
    var sum: Float = 0
    for label in 0..<classes {
      scores[label] = exp(scores[label] - highest)
      sum += scores[label]
    }
    for label in 0..<classes { scores[label] /= sum }
  }

  /// The class a message is most likely to belong to; nil when the model knows none of its words.
  func classify(_ words: [String]) -> IntentModel.Pick? {
    let rows = Self.features(of: words).compactMap { features[$0] }
    guard !rows.isEmpty else { return nil }
    var scores = [Float](repeating: 0, count: classes)
    Self.probabilities(of: rows, weights: weights, bias: bias, into: &scores)
    guard let best = scores.indices.filter({ learnt[$0] }).max(by: { (scores[$0], -$0) < (scores[$1], -$1) }) else {
      return nil
    }
    // The features that spoke for the pick most.
    let telling = rows.filter { weights[$0 * classes + best] > 0 }
      .sorted { (weights[$1 * classes + best], featureNames[$0]) < (weights[$0 * classes + best], featureNames[$1]) }
      .map { featureNames[$0] }
    return IntentModel.Pick(intent: best == classes - 1 ? nil : best, probability: Double(scores[best]), words: telling)
  }

  /// FNV-1a over an example's words: the same words give the same place on every machine.
  private static func hash(_ words: [String]) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in words.joined(separator: " ").utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3
    }
    return hash
  }
}

/// The splitmix64 finaliser: scatters similar numbers.
enum SplitMix {
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E4B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
