import Testing
@testable import SayNoCore

/// The model behind the last guess: which intent's labelled examples a message's words resemble.
struct IntentModelTests {
  /// Intent 0 is about money demanded, 1 about pics posted; nil marks small talk.
  let model = IntentModel(
    examples: [
      (0, ["he", "want", "money"]), (0, ["want", "cash", "tonight"]), (0, ["money", "or", "else"]),
      (1, ["he", "posted", "pics"]), (1, ["pics", "are", "up"]), (1, ["posted", "them", "everywhere"]),
      (nil, ["what", "weather", "tomorrow"]), (nil, ["fav", "colour", "what"]),
    ],
    intentCount: 2)

  @Test func theIntentWhoseExamplesShareTheMessagesWordsWins() throws {
    let money = try #require(model.classify(["want", "money", "cash"]))
    #expect(money.intent == 0)
    let posted = try #require(model.classify(["they", "posted", "pics"]))
    #expect(posted.intent == 1)
    #expect(posted.probability > 0.5 && posted.probability <= 1)
  }

  @Test func theWordsThatSpokeForItComeStrongestFirst() throws {
    // "pics" is in two of intent 1's three examples, "up" in one; "he" is shared with intent 0.
    let pick = try #require(model.classify(["pics", "up", "he"]))
    #expect(pick.intent == 1)
    #expect(pick.words.first == "pics")
  }

  @Test func moreWordsForOneIntentMakeItLikelier() throws {
    let one = try #require(model.classify(["posted"]))
    let two = try #require(model.classify(["posted", "pics"]))
    #expect(two.probability > one.probability)
  }

  @Test func aMessageWithNoKnownWordIsNoPick() {
    #expect(model.classify(["pancakes", "recipe"]) == nil)
  }

  @Test func smallTalkIsPickedAsAboutNoIntent() throws {
    let pick = try #require(model.classify(["what", "weather"]))
    #expect(pick.intent == nil)
    #expect(pick.probability > 0.5)
  }

  @Test func wordsNoExampleUsedSpeakForSmallTalk() throws {
    #expect(try #require(model.classify(["posted", "pics"])).intent == 1)
    #expect(try #require(model.classify(["posted", "pics", "pancake", "recipe", "oven"])).intent == nil)
  }
}

/// The helper learns from the labelled messages in `eval/tuning/`, by their first intent.
struct LearnedGuessTests {
  static let examples = """
    - text: "he says ill regret it if i dont send cash"
      intents: [payment.demand]
    - text: "cash by friday or else"
      intents: [payment.demand, threat.post]
    - text: "i did"
      intents: [payment.paid]
      after: payment.demand
    """
  static let smallTalk = """
    - text: "what do u want for dinner"
      intents: [none]
    - text: "dinner at grans on friday"
      intents: [none]
    """

  func turn(_ text: String, examples: [String: String], in folder: String = "eval/tuning/") throws -> Turn {
    let files = Fixture.files + examples.map { ContentFile(path: folder + $0.key, text: $0.value) }
    var conversation = Conversation(dialogue: try Dialogue(files: files), country: "GB")
    return conversation.respond(to: text)
  }

  @Test func aMessageLikeAnIntentsExamplesIsGuessedAsIt() throws {
    // "pay" is a telling word of the payment intents; "cash" and "friday" are only in the examples.
    let message = "pay cash by friday"
    #expect(try turn(message, examples: [:]).node == "not_understood")
    let turn = try turn(message, examples: ["demands.yaml": Self.examples])
    #expect(turn.node == "payment.demand")
    #expect(turn.decision.hasPrefix("no pattern matched; a guess: intent 'payment.demand'"))
    #expect(turn.decision.contains("examples") && turn.decision.contains("cash"))
  }

