/// Recognises the intents in one message, out of any context.
struct Recognizer: Sendable {
  let normalizer: Normalizer
  let phrases: PhraseIndex
  private let intents: [Intent]
  private let conceptNames: [String]
  /// Every pattern of every intent, flat, and where each intent's patterns are.
  private let patterns: [Pattern]
  private let patternRanges: [Range<Int>]
  /// The patterns that can only match when a message holds this word, by the words of their rarest
  /// term ("#" for a number); a message tries only those, and the few in `alwaysTried`.
  private let triggers: [String: [Int]]
  private let alwaysTried: [Int]
  /// For the last resort, when no pattern matched: each word the content uses to recognise an intent,
  /// with the intents that use it and how telling it is (1 for a word only one intent uses).
  private let keywords: [String: [(intent: Int, weight: Double, telling: Bool)]]
  /// When the telling words are not enough: the intent whose labelled examples the message resembles.
  private let model: IntentModel
  /// A second opinion from the same examples, sure enough of itself to overrule a pattern.
  private let classifier: ExampleClassifier
  /// The stems of words that keep a message from being read as about nothing (concept `never_small_talk`).
  private let neverSmallTalk: Set<String>
  /// The stems of words by which money may not have gone yet (concepts `negation` and `almost`).
  private let notGoneYet: Set<String>
  /// The stems of the words that say money went (concept `paying`).
  private let payingWords: Set<String>
  /// The stems of the words that name money: every word of the concept `money` ("gift", "card", "cash"…)
  /// and the one-word phrases of `pay` and `paid`, not their "sent him", "the" or "on".
  private let moneyWords: Set<String>
  /// A guess needs this much evidence: one telling word and a little more, or several shared ones.
  static let guessThreshold = 1.5
  /// A crisis needs less: one telling crisis word in a message nothing else understood is enough to
  /// ask whether the person is safe. On 160 oblique crisis messages and near-misses written for this,
  /// it found 42% of the crises instead of 29%, and asked 13% of the near-misses instead of 8%.
  static let crisisGuessThreshold = 1.0
  /// The model's pick is taken when it is this likely among all intents, and the message holds at least
  /// this much of the pick's telling words: without them, small talk ("how many players on a football
  /// team") resembles some intent as much as anything. Chosen on round 6 before it was tuned on.
  static let modelThreshold = 0.3
  static let modelKeywordThreshold = 0.2
  /// A message at least this likely to be small talk is not guessed, not even as a crisis: "how do i
  /// fix white balance" was asked "are you safe?" for "fix". With the model, of 160 off-topic messages
  /// it had not learnt from, 78% were left alone instead of 61%, and 5% instead of 24% were asked
  /// "are you safe?"; on round 6, before it was tuned on, crisis recall did not change.
  static let smallTalkThreshold = 0.3
  /// The classifier overrules a pattern's intent when it is this sure of another. Chosen on rounds 7
  /// and 8 before they were tuned on (content of then, classifier learnt without them): it took
  /// accuracy from 76.9% to 79.6% and 78.6% to 81.7%, and crises read as something else from 12 of 84
  /// to 7 and 6 of 60 to 1.
  static let overruleThreshold = 0.9
  /// Where no pattern led anywhere, the classifier's pick is taken before naive Bayes's when it is this
  /// sure and the message holds some of the pick's telling words. On round 8 before tuning (content of
  /// then) it took accuracy from 80.6% to 81.7% and crisis recall from 93.3% to 96.7%, the same from
  /// 30% to 70%; round 7 did not change. Without naive Bayes after it, both rounds lost 0.7 points.
  /// A crisis at `overruleThreshold` needs none of the pick's telling words: before tuning, crisis recall
  /// on rounds 11 and 12 went from 88.4% to 90.7% and 82.6% to 84.8%, crisis false positives on round 11
  /// from 3.5% to 3.7%; rounds 7 to 10 did not change.
  static let classifierGuessThreshold = 0.5
  /// A payment pattern's reading gives way to another payment reading the classifier is this sure of:
  /// "just want to make it go away. whatever it costs" is thinking of paying, not a demand. Every payment
  /// page says not to pay; which one decides whether it is also said that it is not too late, or why
  /// paying never ends it. On rounds 38 to 42, each replayed with the content of before it was tuned on,
  /// payment recall went from 75.4, 68.6, 76.6, 61.1 and 79.7% to 77.1, 70.6, 79.3, 65.3 and 81.2%, and
  /// no round lost accuracy (0.9 did as well on four rounds and less on one).
  static let paymentOverruleThreshold = 0.95
  /// At the start of a conversation, a topic a pattern read gives way to "I didn't quite get that" and
  /// the list of what the helper can do, when the classifier is this sure the message is about none of
  /// its topics, naive Bayes reads small talk too, and it names no pics, nudes or video (`never_small_talk`):
  /// "my brother keeps threatening to tell mum i was on my phone after 11" is not a threat to post pics.
  /// Not a crisis or money, which stay first whatever the examples say, and not later in a conversation,
  /// where what came before tells what a short message is about ("police station is like 5 mins from my
  /// house" after the police were talked about). On rounds 38 to 42 replayed as above, accuracy rose on
  /// every round (by 0.2 to 1.6 points), nothing else changed. With the classifier alone it rose a little
  /// more (0.2 to 2.5), but "my ex keeps threatening to post the vid of us lol" lost the threat page, and
  /// without `never_small_talk` "lol my brother keeps threatening to show mum my pics unless i do his
  /// chores 😭" did (safety read, session 23).
  static let nothingThreshold = 0.95
  /// A crisis the classifier is this sure of is guessed even where naive Bayes reads small talk: "no point
  /// revising for mocks. not gonna be around for results day" was left not understood. On rounds 38 to
  /// 42 replayed as above, two crises more were found (rounds 41 and 42) and three everyday messages were
  /// asked "are you safe?" ("sorry for being a burden 😂 asking the gc for the chem notes again").
  static let crisisOverSmallTalkThreshold = 0.95

