import Testing
@testable import SayNoCore

struct RecognizerTests {
  let dialogue: Dialogue
  init() throws { dialogue = try Fixture.dialogue() }

  func intents(_ text: String) -> [String] { dialogue.recognize(text).matches.map(\.intent) }

  @Test func termsMatchInOrderWithGaps() {
    #expect(intents("if i dont pay him he will post all my pics").contains("threat.post"))
    #expect(!intents("my pics he will post").contains("threat.post"))
  }

  /// Whether a message is crisis.suicide once the fixture has one more crisis pattern.
  func crisisTest(withPattern pattern: String) throws -> (String) -> Bool {
    let dialogue = try Fixture.dialogue(replacing: "intents/all.yaml") {
      $0.replacingOccurrences(of: "    - \"want to die\"\n", with: "    - \"\(pattern)\"\n    - \"want to die\"\n")
    }
    return { text in dialogue.recognize(text).matches.contains { $0.intent == "crisis.suicide" } }
  }

  @Test func wordsJoinedByPlusMustBeNextToEachOther() throws {
    let isCrisis = try crisisTest(withPattern: "end+it+all|kill+myself $")
    #expect(isCrisis("i want to end it all"))
    #expect(isCrisis("gonna kill myself"))
    #expect(!isCrisis("i want to end it with him once and for all"))
    #expect(!isCrisis("end it all tonight"))  // "$": the phrase must end the message
    #expect(!isCrisis("i would never end it all"))  // negation still applies to a phrase
  }

  /// "$" also matches before closing words of `trailing` ("tbh"), and still only there.
  @Test func theEndOfAMessageComesBeforeItsClosingWords() throws {
    let isCrisis = try crisisTest(withPattern: "end+it+all $")
    #expect(isCrisis("i want to end it all"))
    #expect(isCrisis("i want to end it all tbh"))
    #expect(!isCrisis("i want to end it all tbh with him"))
    #expect(!isCrisis("end it all tonight tbh"))
  }

  @Test func joinedWordsStayInOneSentence() throws {
    let isCrisis = try crisisTest(withPattern: "end+it")
    #expect(isCrisis("i just want to end it"))
    #expect(!isCrisis("i want him to stop so it will end. it has been going on for weeks"))
  }

  /// A message tries a phrase by its rarest word ("tracks"), not its first ("my"), and still needs
  /// every word, next to each other and in order.
  @Test func aLongPhraseIsFoundByAnyOfItsWords() throws {
    let isCrisis = try crisisTest(withPattern: "(my|our)+(friend|mate)+(keeps|kept)+(walking|going)+to+the+(tracks|bridge)")
    #expect(isCrisis("idk wat to do my mate keeps going to the tracks at night"))
    #expect(isCrisis("our friend kept walking to the bridge"))
    #expect(!isCrisis("the tracks r where my mate keeps going to"))
    #expect(!isCrisis("my mate keeps on going to the tracks"))
  }

  /// "..0" to "..3" limit the words between two terms, across sentences; "..." and a space do not.
  @Test func theWordsBetweenTermsMayBeLimited() throws {
    let isCrisis = try crisisTest(withPattern: "^ sorry ..0 mum ..1 bye $")
    #expect(isCrisis("sorry mum. bye"))
    #expect(isCrisis("sorry mum, ok bye"))
    #expect(!isCrisis("sorry mum is calling bye"))
    #expect(!isCrisis("sorry my mum. bye"))
    let anyGap = try crisisTest(withPattern: "^ sorry ... mum bye $")
    #expect(anyGap("sorry my mum is calling bye"))
  }

  /// A limited gap is not spoilt by an earlier place of the term before it: the first "sorry" and the
  /// first "so" are too far from what must follow them, later ones are not.
  @Test func aLimitedGapLooksPastAnEarlierPlaceOfTheTermBefore() throws {
    let isCrisis = try crisisTest(withPattern: "i ..1 want ..2 vanish")
    #expect(isCrisis("i am so tired of all of it and i just want to vanish"))
    #expect(isCrisis("i said no to him, i really want to vanish"))
    #expect(!isCrisis("i want him to stop so i can vanish"))
    let chained = try crisisTest(withPattern: "sorry ..0 mum ... so ..0 tired")
    #expect(chained("sorry i know, sorry mum, i was so sad and so tired"))
    #expect(!chained("sorry i know, sorry dad, i was so sad and so tired"))
  }

