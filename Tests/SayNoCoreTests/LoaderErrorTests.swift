import Testing
@testable import SayNoCore

/// One broken fixture for each kind of content mistake; each must be reported at its file and line.
struct LoaderErrorTests {
  func errors(_ files: [ContentFile]) -> [ContentError] {
    do {
      _ = try Dialogue(files: files)
      return []
    } catch {
      return error.errors
    }
  }

  /// The fixture with one change in one file; the change must still find its text there.
  func files(in path: String, replacing old: String, with new: String) -> [ContentFile] {
    let original = Fixture.files.first { $0.path == path }?.text ?? ""
    #expect(original.contains(old), "the fixture no longer contains '\(old)'")
    return Fixture.files(replacing: path, with: original.replacingOccurrences(of: old, with: new))
  }

  func errors(in path: String, replacing old: String, with new: String) -> [ContentError] {
    errors(files(in: path, replacing: old, with: new))
  }

  @Test func theFixtureIsValid() {
    #expect(errors(Fixture.files) == [])
  }

  @Test func yamlSyntaxErrorsSayWhere() throws {
    let found = errors(Fixture.files(replacing: "nodes/all.yaml", with: "- node: a\n  say: [unclosed\n"))
    let first = try #require(found.first { $0.file == "nodes/all.yaml" })
    #expect(first.file == "nodes/all.yaml")
    #expect(first.line >= 2)
    #expect(first.message.hasPrefix("YAML syntax"))
  }

  @Test func theOwnCrisisMustBeACrisisIntent() {
    let ownWords = "\nwriters_own_words: [i, me, my]\nreporting_words: [said, told]\n"
    let found = errors(Fixture.files(replacing: "settings.yaml", with: Fixture.settings + "\nown_crisis: quit" + ownWords))
    #expect(found.contains { $0.file == "settings.yaml" && $0.message.contains("'own_crisis' must name a crisis intent, not 'quit'") })
    #expect(errors(Fixture.files(replacing: "settings.yaml", with: Fixture.settings + "\nown_crisis: crisis.suicide" + ownWords)) == [])
  }

  @Test func theLongestSafeAnswerComesWithTheIntentThatAsksAgain() {
    let settings = Fixture.settings + "\nlongest_safe_answer: 9\n"
    let found = errors(Fixture.files(replacing: "settings.yaml", with: settings))
    #expect(found.contains { $0.file == "settings.yaml" && $0.message.contains("give both") })
    let unknown = errors(Fixture.files(replacing: "settings.yaml", with: settings + "unclear_safe_answer: hedgee\n"))
    #expect(unknown.contains { $0.message.contains("unknown intent 'hedgee'") })
  }

  @Test func anAnchorStandsAloneNotInsideATerm() {
    for pattern in ["want+to+die $|forever", "want to die|$", "^|i want to die"] {
      let found = errors(in: "intents/all.yaml", replacing: "- \"want to die\"", with: "- \"\(pattern)\"")
      #expect(found.contains { $0.message.contains("puts '^' or '$' inside a term") && $0.line > 1 }, "\(pattern)")
    }
  }

  @Test func aGapOfMoreThanThreeWordsIsAnError() {
    for pattern in ["want ..4 die", "want ..10 die", "want .. die"] {
      let found = errors(in: "intents/all.yaml", replacing: "- \"want to die\"", with: "- \"\(pattern)\"")
      #expect(found.contains { $0.message.contains("a gap is at most '..3' words") && $0.line > 1 }, "\(pattern)")
    }
    #expect(errors(in: "intents/all.yaml", replacing: "- \"want to die\"", with: "- \"want ..3 die\"").isEmpty)
  }