  /// Messages in `eval/patterns-only/` are tuned on, never held out, and never learnt as examples.
  @Test func messagesToTuneOnWithPatternsOnlyAreNotLearnt() throws {
    let message = "pay cash by friday"
    #expect(try turn(message, examples: ["demands.yaml": Self.examples], in: "eval/patterns-only/").node == "not_understood")
    #expect(try turn(message, examples: ["demands.yaml": Self.examples]).node == "payment.demand")
    #expect(EvaluationSet.isForTuning(folder: ["/", "Dialogues", "eval", "patterns-only"]))
    #expect(EvaluationSet.isForTuning(folder: ["/", "Dialogues", "eval", "tuning"]))
    #expect(!EvaluationSet.isForTuning(folder: ["/", "Dialogues", "eval"]))
  }

  @Test func aMessageMostLikeSmallTalkIsNotGuessed() throws {
    let message = "pay for dinner on friday"
    #expect(try turn(message, examples: ["demands.yaml": Self.examples]).node == "payment.demand")
    let turn = try turn(message, examples: ["demands.yaml": Self.examples, "small-talk.yaml": Self.smallTalk])
    #expect(turn.node == "not_understood")
  }

  /// Saying that someone is safe ends the crisis check, so it is never a guess.
  @Test func aGuessNeverSaysSomeoneIsSafe() throws {
    let safeExamples = """
      - text: "feeling better now at my nans"
        intents: [safe]
      - text: "better now, at my nans house with her"
        intents: [safe]
      """
    let turn = try turn("feeling better now at my nans house", examples: ["safe.yaml": safeExamples])
    #expect(turn.node != "safe")
    #expect(!turn.decision.contains("'safe'"))
  }

  @Test func anExampleForAnIntentThatDoesNotExistIsAContentError() {
    let files = Fixture.files + [ContentFile(path: "eval/tuning/typo.yaml", text: "- text: \"he wants cash\"\n  intents: [payment.demnad]\n")]
    #expect(throws: ContentErrors.self) { try Dialogue(files: files) }
    do {
      _ = try Dialogue(files: files)
    } catch {
      #expect(error.errors.contains { $0.file == "eval/tuning/typo.yaml" && $0.line == 1 && $0.message.contains("payment.demnad") })
    }
  }
}

/// The second opinion: softmax regression over words and pairs of neighbouring words.
struct ExampleClassifierTests {
  /// Intent 0 is more pics wanted, 1 money wanted; both say "he wants more".
  static let examples: [(intent: Int?, words: [String])] = [
    (0, ["he", "want", "more", "pics"]), (0, ["want", "more", "pics", "now"]), (0, ["more", "pics", "or", "else"]),
    (1, ["he", "want", "more", "money"]), (1, ["want", "more", "money", "now"]), (1, ["more", "money", "or", "else"]),
    (nil, ["what", "weather", "tomorrow"]),
  ]
  let classifier = ExampleClassifier(examples: Self.examples, intentCount: 2)

  @Test func theWordsThatTellTheIntentsApartDecide() throws {
    #expect(try #require(classifier.classify(["he", "want", "more", "pics"])).intent == 0)
    let money = try #require(classifier.classify(["more", "money", "tonight"]))
    #expect(money.intent == 1)
    #expect(money.words.contains("money") && !money.words.contains("tonight"))
    #expect(money.probability > 0.5 && money.probability <= 1)
  }

  @Test func featuresAreTheDistinctWordsAndEachPairOfNeighbours() {
    #expect(ExampleClassifier.features(of: ["more", "pics", "more", "pics"]) == ["more", "pics", "more pics", "pics more"])
  }

  @Test func theSameExamplesAlwaysTeachTheSameWeights() throws {
    let again = ExampleClassifier(examples: Self.examples, intentCount: 2)
    let message = ["he", "want", "more", "money", "pics"]
    #expect(try #require(classifier.classify(message)).probability == (try #require(again.classify(message)).probability))
  }

  @Test func aMessageWithNoKnownWordIsNoPick() {
    #expect(classifier.classify(["pancakes", "recipe"]) == nil)
  }
}