  init(
    intents: [Intent], concepts: [Concept], texting: [String: [String]], knownWords: Set<String>,
    optionLabels: [String], unguessable: Set<String> = [], examples: [(text: String, intent: String?)] = []
  ) {
    self.intents = intents
    conceptNames = concepts.map(\.name)
    neverSmallTalk = concepts.oneWordStems(of: "never_small_talk")
    notGoneYet = concepts.oneWordStems(of: "negation").union(concepts.oneWordStems(of: "almost"))
    payingWords = concepts.oneWordStems(of: "paying")
    // The little words of phrases like "via wise", "mb way" name no money alone.
    moneyWords = Set((concepts.first { $0.name == "money" }?.phrases ?? []).flatMap(\.words).map(WordStem.of))
      .subtracting(["on", "via", "my", "the", "a", "way", "of"])
      .union(concepts.oneWordStems(of: "pay")).union(concepts.oneWordStems(of: "paid"))
    phrases = PhraseIndex(concepts: concepts)
    var patterns: [Pattern] = []
    var ranges: [Range<Int>] = []
    var triggers: [String: [Int]] = [:]
    var alwaysTried: [Int] = []
    // Each sample's stems, by intent, read once for the trigger index and the guess.
    let sampleStems = intents.map { $0.samples.map { Set(Normalizer.tokenize($0.value).map { WordStem.of($0.word) }) } }
    var frequency: [String: Int] = [:]
    for word in sampleStems.joined().joined() {
      frequency[word, default: 0] += 1
      if MessageIndex.isNumber(word) { frequency["#", default: 0] += 1 }
    }
    for intent in intents {
      let start = patterns.count
      for pattern in intent.patterns {
        let index = patterns.count
        patterns.append(pattern)
        if let words = Self.triggerWords(of: pattern, concepts: concepts, frequency: frequency) {
          for word in Set(words) { triggers[word, default: []].append(index) }
        } else {
          alwaysTried.append(index)
        }
      }
      ranges.append(start..<patterns.count)
    }
    self.patterns = patterns
    patternRanges = ranges
    self.triggers = triggers
    self.alwaysTried = alwaysTried
    keywords = Self.keywords(intents: intents, concepts: concepts, sampleStems: sampleStems, unguessable: unguessable)
    var vocabulary: Set<String> = []
    for pattern in patterns { vocabulary.formUnion(pattern.namedWords) }
    for concept in concepts { for phrase in concept.phrases { vocabulary.formUnion(phrase.words) } }
    for words in texting.values { vocabulary.formUnion(words) }
    for label in optionLabels { vocabulary.formUnion(Normalizer.tokenize(label).map(\.word)) }
    let normalizer = Normalizer(
      texting: texting, spelling: SpellChecker(vocabulary: vocabulary, knownWords: knownWords))
    self.normalizer = normalizer
    let training = Self.training(intents: intents, normalizer: normalizer, unguessable: unguessable, examples: examples)
    model = IntentModel(examples: training.map { ($0.intent, Set($0.words)) }, intentCount: intents.count)
    classifier = ExampleClassifier(examples: training, intentCount: intents.count)
  }