  @Test func aJoinedPhraseHoldsOnlyWholeWords() {
    let found = errors(in: "intents/all.yaml", replacing: "- \"want to die\"", with: "- \"want+to*|wanna die\"")
    #expect(found.contains { $0.message.contains("joins words with '+'") && $0.file == "intents/all.yaml" })
    // A stray '+' or a symbol would otherwise vanish and leave a shorter phrase: "sent+%" matching "sent".
    for joined in ["sent+% die", "want++to die", "want+to+ die"] {
      let broken = errors(in: "intents/all.yaml", replacing: "- \"want to die\"", with: "- \"\(joined)\"")
      #expect(broken.contains { $0.file == "intents/all.yaml" && ($0.message.contains("'+'") || $0.message.contains("no letters")) }, "\(joined)")
    }
  }

  /// "(i|we)+(want|wanna)+to+die" stands for every combination; a concept joins in with its phrases.
  @Test func bracketsAndConceptsInAJoinedPhraseStandForEveryCombination() throws {
    let dialogue = try Dialogue(
      files: files(in: "intents/all.yaml", replacing: "- \"want to die\"", with: "- \"(i|we)+(really|just)+want+to+die\"\n    - \"@pay+(him|her)\"\n    - \"my+(#+year+old|kid+sister)+wants\""),
      checkingSamples: false)
    #expect(dialogue.recognize("we really want to die").match("crisis.suicide") != nil)
    #expect(dialogue.recognize("i just want to die").match("crisis.suicide") != nil)
    #expect(dialogue.recognize("i really do want to die").match("crisis.suicide")?.pattern != "(i|we)+(really|just)+want+to+die")
    #expect(dialogue.recognize("i will send him the money").match("crisis.suicide") == nil)
    #expect(dialogue.recognize("should i pay her now or send money him").match("crisis.suicide")?.pattern == "@pay+(him|her)")
    #expect(dialogue.recognize("my 15 year old wants it").match("crisis.suicide")?.pattern == "my+(#+year+old|kid+sister)+wants")
    #expect(dialogue.recognize("my kid sister wants it").match("crisis.suicide") != nil)
    #expect(dialogue.recognize("my year old wants it").match("crisis.suicide") == nil)
  }

  @Test func bracketsThatDoNotPairUpOrTwoGroupedConceptsInAJoinedPhraseAreErrors() {
    for (pattern, problem) in [
      ("(i|we+want+to+die", "do not pair up"), ("i|we)+want+to+die", "do not pair up"),
      ("((i|we))+want", "do not pair up"), ("i+w(an)t+to+die", "inside a word"), ("@age+or+@age", "two concepts with groups"),
      ("(@age|young)+year+old", "in only some of its phrases"),
      ("@nobody+here", "unknown concept"), ("()+want+to+die", "no letters"), ("(i|we+)+want", "no letters"),
    ] {
      let found = errors(in: "intents/all.yaml", replacing: "- \"want to die\"", with: "- \"\(pattern)\"")
      #expect(found.contains { $0.message.contains(problem) && $0.file == "intents/all.yaml" }, "\(pattern)")
    }
  }

  /// A concept with groups joined to words ("i+am+@age") leaves no gap before the age, and what it
  /// matched is learnt as when it stands alone: "i am sending him 50" is not an age.
  @Test func aGroupedConceptInAJoinedPhraseIsLearnt() throws {
    let dialogue = try Dialogue(
      files: files(in: "intents/all.yaml", replacing: "- \"i am @age\"", with: "- \"(i+am|im)+@age\""), checkingSamples: false)
    #expect(dialogue.recognize("i am 14").match("about.age")?.groups == ["age": "under18"])
    #expect(dialogue.recognize("ok so i am 25 now").match("about.age")?.groups == ["age": "adult"])
    #expect(dialogue.recognize("i am sending him 25").match("about.age") == nil)
    let gapped = try Dialogue(files: Fixture.files, checkingSamples: false)
    #expect(gapped.recognize("i am sending him 25").match("about.age") != nil)
  }

  @Test func anIntentWithoutGotoMustBeExpectedSomewhere() {
    let found = errors(in: "intents/all.yaml", replacing: "- intent: quit\n  tier: general\n  goto: goodbye", with: "- intent: quit\n  tier: general")
    #expect(found.contains { $0.message == "intent 'quit' has no 'goto', no 'set:' and no node's 'on:' expects it; add 'goto: <node>'" })
  }

