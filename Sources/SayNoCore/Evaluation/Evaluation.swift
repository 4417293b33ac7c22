/// Runs an evaluation set through fresh conversations and measures recognition and replies.
public struct Evaluation: Sendable {
  /// What happened to one example.
  public struct Outcome: Sendable {
    public var example: EvaluationSet.Example
    /// The intent that decided the reply: an intent id, `option` for a chosen option, `none` for nothing.
    public var decided: String
    /// The kind of rule that decided it.
    public var decidedBy: Turn.DecidedBy
    public var problems: [String]
    public var passed: Bool { problems.isEmpty }
  }

  /// Precision and recall of one intent, over a group of examples.
  public struct Score: Sendable {
    public var intent: String
    public var truePositives = 0
    public var falsePositives = 0
    public var falseNegatives = 0
    public var precision: Double { ratio(truePositives, truePositives + falsePositives) }
    public var recall: Double { ratio(truePositives, truePositives + falseNegatives) }
  }

  /// The figures for one part of the set (held-out or tuned).
  public struct Report: Sendable {
    public var outcomes: [Outcome]
    public var scores: [Score]
    public var accuracy: Double
    public var crisisRecall: Double
    public var crisisFalsePositiveRate: Double
    public var paymentRecall: Double
    /// (expected, decided, count), the costliest first.
    public var confusions: [(expected: String, decided: String, count: Int)]
    /// How often each kind of rule decided, and how often its intent was the expected one, the most used
    /// first: on messages never tuned on, it shows which rules carry over to new words.
    public var decidedBy: [(rule: Turn.DecidedBy, count: Int, right: Int)]
  }

  public let dialogue: Dialogue
  public init(dialogue: Dialogue) { self.dialogue = dialogue }

  public func run(_ example: EvaluationSet.Example) -> Outcome {
    var state = example.after.flatMap(dialogue.node).map { SessionState(answering: $0) }
      ?? SessionState(node: example.after ?? dialogue.settings.start)
    // A first message's writer is learnt from its words, as in a real conversation; an answer
    // (`after:`) comes later in one, where the writer may be known already.
    if let role = example.role, example.after != nil { state.learned[.role] = role.rawValue }
    var conversation = Conversation(dialogue: dialogue, state: state)
    let turn = conversation.respond(to: example.text)
    var decided = turn.intent ?? (turn.decision.hasPrefix("option") ? "option" : EvaluationSet.notUnderstood)
    // In an answer, what leads where the expected intent leads was understood: a number that picks
    // that option, or "yes" where the node takes "yes" and "safe" alike.
    if let after = example.after, let expected = example.intents.first, decided != expected,
      turn.node == destination(of: expected, after: after)
    {
      decided = expected
    }
    var problems: [String] = []
    if let expected = example.intents.first, expected != decided {
      problems.append("expected intent '\(expected)', decided by '\(decided)'")
    }
    let said = GoldenConversation.fold((turn.replies + turn.options).joined(separator: "\n"))
    for phrase in example.says where !said.contains(GoldenConversation.fold(phrase)) {
      problems.append("the reply should say '\(phrase)'")
    }
    for phrase in example.never where said.contains(GoldenConversation.fold(phrase)) {
      problems.append("the reply must never say '\(phrase)'")
    }
    return Outcome(example: example, decided: decided, decidedBy: turn.decidedBy, problems: problems)
  }

  /// The node an intent leads to: where the node answered expects it to go, or else its own `goto`.
  private func destination(of intent: String, after node: String) -> String? {
    dialogue.node(node)?.on.first { $0.intent == intent }?.node ?? dialogue.intent(intent)?.goto
  }

  public func report(_ examples: [EvaluationSet.Example]) -> Report {
    let outcomes = examples.map(run)
    var scores: [String: Score] = [:]
    var confusions: [String: (String, String, Int)] = [:]
    var correct = 0
    var crisis = (hit: 0, total: 0, falseAlarms: 0, others: 0)
    var payment = (hit: 0, total: 0)
    var rules: [Turn.DecidedBy: (count: Int, right: Int)] = [:]
    for outcome in outcomes {
      let expected = outcome.example.intents.first ?? EvaluationSet.notUnderstood
      let decided = outcome.decided
      rules[outcome.decidedBy, default: (0, 0)].count += 1
      if expected == decided {
        rules[outcome.decidedBy, default: (0, 0)].right += 1
        correct += 1
        scores[expected, default: Score(intent: expected)].truePositives += 1
      } else {
        scores[expected, default: Score(intent: expected)].falseNegatives += 1
        scores[decided, default: Score(intent: decided)].falsePositives += 1
        let key = expected + " → " + decided
        confusions[key, default: (expected, decided, 0)].2 += 1
      }
      let expectedTier = dialogue.intent(expected)?.tier
      let decidedTier = dialogue.intent(decided)?.tier
      if expectedTier == .crisis {
        crisis.total += 1
        if decidedTier == .crisis { crisis.hit += 1 }
      } else {
        crisis.others += 1
        if decidedTier == .crisis { crisis.falseAlarms += 1 }
      }
      if expectedTier == .payment {
        payment.total += 1
        if decided == expected { payment.hit += 1 }
      }
    }
    return Report(
      outcomes: outcomes, scores: scores.values.sorted { $0.intent < $1.intent },
      accuracy: ratio(correct, outcomes.count), crisisRecall: ratio(crisis.hit, crisis.total),
      crisisFalsePositiveRate: crisis.others == 0 ? 0 : Double(crisis.falseAlarms) / Double(crisis.others),
      paymentRecall: ratio(payment.hit, payment.total),
      confusions: confusions.values.map { (expected: $0.0, decided: $0.1, count: $0.2) }
        .sorted { ($1.count, $0.expected, $0.decided) < ($0.count, $1.expected, $1.decided) },
      decidedBy: rules.map { (rule: $0.key, count: $0.value.count, right: $0.value.right) }
        .sorted { ($1.count, $0.rule.rawValue) < ($0.count, $1.rule.rawValue) })
  }
}

private func ratio(_ part: Int, _ whole: Int) -> Double { whole == 0 ? 1 : Double(part) / Double(whole) }
