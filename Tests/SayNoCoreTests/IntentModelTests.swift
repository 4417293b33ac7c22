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

  func turn(_ text: String, examples: [String: String]) throws -> Turn {
    let files = Fixture.files + examples.map { ContentFile(path: "eval/tuning/" + $0.key, text: $0.value) }
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