  /// The stems of the words a pattern names itself: its plain words and its alternatives.
  private static func namedStems(of pattern: Pattern) -> [String] {
    pattern.terms.flatMap { term -> [String] in
      switch term {
      case .word(let word): [word]
      case .anyOf(let words, _): words
      case .phrase(let phrases, _): phrases.all.flatMap { $0 }
      default: []
      }
    }
  }

  /// The words one of which a message must hold for the pattern to match, or nil if any message may.
  /// Every term is needed, so any term would do; the rarest one in the samples is chosen ("threat*",
  /// not "i"), so that fewer messages try the pattern at all. A phrase needs all its words, so it is
  /// found by its rarest: "@close_person+(keeps|kept)" by "keeps" and "kept", not by "my".
  private static func triggerWords(of pattern: Pattern, concepts: [Concept], frequency: [String: Int]) -> [String]? {
    func rarest(_ phrase: [String]) -> String? { phrase.min { frequency[$0, default: 0] < frequency[$1, default: 0] } }
    func words(of term: Pattern.Term) -> [String]? {
      switch term {
      case .word(let word): [word]
      case .anyOf(let words, let prefixes): prefixes.isEmpty ? words : nil
      case .phrase(let phrases, _): Array(Set(phrases.all.compactMap(rarest)))
      case .concept(let index): Array(Set(concepts[index].phrases.compactMap { rarest($0.words.map(WordStem.of)) }))
      case .number: ["#"]
      case .prefix, .start, .end, .within: nil
      }
    }
    return pattern.terms.compactMap(words).min { a, b in
      a.reduce(0) { $0 + 1 + frequency[$1, default: 0] } < b.reduce(0) { $0 + 1 + frequency[$1, default: 0] }
    }
  }

  /// The words each intent's patterns name (plain words, alternatives, one-word concept phrases) and
  /// its samples use, weighted by how few intents share them. Answers (yes, no…) and intents that only
  /// learn something (age, country) are left out: a guess must lead somewhere that helps.
  private static func keywords(
    intents: [Intent], concepts: [Concept], sampleStems: [[Set<String>]], unguessable: Set<String>
  ) -> [String: [(intent: Int, weight: Double, telling: Bool)]] {
    // Words a crisis pattern names only as part of something longer ("waiting for high tide lol", "it was
    // fun while it lasted") are no evidence of a crisis alone: the concept `not_telling` keeps them out of
    // every crisis guess. (Out of every guess, "lol" took "im done lol" from the goodbye page.)
    let notTelling = concepts.oneWordStems(of: "not_telling")
    var usedBy: [String: Set<Int>] = [:]
    for (index, intent) in intents.enumerated() where isGuessable(intent, unguessable: unguessable) {
      var words: Set<String> = []
      for pattern in intent.patterns {
        words.formUnion(namedStems(of: pattern))
        for case .concept(let concept) in pattern.terms {
          words.formUnion(concepts[concept].phrases.filter { $0.words.count == 1 }.map { WordStem.of($0.words[0]) })
        }
      }
      for stems in sampleStems[index] { words.formUnion(stems) }
      if intent.tier == .crisis { words.subtract(notTelling) }
      for word in words where word.count >= 3 && !word.allSatisfy(\.isNumber) { usedBy[word, default: []].insert(index) }
    }
    // A word many intents use ("the", "him", "bank") tells little, but not nothing: it is kept with its
    // small weight. Dropping the words more than `sharedByFew` intents use, as this once did, let
    // one new pattern naming "screenshot" or "bank" silence every guess that rested on that word.
    var result: [String: [(intent: Int, weight: Double, telling: Bool)]] = [:]
    for (word, users) in usedBy {
      result[word] = users.sorted().map { ($0, 1 / Double(users.count), users.count <= sharedByFew) }
    }
    return result
  }

