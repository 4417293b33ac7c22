import Testing
@testable import SayNoCore

/// Every step of the guidance, for every audience, can be reached both by the helper's own options and
/// by asking in free text, and speaks to that audience.
struct CoverageTests {
  static let steps = [
    "evidence", "block", "deactivate", "removal", "police", "police.what", "police.fear", "tell.adult", "whatis",
    "safer", "after", "payment.demand", "payment.refuse", "payment.paid", "no.reply", "threat.contacts", "posted",
  ]
  /// Where each audience starts when it follows the options: the greeting's choice for it.
  static let audiences = ["young": "welcome", "friend": "friend", "parent": "parent", "adult": "adult"]

  func dialogue() throws -> Dialogue { try GoldenConversationTests.shipped.get() }

  @Test(arguments: audiences.sorted { $0.key < $1.key })
  func everyStepIsReachableByOptions(_ audience: (key: String, value: String)) throws {
    let dialogue = try dialogue()
    var reached: Set<String> = [audience.value]
    var queue = [audience.value]
    while let id = queue.popLast() {
      for option in dialogue.node(id)?.options ?? [] where reached.insert(option.goto).inserted {
        queue.append(option.goto)
      }
    }
    let missing = Self.steps.filter { !reached.contains($0) }
    #expect(missing.isEmpty, "\(audience.key), from '\(audience.value)', cannot reach by options: \(missing)")
  }

  @Test func everyStepIsReachableByFreeText() throws {
    let dialogue = try dialogue()
    for step in Self.steps {
      let intent = dialogue.intents.first { $0.goto == step && !$0.samples.isEmpty }
      #expect(intent != nil, "no intent with samples leads to '\(step)'")
    }
  }

  /// A parent or a friend never reads "you" advice meant for the victim at a step: each step has words
  /// for them, unless its own words already speak to everyone.
  @Test func stepsSpeakToParentsAndFriends() throws {
    let dialogue = try dialogue()
    let sharedByAll: Set<String> = ["no.reply", "removal"]
    for step in Self.steps where !sharedByAll.contains(step) {
      let node = try #require(dialogue.node(step))
      #expect(node.sayTo[.parent] != nil, "'\(step)' has no words for a parent")
    }
    for step in ["evidence", "block", "deactivate", "police", "police.what", "police.fear", "tell.adult", "whatis", "safer", "after", "payment.demand", "payment.paid", "threat.contacts"] {
      #expect(try #require(dialogue.node(step)).sayTo[.friend] != nil, "'\(step)' has no words for a friend")
    }
  }
}

/// When no pattern matches, a message long enough to tell is guessed from the content's telling words;
/// off-topic text and short replies still get "I didn't understand".
struct GuessTests {
  func turn(_ text: String) throws -> Turn {
    var conversation = Conversation(dialogue: try GoldenConversationTests.shipped.get(), country: "GB")
    return conversation.respond(to: text)
  }

  @Test func aMessageNoPatternMatchesIsGuessedFromItsTellingWords() throws {
    let turn = try turn("specialist firm reviews")
    #expect(turn.node == "scam.recovery")
    #expect(turn.decision.hasPrefix("no pattern matched; a guess: intent 'scam.recovery'"))
    #expect(turn.decision.contains("reviews"))
  }

  @Test func aCrisisIsGuessedOnLessEvidenceAndAlwaysAsksTheWriter() throws {
    let turn = try turn("i keep thinking everyone would cope without me")
    #expect(turn.decision.hasPrefix("no pattern matched; a guess: intent 'crisis.suicide'"))
    #expect(turn.replies.contains { $0.contains("Are you safe right now?") })
  }

  @Test func theExamplesMayGuessFromWordsManyIntentsShare() throws {
    // "feel", "grim" and "honestly" are each used by too many intents to tell one apart.
    let turn = try turn("i feel grim honestly")
    #expect(turn.node == "feelings")
    #expect(turn.decision.hasPrefix("no pattern matched; a guess: intent 'feelings'"))
    #expect(turn.decision.contains("by examples"))
  }

  @Test func wordsManyIntentsShareAreNoEvidenceOfACrisis() throws {
    // With "got", "reckons" and "setting" counted, the crisis words added up to a crisis.
    let turn = try turn("got my snaps saved somehow, reckons hes setting up a page with them")
    #expect(!turn.decision.contains("crisis"))
    #expect(!turn.replies.contains { $0.contains("Are you safe right now?") })
  }

  /// Words of `not_telling` (concepts.yaml) never speak for a guess: "fun", named by a crisis pattern only
  /// inside "it was fun while it lasted", read this goodbye as a crisis until it was listed there (session 22).
  @Test func wordsThatAreNoEvidenceNeverSpeakForAGuess() throws {
    let turn = try turn("its been fun chatting thanks bye")
    #expect(!turn.replies.contains { $0.contains("Are you safe right now?") })
    #expect(!turn.decision.contains("fun"))
  }

  @Test func anAnswerToAreYouSafeIsNotGuessedAsAnotherTopic() throws {
    var conversation = Conversation(dialogue: try GoldenConversationTests.shipped.get(), country: "GB")
    _ = conversation.respond(to: "i cant do this anymore")
    // The examples read "answer" as not replying to the blackmailer; here it is the question not answered.
    let turn = conversation.respond(to: "not gonna answer that")
    #expect(turn.decision.hasPrefix("fallback"))
    #expect(turn.options.contains { $0.contains("No, I'm not safe") })
    #expect(conversation.state.inCrisis)
  }

  @Test func aMessageLikeTheLabelledExamplesIsGuessedAsTheirIntent() throws {
    let turn = try turn("its in some discord server now with my name")
    #expect(turn.node == "posted")
    #expect(turn.decision.hasPrefix("no pattern matched; a guess: intent 'images.posted'"))
    #expect(turn.decision.contains("by examples"))
    // It names the words that spoke for it, each one of the message's (which ones moves as examples are added).
    let named = turn.decision.split(separator: ":").last?.split(separator: ",").map { String($0.drop { $0 == " " }) } ?? []
    #expect(!named.isEmpty)
    #expect(named.allSatisfy { "it is in some discord server now with my name".contains($0) })
  }

  /// Each of these once had a telling word ("fix", "favourite", "knock") and was asked "are you safe?".
  @Test(arguments: [
    "whats the weather like today", "can u do my homework pls", "company reviews", "how do i fix white balance",
    "whats ur favourite colour", "do u know any knock knock jokes",
  ])
  func offTopicOrShortTextIsNotGuessed(_ text: String) throws {
    #expect(try turn(text).node == "not_understood")
  }
}

/// Options speak to whoever is writing, and can be picked by whichever words were shown.
struct RoleLabelTests {
  @Test func aParentSeesTheirOwnOptionsAndPicksThemByTheirWords() throws {
    var conversation = Conversation(dialogue: try GoldenConversationTests.shipped.get(), country: "GB")
    let parent = conversation.respond(to: "my son is being blackmailed")
    #expect(parent.options.contains("What should we save?"))
    #expect(!parent.options.contains("What should I save?"))
    #expect(conversation.respond(to: "what should we save").node == "evidence")
  }

  @Test func aYoungPersonSeesTheFirstPersonLabels() throws {
    var conversation = Conversation(dialogue: try GoldenConversationTests.shipped.get(), country: "GB")
    let turn = conversation.respond(to: "im 14 and he wants 500 or he posts my nudes")
    #expect(turn.options.contains("What should I save?"))
  }
}
