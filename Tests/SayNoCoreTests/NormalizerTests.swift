import Testing
@testable import SayNoCore

struct NormalizerTests {
  let dialogue: Dialogue
  init() throws { dialogue = try Fixture.dialogue() }

  func words(_ text: String) -> [String] { dialogue.recognize(text).normalized.words }

  @Test func caseApostrophesAndPunctuation() {
    #expect(words("He DIDN'T pay!!! ok?") == ["he", "didnt", "pay", "ok"])
    #expect(words("don\u{2019}t") == ["dont"])
  }

  /// Plain ASCII text takes a faster path; a non-ASCII letter at the end sends the same text down the
  /// general one, and both must split it alike.
  @Test(arguments: [
    "He DIDN'T pay!!! ok? he wants $500,or 2,000 by 10pm (tonight).", "14yo; did`nt `quoted` \"words\"\nnew line: 2k",
    "a,b 1,2, ,3 ...", "", "my son (14) sent (him) (1234) 5) (6", "(12)",
  ])
  func asciiAndUnicodeTextSplitAlike(_ text: String) {
    let general = Normalizer.tokenize(text + " \u{E9}")
    #expect(general.last?.word == "e")
    let ascii = Normalizer.tokenize(text)
    #expect(ascii.map(\.word) == general.dropLast().map(\.word))
    #expect(ascii.map(\.clause) == general.dropLast().map(\.clause))
  }

  @Test func accentsAreFolded() {
    #expect(words("Ça va, naïve café") == ["ca", "va", "naive", "cafe"])
  }

  @Test func textingSpellingsExpand() {
    #expect(words("idk what u want pls") == ["i", "dont", "know", "what", "you", "want", "please"])
  }

  @Test func aSayingWinsOverTheWordsInItWithinOneClause() {
    let text = dialogue.recognize("not atm, i used a bitcoin ATM").normalized
    #expect(text.words == ["not", "right", "now", "i", "used", "a", "bitcoin", "machine"])
    #expect(text.corrections.contains(Correction(from: "bitcoin atm", to: "bitcoin machine", kind: .texting)))
    #expect(words("bitcoin, atm") == ["bitcoin", "right", "now"])
  }

  /// "2morow" is read as the saying "2 morow"; its second word must not be taken for a typo first.
  @Test func aSayingThatStartsWithANumberIsNotCorrectedAway() {
    let normalizer = Normalizer(
      texting: ["2 morow": ["tomorrow"]], spelling: SpellChecker(vocabulary: ["moron", "go"], knownWords: []))
    #expect(normalizer.normalize("go 2morow").words == ["go", "tomorrow"])
    #expect(normalizer.normalize("go morun").words == ["go", "moron"])  // a typo elsewhere is still fixed
  }

  @Test func amountsInThousandsAndNumbersStuckToWords() {
    #expect(words("2k or 15yo") == ["2000", "or", "15", "yo"])
    #expect(words("he wants 2,000, now") == ["he", "wants", "2000", "now"])
    #expect(words("1,3") == ["1", "3"])  // two options, not age 13
    #expect(words("1,500,000 or 2,50") == ["1500000", "or", "2", "50"])
  }

  @Test func repeatedLettersAreCut() {
    #expect(words("pleeease noooo") == ["please", "no"])
  }

  @Test func typosAreCorrectedAgainstTheContentsOwnWords() {
    let text = dialogue.recognize("he will pots my pictrues").normalized
    #expect(text.words == ["he", "will", "pots", "my", "pictures"])  // "pots" is too short to correct
    #expect(text.corrections.contains(Correction(from: "pictrues", to: "pictures", kind: .typo)))
    #expect(words("nuddes") == ["nudes"])
    #expect(words("photso") == ["photos"])
  }

  @Test func numbersSplitFromUnits() {
    #expect(words("im 14yo and he wants 500$") == ["i", "am", "14", "yo", "and", "he", "wants", "500", "$"])
  }

  /// Rand and rupees are written before the amount ("R1500", "rs500"); the amount must stand alone
  /// for `#`. One digit after letters is a word of its own ("b4", "ps4"), in both tokenisers.
  @Test(arguments: ["", " \u{e9}"])
  func anAmountAfterACurrencyLetterStandsAlone(ending: String) {
    #expect(words("wants rs500 or zar1500 not b4 ps4" + ending).prefix(8) == ["wants", "rs", "500", "or", "zar", "1500", "not", "b4"])
    #expect(words("ps4 abcd1500" + ending).prefix(2) == ["ps4", "abcd1500"])
  }

  @Test func clausesBreakAtPunctuationAndBut() {
    let text = dialogue.recognize("i didnt pay, he posted but i").normalized
    #expect(text.clauses == [0, 0, 0, 1, 1, 2, 2])
  }

  /// An age or amount in brackets is said in passing ("my son (14) sent"); other brackets still break.
  @Test func aNumberInBracketsDoesNotBreakTheClause() {
    #expect(Normalizer.tokenize("my son (14) sent").map(\.clause) == [0, 0, 0, 0])
    #expect(Normalizer.tokenize("he said (jokingly) no").map(\.clause) == [0, 0, 1, 2])
    #expect(Normalizer.tokenize("(1234) x (12").map(\.clause) == [0, 1, 2])
  }

  @Test func controlAndZeroWidthCharactersSeparateWords() {
    #expect(words("pay\u{0}me\u{200B}now\u{1B}[31m") == ["pay", "me", "now", "31", "m"])
    #expect(words("") == [])
    #expect(words("   \t ") == [])
  }

  @Test func emojiStandAsWords() {
    #expect(words("help 😭😭") == ["help", "😭", "😭"])
  }
}