  /// How many intents may share a word for it to tell one of them apart: the word of a crisis guess.
  /// A fixed count: it was an eighth of all intents (7 of 63), so adding an answer intent, which no
  /// guess can reach, made words 8 intents share "telling" and asked an everyday message "are you safe?".
  private static let sharedByFew = 7

  /// Whether a message may be guessed to be about this intent: not an answer (yes, no…) nor an intent
  /// that only learns something (age, country), since a guess must lead somewhere that helps.
  private static func isGuessable(_ intent: Intent, unguessable: Set<String>) -> Bool {
    intent.tier != .answer && intent.goto != nil && !unguessable.contains(intent.id)
      && !intent.assignments.contains { $0.slot == .age || $0.slot == .country }
  }

  /// What the models learn from: the guessable intents' samples and labelled examples (each example by
  /// its first intent, the one that must decide the reply; nil for small talk), read as the normaliser
  /// reads texting.
  private static func training(
    intents: [Intent], normalizer: Normalizer, unguessable: Set<String>, examples: [(text: String, intent: String?)]
  ) -> [(intent: Int?, words: [String])] {
    func stems(_ text: String) -> [String] { normalizer.textingWords(of: text).map(modelWord) }
    var guessable: [String: Int] = [:]
    for (index, intent) in intents.enumerated() where isGuessable(intent, unguessable: unguessable) {
      guessable[intent.id] = index
    }
    var training: [(intent: Int?, words: [String])] = []
    for (index, intent) in intents.enumerated() where guessable[intent.id] != nil {
      training += intent.samples.map { (index, stems($0.value)) }
    }
    for example in examples {
      guard let intent = example.intent else {
        training.append((nil, stems(example.text)))
        continue
      }
      if let index = guessable[intent] { training.append((index, stems(example.text))) }
    }
    return training
  }

  /// A word as the models learn it: its stem, or "#" for any number.
  private static func modelWord(_ word: String) -> String {
    MessageIndex.isNumber(word) ? "#" : WordStem.of(word)
  }

  /// A message's words as the models read them: stems, and "#" for a number as patterns read it, so that
  /// "sent 3 pics" is no evidence of money sent. (The models learn every number as "#": learning counts
  /// apart moved replies all over on the parts tuned on, two crises lost among them.)
  private static func modelWords(_ words: [String], phrases: PhraseIndex) -> [String] {
    let stems = words.map(WordStem.of)
    return zip(stems, phrases.numbers(words, stems: stems)).map { $1 ? "#" : $0 }
  }

