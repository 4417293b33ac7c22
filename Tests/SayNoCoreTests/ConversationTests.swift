import Testing
@testable import SayNoCore

struct ConversationTests {
  let dialogue: Dialogue
  init() throws { dialogue = try Fixture.dialogue() }

  @Test func theGreetingComesFromTheStartNode() {
    var conversation = Conversation(dialogue: dialogue)
    let turn = conversation.start()
    #expect(turn.node == "welcome")
    // Without a country, the one question that finds it follows the first international help given.
    #expect(turn.replies == [
      "Hi. I am a helper program, not a person. If you are in danger, call your local emergency number.",
      "Which country are you in?",
    ])
    #expect(turn.options.count == 2)
    #expect(!conversation.respond(to: "he wants 500").replies.contains("Which country are you in?"))
  }

  @Test func aKnownCountryIsNeverAskedFor() {
    var conversation = Conversation(dialogue: dialogue, country: "GB")
    #expect(!conversation.start().replies.contains("Which country are you in?"))
  }

  @Test func someoneElsesCrisisAsksAboutThemUntilTheyAreSafe() {
    var conversation = Conversation(dialogue: dialogue, country: "GB")
    let crisis = conversation.respond(to: "my friend wants to kill himself")
    #expect(crisis.node == "crisis.other")
    #expect(crisis.handoff)
    let changedSubject = conversation.respond(to: "he wants 500")
    #expect(changedSubject.risk == .high)
    #expect(changedSubject.replies.first == "Is the person you are worried about safe right now? If not, call 999.")
    conversation = Conversation(dialogue: dialogue, country: "GB")
    _ = conversation.respond(to: "my friend wants to kill himself")
    #expect(conversation.respond(to: "yes").node == "safe.other")
    #expect(conversation.respond(to: "he wants 500").risk == .elevated)
  }

  @Test func someoneElseBeingSafeDoesNotEndThePersonsOwnCrisis() {
    var conversation = Conversation(dialogue: dialogue, country: "GB")
    _ = conversation.respond(to: "i want to die")
    _ = conversation.respond(to: "my friend wants to kill himself")
    #expect(conversation.respond(to: "yes").node == "safe.other")
    let next = conversation.respond(to: "he wants 500")
    #expect(next.risk == .high)
    #expect(next.replies.first == "Are you safe right now? If not, call 999.")
  }

  /// Where "are you safe?" was just asked, an answer that keeps asking wins, and a long yes is asked again.
  @Test func anAnswerToAreYouSafeThatIsNotAPlainYesKeepsTheCheck() throws {
    let takenBack = try Fixture.dialogue(replacing: "intents/all.yaml") {
      $0.replacingOccurrences(of: "- \"^ no|nope\"", with: "- \"^ no|nope\"\n    - \"no+i+am+not\"")
    }
    var conversation = Conversation(dialogue: takenBack, country: "GB")
    _ = conversation.respond(to: "i want to die")
    // "yes" and "no" both match; "no" keeps asking, so it wins.
    #expect(takenBack.recognize("yes no im not").matches.count == 2)
    #expect(conversation.respond(to: "yes no im not").node == "crisis")
    let strict = try Fixture.dialogue(replacing: "settings.yaml") {
      $0 + "\nlongest_safe_answer: 3\nunclear_safe_answer: \"no\"\n"
    }
    var longer = Conversation(dialogue: strict, country: "GB")
    _ = longer.respond(to: "i want to die")
    let turn = longer.respond(to: "yes im at home he has a key")
    #expect(turn.node == "crisis")
    #expect(turn.decision.contains("is not a plain yes"))
    #expect(longer.respond(to: "yes").node == "safe")
  }

  @Test func crisisWinsWhateverTheNode() {
    var conversation = Conversation(dialogue: dialogue, country: "GB")
    _ = conversation.respond(to: "he wants 500")
    let turn = conversation.respond(to: "i cant do this anymore")
    #expect(turn.node == "crisis")
    #expect(turn.risk == .high)
    #expect(turn.handoff)
    #expect(turn.replies.contains("In an emergency, call 999."))
    #expect(turn.replies.contains("Samaritans: call 116 123, free, any time."))
  }

  @Test func theCrisisCheckStaysUntilThePersonIsSafe() {
    var conversation = Conversation(dialogue: dialogue, country: "GB")
    _ = conversation.respond(to: "i want to die")
    let changedSubject = conversation.respond(to: "he wants 500")
    #expect(changedSubject.node == "payment.demand")
    #expect(changedSubject.risk == .high)
    #expect(changedSubject.replies.first == "Are you safe right now? If not, call 999.")
    let safe = conversation.respond(to: "im safe now")
    #expect(safe.node == "safe")
    #expect(safe.risk == .none)
    let after = conversation.respond(to: "he wants 500")
    #expect(after.risk == .elevated)
    #expect(after.replies.first == "That sounds frightening. Please don't pay.")
  }

  @Test func aShortAnswerMeansWhatTheNodeExpects() {
    var conversation = Conversation(dialogue: dialogue)
    _ = conversation.respond(to: "he wants 500")
    let turn = conversation.respond(to: "yes")
    #expect(turn.node == "payment.paid")
    #expect(turn.decision.contains("expects intent 'yes'"))
  }

  @Test func aShortReplyOpeningWithTheExpectedAnswerAnswersIt() {
    func reply(_ text: String) -> Turn {
      var conversation = Conversation(dialogue: dialogue, state: SessionState(node: "payment.demand"))
      return conversation.respond(to: text)
    }
    #expect(reply("yes hes threatening me").node == "payment.paid")
    #expect(reply("yes and now hes threatening to post all my pics everywhere").node == "threat")
  }

  @Test func anUnexpectedShortAnswerIsNotUnderstoodAndKeepsThePlace() {
    var conversation = Conversation(dialogue: dialogue)
    _ = conversation.respond(to: "he wants 500")
    let turn = conversation.respond(to: "no")
    #expect(turn.node == "not_understood")
    #expect(turn.options == ["I already paid"])
    #expect(conversation.state.node == "payment.demand")
    #expect(conversation.respond(to: "1").node == "payment.paid")
  }

  @Test func optionsArePickedByNumberOrByTheirWords() {
    var conversation = Conversation(dialogue: dialogue)
    _ = conversation.start()
    #expect(conversation.respond(to: "1").node == "payment.demand")
    #expect(conversation.respond(to: "I already paid").node == "payment.paid")
    #expect(conversation.respond(to: "9").node == "not_understood")
  }

  @Test func anOptionsNumberMayComeWithWordsThatPointAtIt() {
    func reply(_ message: String) -> String {
      var conversation = Conversation(dialogue: dialogue)
      _ = conversation.start()
      return conversation.respond(to: message).node
    }
    for message in ["the 1st one", "number 1", "1 please", "the 1", "the first one", "first one please"] {
      #expect(reply(message) == "payment.demand", "\(message)")
    }
    #expect(reply("1 or 2") != "payment.demand")
    #expect(reply("1 quiz tomorrow") != "payment.demand")
    #expect(reply("first he wanted pics") != "payment.demand")
  }

  @Test func twoConcernsAnswerTheMoreUrgentAndOfferTheOther() {
    var conversation = Conversation(dialogue: dialogue)
    let turn = conversation.respond(to: "he will post my pics and i already paid him 100")
    #expect(turn.node == "payment.paid")
    #expect(turn.options.first == "They threaten to share my pics")
    #expect(turn.replies.last == "You also told me something else. It is in the list below.")
    #expect(conversation.respond(to: "1").node == "threat")
  }

  @Test func negatedPaymentIsNotPaid() {
    var conversation = Conversation(dialogue: dialogue)
    _ = conversation.respond(to: "i didnt pay")
    #expect(conversation.state.learned[.paid] == nil)
    _ = conversation.respond(to: "i already paid")
    #expect(conversation.state.learned[.paid] == "yes")
  }

  @Test func rolesChooseTheirOwnWordsAndAgeChoosesHelplines() {
    var conversation = Conversation(dialogue: dialogue)
    _ = conversation.respond(to: "im 15")
    #expect(conversation.state.ageGroup == "under18")
    conversation = Conversation(dialogue: dialogue, state: {
      var state = SessionState(node: "welcome")
      state.learned[.role] = "parent"
      return state
    }())
    #expect(conversation.respond(to: "he wants 500").replies == ["Help your child not to pay."])
  }

  @Test func anAgeUnder18WinsOverAnAdultRoleFromTheSituation() {
    var state = SessionState(node: "welcome")
    state.learned[.role] = "adult"
    #expect(state.role == .adult)
    state.learned[.age] = "under18"
    #expect(state.role == .young)
    state.learned[.role] = "parent"
    #expect(state.role == .parent)
  }

  @Test func theSameConversationAlwaysGivesTheSameReplies() {
    let messages = ["hi", "he wants 500 or he posts my nudes", "yes", "i want to die", "im safe", "2", "quit"]
    func run() -> [Turn] {
      var conversation = Conversation(dialogue: dialogue, country: "GB")
      return messages.map { conversation.respond(to: $0) }
    }
    #expect(run() == run())
  }

  @Test func quitEndsTheConversation() {
    var conversation = Conversation(dialogue: dialogue)
    #expect(conversation.respond(to: "quit").ends)
  }

  /// A goodbye while someone may not be safe ("gn" can be one) leaves the conversation open.
  @Test func quitInACrisisDoesNotEndTheConversation() {
    var conversation = Conversation(dialogue: dialogue)
    _ = conversation.respond(to: "i want to die")
    _ = conversation.respond(to: "he wants 500 or he posts my nudes")
    let goodbye = conversation.respond(to: "quit")
    #expect(!goodbye.ends)
    #expect(goodbye.risk == .high)
  }

  @Test func unreadableAndTooLongGetSafeReplies() {
    var conversation = Conversation(dialogue: dialogue)
    #expect(conversation.respondToUnreadable().replies == ["Sorry, I could not read that."])
    #expect(conversation.respondToTooLong().replies == ["That is too long for me. Could you say it in a few words?"])
  }
}