  @Test func theHelperLeavesSamplesToCheckButNotTheGuards() {
    let badSample = files(in: "intents/all.yaml", replacing: "- \"i just want to die\"", with: "- \"the weather is nice\"")
    #expect(throws: ContentErrors.self) { try Dialogue(files: badSample) }
    #expect((try? Dialogue(files: badSample, checkingSamples: false)) != nil)
    let unsafeReply = files(in: "nodes/all.yaml", replacing: "\"Take care.\"", with: "\"Just pay him.\"")
    #expect(throws: ContentErrors.self) { try Dialogue(files: unsafeReply, checkingSamples: false) }
  }

  @Test func unknownNode() {
    let found = errors(in: "nodes/all.yaml", replacing: "goto: payment.paid\n  on:", with: "goto: payment.payd\n  on:")
    #expect(found.contains { $0.message.contains("unknown node 'payment.payd'; did you mean 'payment.paid'?") && $0.file == "nodes/all.yaml" })
  }

  @Test func unknownIntentInOn() {
    let found = errors(in: "nodes/all.yaml", replacing: "\"yes\": payment.paid", with: "\"yess\": payment.paid")
    #expect(found.contains { $0.message == "node 'payment.demand' expects unknown intent 'yess'; did you mean 'yes'?" })
  }

  @Test func duplicateIds() {
    let found = errors(in: "nodes/all.yaml", replacing: "- node: threat", with: "- node: payment.paid")
    #expect(found.contains { $0.message.hasPrefix("duplicate node id 'payment.paid' (first at nodes/all.yaml:") })
  }

  @Test func unreachableNode() {
    let nodes = (Fixture.files.first { $0.path == "nodes/all.yaml" }?.text ?? "") + "\n- node: orphan\n  end: true\n  say: [hi]\n"
    let found = errors(Fixture.files(replacing: "nodes/all.yaml", with: nodes))
    #expect(found.contains { $0.message.hasPrefix("node 'orphan' is never reached") })
  }

  @Test func checksWaitUntilEveryFileReads() {
    // A broken texting map must not come back as every sample that uses it.
    let found = errors(in: "texting.yaml", replacing: "pls: please", with: "pls: please\npls: please")
    #expect(found.count == 1)
    #expect(found.first?.message.hasPrefix("YAML syntax") == true)
  }

  @Test func nodeWithNoWayOnward() {
    let found = errors(in: "nodes/all.yaml", replacing: "  end: true\n  say:\n    - \"Take care.\"", with: "  say:\n    - \"Take care.\"")
    #expect(found.contains { $0.message.hasPrefix("node 'goodbye' has no way onward") })
  }

  @Test func intentWithNoPattern() {
    let found = errors(in: "intents/all.yaml", replacing: "  patterns:\n    - \"i am safe\"\n", with: "")
    #expect(found.contains { $0.message.hasPrefix("intent 'safe' has no pattern") })
  }

  @Test func sampleThatDoesNotReachItsIntent() throws {
    let found = errors(in: "intents/all.yaml", replacing: "- \"hes threatening me\"", with: "- \"he is being mean\"")
    let error = try #require(found.first { $0.message.contains("'he is being mean' is not recognised as intent 'threat.post'") })
    #expect(error.file == "intents/all.yaml")
    #expect(error.line > 1)
  }

  @Test func counterSampleThatMatches() {
    let found = errors(in: "intents/all.yaml", replacing: "- \"i didnt pay\"", with: "- \"i paid\"")
    #expect(found.contains { $0.message.contains("'i paid' is listed under 'not' but is recognised as intent 'payment.paid'") })
  }

  @Test func helplineWithoutSource() {
    let found = errors(in: "helplines/GB.yaml", replacing: "    source: https://example.org/gb-6\n", with: "")
    #expect(found.contains { $0.message.hasPrefix("helpline 'GB-6' has no 'source'") })
  }