  /// The last resort when no pattern matched: the intent whose telling words the message holds most,
  /// when the evidence passes `guessThreshold` (`crisisGuessThreshold` for a crisis); failing that, the
  /// intent whose examples the message resembles, by the classifier (`classifierGuessThreshold`) and
  /// then by naive Bayes (`modelThreshold`), with `modelKeywordThreshold` of the pick's words (naive Bayes:
  /// of its telling words). A crisis is read from telling words only, and one
  /// guessed from one telling word, or by naive Bayes, needs the classifier to read a crisis as well. A
  /// guess by telling words gives way to the examples as a pattern's reading does (`overrule`): on rounds
  /// 38 to 42 replayed with the content of before each was tuned on, accuracy rose by 0 to 0.5 points,
  /// crisis recall on rounds 38 and 41 from 74.7 to 77.2% and 69.8 to 70.9%, payment recall on round 40
  /// from 79.3 to 80.2%; nothing was lost on the parts tuned on. The match names the words that decided it.
  func guess(_ normalized: NormalizedText) -> IntentMatch? {
    var scores: [Int: (score: Double, words: [String])] = [:]
    // The same from the words at most `sharedByFew` intents share, which tell one apart.
    var telling: [Int: (score: Double, words: [String])] = [:]
    var seen: Set<String> = []
    for word in normalized.words {
      let stem = WordStem.of(word)
      guard seen.insert(stem).inserted else { continue }
      for (intent, weight, isTelling) in keywords[stem] ?? [] {
        scores[intent, default: (0, [])].score += weight
        scores[intent, default: (0, [])].words.append(word)
        if isTelling {
          telling[intent, default: (0, [])].score += weight
          telling[intent, default: (0, [])].words.append(word)
        }
      }
    }
    // Shared words are no evidence of a crisis: with them, "he still has everything i sent and keeps going
    // on about how everyones gonna see" was asked "are you safe?".
    for intent in Array(scores.keys) where intents[intent].tier == .crisis { scores[intent] = telling[intent] }
    let ranked = scores.sorted { a, b in
      (intents[a.key].tier, -a.value.score, a.key) < (intents[b.key].tier, -b.value.score, b.key)
    }
    let modelWords = Self.modelWords(normalized.words, phrases: phrases)
    let pick = model.classify(Set(modelWords))
    let examples = classifier.classify(modelWords)
    let examplesReadACrisis = examples?.intent.map { intents[$0].tier == .crisis } ?? false
    let examplesAreSureOfACrisis = examplesReadACrisis && (examples?.probability ?? 0) >= Self.crisisOverSmallTalkThreshold
    // A message most like small talk is not guessed at all, whatever words it shares with a topic, unless
    // the classifier is sure of a crisis (`crisisOverSmallTalkThreshold`).
    if let pick, pick.intent == nil, pick.probability >= Self.smallTalkThreshold, !examplesAreSureOfACrisis { return nil }
    // One crisis word alone ("upstairs", "mentioned") is a crisis only if the classifier reads one too:
    // on eight rounds replayed before tuning on them, that kept every crisis the guess caught ("someone
    // keeps knocking…") with 0.6 points fewer false alarms (0.8 with the same rule for naive Bayes, below).
    let isEnough = { (intent: Int, score: Double, words: Int) in
      guard self.intents[intent].tier == .crisis else { return score >= Self.guessThreshold }
      return score >= Self.crisisGuessThreshold && (words > 1 || examplesReadACrisis)
    }
    // The most urgent tier with enough evidence wins, so a crisis word is never outvoted by others.
    if let best = ranked.first(where: { isEnough($0.key, $0.value.score, $0.value.words.count) }) {
      let intent = intents[best.key]
      let match = IntentMatch(
        intent: intent.id, order: best.key, tier: intent.tier, score: Int(best.value.score * 10), start: 0,
        end: normalized.words.count,
        pattern: "keywords: " + best.value.words.sorted().joined(separator: ", "), patternLocation: intent.location,
        groups: [:])
      // The examples overrule a guess by telling words as they would a pattern: "he sent me a voice note
      // reading out my linkedin connections" shares words with pics posted, but is a threat to contacts.
      return overrule(match, in: normalized) ?? match
    }
    // A crisis the classifier is sure enough of to overrule a pattern needs no telling words: "thinking of
    // just ending things before school finds out" holds none, and both models were over 96% sure. (Not
    // for other intents: "i didnt pay him anything" is 97% payment.paid to a model blind to negation.)
    // The classifier's pick may rest on words many intents share ("he wants it sorted by friday. or
    // else", "i feel grim honestly"): on rounds 28 to 31, each replayed with the content of before it was
    // tuned on, accuracy went from 75.8, 73.6, 66.7 and 73.5% to 77.0, 74.8, 71.2 and 74.1%, crisis recall
    // and false alarms unchanged. Naive Bayes's may not: with shared words it answered small talk ("how do
    // i get more followers on tiktok" as blocking).
    // Neither model sees negation: "wait no i never paid, i pressed the wrong button" reads as money paid
    // to both (round 45), so where a word saying money went is negated, neither guesses that page.
    let mayGuess = { (picked: Int) in !self.recordsMoneyPaid(picked) || !self.deniesPaying(normalized) }
    if let sure = examples, let picked = sure.intent, mayGuess(picked),
      sure.probability >= Self.classifierGuessThreshold,
      (intents[picked].tier == .crisis && sure.probability >= Self.overruleThreshold)
        || scores[picked, default: (0, [])].score >= Self.modelKeywordThreshold
    {
      return exampleMatch(picked, by: sure, "sure", covering: normalized)
    }
    // Naive Bayes leans to a crisis on words that are merely common there ("what time does school finish
    // on fridays again", 87%), so its crisis needs the classifier's agreement too.
    guard let pick, let picked = pick.intent, mayGuess(picked), pick.probability >= Self.modelThreshold,
      telling[picked, default: (0, [])].score >= Self.modelKeywordThreshold,
      intents[picked].tier != .crisis || examplesReadACrisis
    else { return nil }
    return exampleMatch(picked, by: pick, "likely", covering: normalized)
  }

