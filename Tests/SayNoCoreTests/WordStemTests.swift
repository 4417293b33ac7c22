import Testing
@testable import SayNoCore

struct WordStemTests {
  @Test(arguments: [
    ("threatening", "threatens"), ("cutting", "cut"), ("posts", "post"), ("telling", "tell"),
    ("nudes", "nude"), ("sending", "sends"), ("evenings", "evening"),
  ])
  func formsOfOneWordMeet(_ a: String, _ b: String) {
    #expect(WordStem.of(a) == WordStem.of(b))
  }

  @Test(arguments: [
    ("posted", "post"), ("deleted", "delete"), ("is", "i"), ("being", "be"), ("going", "go"), ("miss", "mis"),
    ("here", "her"), ("made", "mad"), ("came", "cam"), ("evening", "even"), ("wedding", "wed"),
  ])
  func thePastAndShortWordsStayApart(_ a: String, _ b: String) {
    #expect(WordStem.of(a) != WordStem.of(b))
  }

  @Test func aPatternWordFindsItsOtherForms() throws {
    let dialogue = try Fixture.dialogue()
    #expect(dialogue.recognize("hes wanting 500 now").matches.map(\.intent).contains("payment.demand"))
    #expect(!dialogue.recognize("he wanted 500 last week").matches.map(\.intent).contains("payment.demand"))
  }
}