  @Test func unverifiedHelplineIsRefused() {
    let found = errors(in: "helplines/GB.yaml", replacing: "status: VERIFIED\n", with: "status: UNVERIFIED\n")
    #expect(found.contains { $0.message.contains("UNVERIFIED and must never be shown") })
  }

  @Test func unknownConceptAndBadPattern() {
    let found = errors(in: "intents/all.yaml", replacing: "\"threat*\"", with: "\"@imagez ...\"")
    #expect(found.contains { $0.message == "pattern '@imagez ...': unknown concept '@imagez'; did you mean '@images'?" })
  }

  @Test func unknownFieldSuggestsTheRightOne() {
    let found = errors(in: "nodes/all.yaml", replacing: "  topic: payment", with: "  topc: payment")
    #expect(found.contains { $0.message.hasPrefix("unknown field 'topc' in node 'payment.demand'; did you mean 'topic'?") })
  }

  @Test func unknownPlaceholder() {
    let found = errors(in: "nodes/all.yaml", replacing: "call {emergency}.\"", with: "call {emergncy}.\"")
    #expect(found.contains { $0.message.hasPrefix("unknown placeholder '{emergncy}'") })
  }

  @Test func everyProblemIsListedAtOnce() {
    var files = Fixture.files(replacing: "helplines/GB.yaml", with: Fixture.gb.replacingOccurrences(of: "    source: https://example.org/gb-6\n", with: ""))
    files = files.map {
      $0.path == "nodes/all.yaml" ? ContentFile(path: $0.path, text: $0.text.replacingOccurrences(of: "  topic: payment", with: "  topc: payment")) : $0
    }
    let found = errors(files)
    #expect(found.count >= 2)
    #expect(found.allSatisfy { $0.description.contains(": error: ") })
  }