/// Where a pattern caught one intent and the labelled examples are sure of another, theirs decides,
/// except over a crisis and over who is writing; a payment reading gives way only to another payment intent.
struct OverruleTests {
  /// "threat*" is a pattern of threat.post; these examples say such words mean something else.
  static func examples(_ intent: String, _ texts: [String]) -> String {
    String(repeating: texts.map { "- text: \"\($0)\"\n  intents: [\(intent)]\n" }.joined(), count: 4)
  }

  func turn(_ text: String, examples: String) throws -> Turn {
    let files = Fixture.files + [ContentFile(path: "eval/tuning/examples.yaml", text: examples)]
    var conversation = Conversation(dialogue: try Dialogue(files: files), country: "GB")
    return conversation.respond(to: text)
  }

  /// Without the examples the message is not read as a crisis; with them it is, by `how`.
  func expectCrisis(_ message: String, onlyWith crises: [String], by how: String) throws {
    #expect(try turn(message, examples: "[]").node != "crisis")
    let turn = try turn(message, examples: Self.examples("crisis.suicide", crises))
    #expect(turn.node == "crisis")
    #expect(turn.decision.contains(how))
  }

  @Test func examplesSureOfACrisisOverruleAGeneralPattern() throws {
    let message = "after his threats i wont be here tomorrow"
    #expect(try turn(message, examples: "[]").node == "threat")
    try expectCrisis(
      message, onlyWith: ["his threats mean i wont be here tomorrow", "wont be here tomorrow", "i wont be here much longer"],
      by: "overruled: intent 'crisis.suicide'")
  }

  @Test func aCrisisIsNeverOverruled() throws {
    let posts = Self.examples("threat.post", ["i cant do this anymore he posted my pics", "he posted my pics", "posted my pics"])
    #expect(try turn("i cant do this anymore he posted my pics", examples: posts).node == "crisis")
  }

  @Test func aPaymentReadingGivesWayOnlyToAnotherPaymentIntentTheExamplesAreSureOf() throws {
    // "i ... @pay" is payment.paid's pattern; the examples say "i have to pay" is a demand.
    let message = "i have to pay him tonight"
    let texts = [message, "have to pay tonight", "i have to pay him"]
    #expect(try turn(message, examples: "[]").node == "payment.paid")
    let demand = try turn(message, examples: Self.examples("payment.demand", texts))
    #expect(demand.node == "payment.demand")
    #expect(demand.decision.contains("overruled: intent 'payment.demand'"))
    // Examples of a topic never take "don't pay" away.
    let threat = try turn(message, examples: Self.examples("threat.post", texts))
    #expect(threat.node == "payment.paid")
    #expect(!threat.decision.contains("overruled"))
  }

  @Test func aTopicGivesWayToMoneyPaidOnlyWhereMoneyIsNamed() throws {
    // "threat*" is threat.post's pattern; these examples read "what i did on cam" as money paid.
    let message = "hes threatening to tell my mum what i did on cam"
    let texts = [message, "threatening to tell mum what i did on cam", "hes threatening me what i did on cam"]
    #expect(try turn(message, examples: Self.examples("payment.paid", texts)).node == "threat")
    let cash = Self.examples("payment.paid", texts.map { $0 + " 500" })
    #expect(try turn(message + " 500", examples: cash).node == "payment.paid")
    // A number under 100 names no money: it is as often an age.
    let age = Self.examples("payment.paid", texts.map { $0 + " im 29" })
    #expect(try turn(message + " im 29", examples: age).node == "threat")
  }

  @Test func moneyThatMayNotHaveGoneIsNeverMovedToThePageForMoneyPaid() throws {
    // "wants #" is payment.demand's pattern; the examples, counting words, read "paid" as money paid.
    let paid = Self.examples("payment.paid", ["he wants 200 i paid", "paid he wants 200", "i paid and he wants 200"])
    #expect(try turn("he wants 200 i paid", examples: paid).node == "payment.paid")
    #expect(try turn("he wants 200 i didnt paid", examples: paid).node == "payment.demand")
  }
}

/// A first message the examples are sure is about none of the topics gets the list of them, not a topic a
/// pattern caught; never a crisis or money, and never later in a conversation.
extension OverruleTests {
  static let everyday = examples(
    "none", ["my brother keeps threatening to tell mum", "threatening to tell mum about my phone", "brother threatening to tell on me"])