  /// A match for the intent a model picked, naming the words that spoke for it.
  private func exampleMatch(
    _ picked: Int, by pick: IntentModel.Pick, _ certainty: String, covering normalized: NormalizedText
  ) -> IntentMatch {
    let intent = intents[picked]
    return IntentMatch(
      intent: intent.id, order: picked, tier: intent.tier, score: Int(pick.probability * 100), start: 0,
      end: normalized.words.count,
      pattern: "examples (\(Int(pick.probability * 100))% \(certainty)): " + pick.words.prefix(5).joined(separator: ", "),
      patternLocation: intent.location, groups: [:])
  }

  /// The intent the classifier is at least `overruleThreshold` sure of, when it is not the one a pattern
  /// decided. It may overrule a general reading with any intent, a payment reading or an answer only
  /// with a crisis, and a crisis never: "don't pay" stays first for a message about money, and where
  /// tense and negation decide ("i have to pay", "i havent paid", "i didnt pay him anything" as a no),
  /// words counted in pairs do not see them. (An answer the current node asked for is taken before
  /// this is asked; one it did not ask for, "im 18 and honestly ending things feels easier than telling
  /// my girlfriend" read as an age, gives way to a crisis.) An intent that says who is writing ("my
  /// friend says he is going to pay") keeps its answer written for them, unless the examples are sure of
  /// a crisis. A writer's introduction ("foster carer here", "grown man here") gives way to a topic or money
  /// the examples are sure of ("… has been paying someone with her pocket money for weeks"), which is then
  /// answered in that writer's words, since who is writing is learnt from the introduction all the same: on
  /// the parts tuned on it fixed seven replies and lost one, the held-out quarter went from 89.0% to 89.7%.
  /// A payment reading gives way to another payment intent the classifier is `paymentOverruleThreshold`
  /// sure of, but not to one that records money paid where a word says it may not have gone ("my
  /// daughter hasnt paid, theyre asking for gift cards", "i nearly paid him"): counting words, the
  /// classifier reads "paid" alone. The classifier never says a message is about nothing here
  /// (`readsNothing` does).
  func overrule(_ match: IntentMatch, in normalized: NormalizedText) -> IntentMatch? {
    guard match.tier != .crisis, let (reading, probability) = examplesReading(normalized), reading.intent != match.intent
    else { return nil }
    let recordsMoneyPaid = recordsMoneyPaid(reading.order)
    let stems = Set(normalized.words.map(WordStem.of))
    let mayNotHaveGone = !stems.isDisjoint(with: notGoneYet)
    // A topic gives way to money already paid only where money is named: counting words, the classifier
    // reads "sent" alone as paying ("my ex keeps threatening to tell my parents what i sent him"). A
    // number under 100 names no money: it is as often an age ("if my employer sees this i lose my job
    // ... im 29 and they already know the company name", "grown man, 52": round 44).
    if recordsMoneyPaid, match.tier != .payment, stems.isDisjoint(with: moneyWords),
      !normalized.words.contains(where: Self.isAmount)
    {
      return nil
    }
    guard reading.tier == .crisis || (match.tier == .general && !intents[match.order].assignments.contains { $0.slot == .role })
        || (match.tier == .writer && (reading.tier == .payment || reading.tier == .general))
        || (match.tier == .payment && reading.tier == .payment && probability >= Self.paymentOverruleThreshold
          && !(recordsMoneyPaid && mayNotHaveGone))
    else { return nil }
    return reading
  }

  /// Whether a word saying money went (concept `paying`) is negated: "i never paid", "nothing sent". Asked
  /// only of a guess at the page for money paid, since it indexes the message again.
  private func deniesPaying(_ normalized: NormalizedText) -> Bool {
    let message = MessageIndex(normalized, phrases: phrases)
    return normalized.words.indices.contains { payingWords.contains(WordStem.of(normalized.words[$0])) && message.isNegated($0) }
  }

  /// Whether an intent's page is the one for money already paid.
  private func recordsMoneyPaid(_ intent: Int) -> Bool { intents[intent].assignments.contains { $0.slot == .paid } }

  /// Whether a word is a number that can be an amount: 100 or more.
  private static func isAmount(_ word: String) -> Bool {
    guard MessageIndex.isNumber(word) else { return false }
    let digits = word.prefix { $0.isASCII && $0.isNumber }
    return digits.count > 3 || (Int(digits) ?? 0) >= 100
  }