  @Test func theWritersOwnWordsComeWithOwnCrisisAndAreSingleWords() {
    let withoutWords = errors(in: "settings.yaml", replacing: "fallback:", with: "own_crisis: crisis.suicide\nfallback:")
    #expect(withoutWords.map(\.message) == [
      "'own_crisis' decides whose a crisis is by the writer's own words; give them with 'writers_own_words: [i, me, my, myself, mine]' and 'reporting_words: [said, texted, told]'"
    ])
    let withWords = errors(
      in: "settings.yaml", replacing: "fallback:",
      with: "own_crisis: crisis.suicide\nwriters_own_words: [i, me, my]\nreporting_words: [said, told me]\nfallback:")
    #expect(withWords.map(\.message) == [
      "'reporting_words' holds single words, like 'reporting_words: [said, texted, told]'; 'told me' is not one word"
    ])
    #expect(withWords.allSatisfy { $0.file == "settings.yaml" && $0.line == 4 })
  }

  @Test func aLimitOnTheWordsBetweenStandsBetweenTwoTerms() {
    for pattern in ["^ ..0 bye", "bye ..1", "bye ..2 $"] {
      let found = errors(in: "intents/all.yaml", replacing: "    - \"want to die\"\n", with: "    - \"\(pattern)\"\n    - \"want to die\"\n")
      #expect(found.count == 1 && found[0].message.contains("stands between two terms"), "\(pattern): \(found)")
    }
    #expect(errors(in: "intents/all.yaml", replacing: "    - \"want to die\"\n", with: "    - \"sorry ..0 bye $\"\n    - \"want to die\"\n") == [])
  }

  @Test func missingSettings() {
    let found = errors(Fixture.files.filter { $0.path != "settings.yaml" })
    #expect(found.contains { $0.file == "settings.yaml" && $0.message.hasPrefix("settings.yaml is missing") })
  }

  @Test func aReplyMayGiveOnlyTheDirectorysNumbersAndAddresses() {
    let listed = errors(in: "nodes/all.yaml", replacing: "\"Take care.\"", with: "\"Take care. Samaritans are on 116 123 and findahelpline.com.\"")
    #expect(listed == [])
    let unlisted = errors(
      in: "nodes/all.yaml", replacing: "\"Take care.\"", with: "\"Take care. Call 0800-555 123, or see www.gethelp-now.org/chat.\"")
    #expect(unlisted.map(\.message) == [
      "node 'goodbye' gives '0800-555 123', which is not in helplines/; write a placeholder such as {support} or {crisis} instead",
      "node 'goodbye' gives 'www.gethelp-now.org/chat', which is not in helplines/; write a placeholder such as {support} or {crisis} instead",
    ])
    #expect(unlisted.allSatisfy { $0.file == "nodes/all.yaml" })
  }

  @Test func ageAndSmallNumbersAreNotContacts() {
    #expect(DialogueChecks.contacts(in: "If you're under 18, or 19, say so. e.g. in 2 or 3 days.").isEmpty)
  }

  @Test func aReplyThatEncouragesPayingBlamesOrDeletesIsRefused() {
    for (bad, kind) in [
      ("You could just pay and hope.", "payment"), ("Why did you send it?", "blame"),
      ("Delete the chat now.", "deleting"), ("Go and confront him.", "confronting"),
    ] {
      let found = errors(in: "nodes/all.yaml", replacing: "\"Take care.\"", with: "\"\(bad)\"")
      #expect(found.contains { $0.message.hasPrefix("node 'goodbye' says") && $0.message.contains("(guards.yaml, \(kind))") }, "\(bad)")
    }
    // The same phrase as advice against it passes.
    #expect(errors(in: "nodes/all.yaml", replacing: "\"Take care.\"", with: "\"Please don't just pay, and never delete the chat.\"") == [])
  }

  @Test func theGuardsTestThemselves() {
    let missed = errors(in: "guards.yaml", replacing: "  - \"Why did you send them?\"", with: "  - \"You silly thing.\"")
    #expect(missed.contains { $0.message.hasPrefix("'You silly thing.' is listed under 'catches' but no phrase") })
    let wronglyCaught = errors(in: "guards.yaml", replacing: "  - \"Please don't just pay.\"", with: "  - \"Just pay.\"")
    #expect(wronglyCaught.contains { $0.message.hasPrefix("'Just pay.' is listed under 'passes' but phrase 'just pay'") })
  }

  @Test func aVictimsReplyAboveTheReadingGradeIsRefused() {
    let hard = "Notwithstanding considerable institutional responsibilities, investigative authorities systematically prioritise comprehensive documentation."
    let found = errors(in: "nodes/all.yaml", replacing: "\"Take care.\"", with: "\"\(hard)\"")
    #expect(found.contains { $0.message.hasPrefix("node 'goodbye' (everyone) reads at grade") })
  }

  @Test func readingGradesFollowFleschKincaid() {
    #expect(ContentGuards.syllableCount("cat") == 1)
    #expect(ContentGuards.syllableCount("people") == 2)
    #expect(ContentGuards.syllableCount("evidence") == 3)
    #expect(ContentGuards.syllableCount("make") == 1)
    // "The cat sat on the mat." has 6 words and 6 syllables: 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45.
    #expect(abs(ContentGuards.grade("The cat sat on the mat.") - -1.45) < 0.01)
  }

  @Test func roleWordsMustNameARoleAndOneLine() {
    let option = "- label: \"Someone wants money\"\n      goto: payment.demand"
    let unknownRole = errors(
      in: "nodes/all.yaml", replacing: option,
      with: "- label: \"Someone wants money\"\n      label_to: {teacher: \"Money\"}\n      goto: payment.demand")
    #expect(unknownRole.contains { $0.message.hasPrefix("label_to: 'teacher' must be one of: young, friend, parent, adult") })
    let notAMap = errors(
      in: "nodes/all.yaml", replacing: option,
      with: "- label: \"Someone wants money\"\n      label_to: \"Money\"\n      goto: payment.demand")
    #expect(notAMap.contains { $0.message.hasPrefix("'label_to' must map a role to one line") })
  }
}