  @Test func aJoinedPhraseMayHoldANumber() throws {
    let isCrisis = try crisisTest(withPattern: "took+#|#+pills")
    #expect(isCrisis("i took 20 of them"))
    #expect(isCrisis("swallowed 12 pills"))
    #expect(!isCrisis("i took the pills back to the shop"))
    #expect(!isCrisis("twelve pills"))
    #expect(!isCrisis("took"))
  }

  @Test func anAlternativeTheTextingMapExpandsIsMatchedAsAPhrase() throws {
    let isCrisis = try crisisTest(withPattern: "im|ur done")
    #expect(isCrisis("im done"))
    #expect(isCrisis("honestly i am so done"))
    #expect(!isCrisis("i done it"))
  }

  @Test func negationBlocksATerm() {
    #expect(!intents("i didnt pay").contains("payment.paid"))
    #expect(!intents("i never sent money").contains("payment.paid"))
    #expect(intents("i already paid").contains("payment.paid"))
  }

  /// A negation anywhere in a pattern's own phrase does not negate the pattern's later words ("it+wont+matter
  /// ..1 after+tonight"); one the pattern did not match still does.
  @Test func aNegationInsideAPhraseDoesNotNegateItsOwnLaterWords() throws {
    let isCrisis = try crisisTest(withPattern: "it+never+stops ..3 tonight")
    #expect(isCrisis("it never stops tonight"))
    #expect(!isCrisis("it never stops but not tonight"))
  }

  /// A small number that counts pics is no amount: "#" matches "sent 50" and "sent 500 pics get deleted" but
  /// not "sent 3 pics" or "sent 2 more pics", alone or inside a phrase.
  @Test func aNumberThatCountsPicsIsNoAmount() throws {
    for pattern in ["sent ..1 # ... wants more", "sent+# ... wants more"] {
      let isCrisis = try crisisTest(withPattern: pattern)
      #expect(isCrisis("i sent 50 and now he wants more"), "\(pattern)")
      #expect(!isCrisis("i sent 3 pics and now he wants more"), "\(pattern)")
      #expect(!isCrisis("i sent 2 more pics and now he wants more"), "\(pattern)")
      #expect(isCrisis("i sent 500 pics get deleted and now he wants more"), "\(pattern)")  // an amount
    }
  }

  @Test func negationStopsAtAClauseBreak() {
    #expect(intents("never, i paid him").contains("payment.paid"))
    #expect(!intents("never i paid him").contains("payment.paid"))
  }

  /// A "no" that answers the last question and goes on is not a negation of what follows: after
  /// "I'm glad you're safe", "no i want to die" is a crisis.
  @Test func anOpeningNoAnswersAndDoesNotNegate() {
    #expect(intents("no i want to die").contains("crisis.suicide"))
    #expect(!intents("i dont want to die").contains("crisis.suicide"))
    #expect(intents("no i paid him").contains("payment.paid"))
    #expect(!intents("no i didnt pay").contains("payment.paid"))
  }

  @Test func crisisIsRankedFirst() {
    #expect(intents("he wants 500 and i want to die").first == "crisis.suicide")
  }

  @Test func conceptGroupsAreCaptured() throws {
    let match = try #require(dialogue.recognize("im 15").match("about.age"))
    #expect(match.groups == ["age": "under18"])
  }

  @Test func anchorsHoldTheStartAndEnd() {
    #expect(intents("quit") == ["quit"])
    #expect(!intents("i quit school").contains("quit"))
    #expect(intents("yes").contains("yes"))
    #expect(!intents("he said yes").contains("yes"))
  }

  @Test func prefixesAndNumbers() {
    #expect(intents("hes threatening me").contains("threat.post"))
    #expect(intents("he wants 300").contains("payment.demand"))
    #expect(!intents("he wants more").contains("payment.demand"))
  }

  @Test func theWinningPatternIsReported() throws {
    let match = try #require(dialogue.recognize("he wants 500 or he posts my nudes").match("payment.demand"))
    #expect(["wants #", "@pay ... or ... @post"].contains(match.pattern))
    #expect(match.patternLocation.file == "intents/all.yaml")
  }

  @Test func hugeMessagesAreHandled() {
    let long = String(repeating: "blah ", count: 20_000) + "i want to die"
    #expect(intents(long).first == "crisis.suicide")
  }
}