  /// How sure the classifier is that a message is about none of the intents, when it is at least
  /// `nothingThreshold` sure, naive Bayes reads small talk too (`smallTalkThreshold`), and the message
  /// names none of the things that are never small talk here (`never_small_talk`: pics, nudes, a video…).
  func readsNothing(_ normalized: NormalizedText) -> Double? {
    guard Set(normalized.words.map(WordStem.of)).isDisjoint(with: neverSmallTalk) else { return nil }
    let words = Self.modelWords(normalized.words, phrases: phrases)
    guard let pick = classifier.classify(words), pick.intent == nil, pick.probability >= Self.nothingThreshold,
      let likely = model.classify(Set(words)), likely.intent == nil, likely.probability >= Self.smallTalkThreshold
    else { return nil }
    return pick.probability
  }

  /// What the classifier makes of a message when it is at least `overruleThreshold` sure, and how sure.
  func examplesReading(_ normalized: NormalizedText) -> (match: IntentMatch, probability: Double)? {
    guard let pick = classifier.classify(Self.modelWords(normalized.words, phrases: phrases)), let picked = pick.intent,
      pick.probability >= Self.overruleThreshold
    else { return nil }
    return (exampleMatch(picked, by: pick, "sure", covering: normalized), pick.probability)
  }

  func recognize(_ text: String) -> Recognition { recognize(normalizer.normalize(text)) }

  /// Recognises words already normalised: a message, or part of one.
  func recognize(_ normalized: NormalizedText) -> Recognition {
    let message = MessageIndex(normalized, phrases: phrases)
    var candidate = [Bool](repeating: false, count: patterns.count)
    for index in alwaysTried { candidate[index] = true }
    for word in message.distinctTerms {
      for index in triggers[word] ?? [] { candidate[index] = true }
    }
    func intentMatch(_ match: PatternMatch, of index: Int, for order: Int) -> IntentMatch {
      var groups: [String: String] = [:]
      for (concept, group) in match.groups { groups[conceptNames[concept]] = group }
      let intent = intents[order]
      return IntentMatch(
        intent: intent.id, order: order, tier: intent.tier, score: match.score, start: match.start, end: match.end,
        pattern: patterns[index].source, patternLocation: patterns[index].location, groups: groups)
    }
    var matches: [IntentMatch] = []
    var crises: [IntentMatch] = []
    for (order, intent) in intents.enumerated() {
      var best: (match: PatternMatch, index: Int)?
      for index in patternRanges[order] where candidate[index] {
        guard let match = patterns[index].match(in: message) else { continue }
        // Every crisis match is kept, for whose crisis it is; of the others only each intent's best.
        if intent.tier == .crisis { crises.append(intentMatch(match, of: index, for: order)) }
        if best == nil || match.score > best!.match.score { best = (match, index) }
      }
      if let best { matches.append(intentMatch(best.match, of: best.index, for: order)) }
    }
    matches.sort { ($0.tier, -$0.score, $0.order) < ($1.tier, -$1.score, $1.order) }
    crises.sort { (-$0.score, $0.order) < (-$1.score, $1.order) }
    return Recognition(normalized: normalized, matches: matches, everyCrisisMatch: crises)
  }
}

/// What one message was understood to be about, most urgent first.
public struct Recognition: Sendable {
  public var normalized: NormalizedText
  public var matches: [IntentMatch]
  /// Every crisis pattern that matched, not only each intent's best: whose crisis it is may show in a
  /// shorter match ("my dad left a note and his car is gone. this is my last message").
  public var everyCrisisMatch: [IntentMatch] = []

  public func match(_ intent: String) -> IntentMatch? { matches.first { $0.intent == intent } }
}

/// One intent a message matched, with the pattern that won and its score.
public struct IntentMatch: Sendable {
  public var intent: String
  /// Where the intent is written among all intents: the last tie-break.
  public var order: Int
  public var tier: Tier
  public var score: Int
  /// The word of the message where the winning pattern's match begins, and the one after its last
  /// word (a guess covers the whole message).
  public var start: Int
  public var end: Int
  public var pattern: String
  public var patternLocation: Location
  /// The group each grouped concept matched, by concept name: `["age": "under18"]`.
  public var groups: [String: String]
}