  @Test func atTheStartATopicTheExamplesAreSureIsNothingGivesWay() throws {
    let message = "my brother keeps threatening to tell mum about my phone"
    #expect(try turn(message, examples: "[]").node == "threat")
    let turn = try turn(message, examples: Self.everyday)
    #expect(turn.node == "not_understood")
    #expect(turn.decision.contains("sure it is about none of the topics"))
  }

  @Test func laterInAConversationOrForMoneyTheTopicStays() throws {
    let files = Fixture.files + [ContentFile(path: "eval/tuning/examples.yaml", text: Self.everyday)]
    var conversation = Conversation(dialogue: try Dialogue(files: files), country: "GB")
    #expect(conversation.respond(to: "he wants 500").node == "payment.demand")
    #expect(conversation.respond(to: "my brother keeps threatening to tell mum about my phone").node == "threat")
    let money = Self.examples("none", ["my brother wants 500", "brother wants 500 for his bike", "wants 500 for a bike"])
    #expect(try turn("my brother wants 500", examples: money).node == "payment.demand")
  }

  /// Where naive Bayes reads a message as small talk, a crisis the classifier is sure of is still asked
  /// about.
  @Test func aCrisisTheExamplesAreSureOfIsGuessedOverSmallTalk() throws {
    let message = "not gonna be around for results day"
    let crises = Self.examples("crisis.suicide", [message, "wont be around for results", "not be around much longer"])
    let everyday = Self.examples(
      "none", ["results day is around the corner not gonna lie", "not gonna lie results day is scary", "for results day be early",
               "around results day i get nervous", "results day for year 11", "not going in for results day"])
    // Naive Bayes, counting words alone, reads these words as small talk more often; the classifier,
    // reading pairs of words ("be around"), is sure of a crisis.
    let turn = try turn(message, examples: crises + String(repeating: everyday, count: 4))
    #expect(turn.node == "crisis")
    #expect(turn.decision.contains("a guess: intent 'crisis.suicide'"))
  }
}

extension OverruleTests {
  /// A guess by telling words gives way to the examples as a pattern's reading does.
  @Test func examplesSureOfACrisisOverruleAGuessByTellingWords() throws {
    let message = "he will post them and i wont be here to see it"
    let texts = [message, "i wont be here to see it", "wont be here to see it"]
    let guess = "a guess: intent 'threat.post' (tier general) by keywords"
    #expect(try turn(message, examples: "[]").decision.contains(guess))
    // Examples of a topic the guess already reads leave it as it was.
    #expect(try turn(message, examples: Self.examples("threat.post", texts)).decision.contains(guess))
    try expectCrisis(message, onlyWith: texts, by: "a guess: intent 'crisis.suicide' (tier crisis) by examples")
  }

  @Test func anAnswerIsNeverOverruled() throws {
    // "^ no|nope" is the answer no; the examples say such a message is a payment.
    let paid = Self.examples("payment.paid", ["nope transferred the cash already", "nope transferred cash", "transferred the cash already"])
    // (Where the answer leads nowhere, the last-resort guess may still read it; it is not overruled.)
    #expect(!(try turn("nope transferred the cash already", examples: paid)).decision.contains("overruled"))
  }
}

extension OverruleTests {
  /// Where no pattern matched, a crisis the classifier is sure of needs none of the crisis's telling words.
  @Test func aSureCrisisReadingNeedsNoTellingWords() throws {
    try expectCrisis(
      "thinking of ending things before school finds out",
      onlyWith: ["ending things before school finds out", "ending things tonight", "ending things"],
      by: "a guess: intent 'crisis.suicide'")
  }

  @Test func otherIntentsStillNeedTheirTellingWords() throws {
    let paid = Self.examples("payment.paid", ["transferred the lot yesterday", "transferred the lot", "the lot yesterday"])
    #expect(try turn("transferred the lot yesterday", examples: paid).node == "not_understood")
  }
}
