/// One person's conversation: where they are in the dialogue and what they have told us so far.
///
/// Each turn climbs the same ladder, whatever the node: crisis first, then a choice among the options
/// just shown, then payment, then everything else; within a tier, what the current node expects wins.
public struct Conversation: Sendable {
  public let dialogue: Dialogue
  public private(set) var state: SessionState

  /// - Parameter country: the country the host knows (ISO code), if any.
  public init(dialogue: Dialogue, country: String? = nil) {
    self.dialogue = dialogue
    state = SessionState(node: dialogue.settings.start, hostCountry: country)
  }

  /// Restores a conversation from its state; the caller has checked that its nodes exist.
  public init(dialogue: Dialogue, state: SessionState) {
    self.dialogue = dialogue
    self.state = state
  }

  /// The greeting, before the person has said anything.
  public mutating func start() -> Turn {
    let node = dialogue.node(dialogue.settings.start)
    return arrive(at: node, offers: [], intents: [], decision: "start: the greeting", decidedBy: .other)
  }

  /// Sets the country the host knows, as if the person had said it.
  public mutating func setCountry(_ code: String) {
    state.hostCountry = code
    state.learned[.country] = code
  }

  /// Answers one message.
  public mutating func respond(to text: String) -> Turn {
    let recognition = dialogue.recognize(text)
    let current = dialogue.node(state.node)
    // Where the helper has just asked "are you safe?", an answer that keeps asking ("no", "not sure",
    // "ok") wins over everything else: "ya im safe… no im not" and "yes until mum leaves" are not safe.
    let asksIfSafe = state.inCrisis && current?.on.contains { dialogue.node($0.node)?.marksSafe == true } == true
    func opensWithAnAnswerAskedFor(_ match: IntentMatch) -> Bool {
      match.tier == .answer && match.start == 0 && current?.target(for: match.intent) != nil
    }
    // Whoever answers that question about themselves is the one it was asked of: "yea now i am. mums
    // here" is not a parent writing.
    let answersForThemselves =
      asksIfSafe && !state.crisisIsSomeoneElses && recognition.matches.contains(where: opensWithAnAnswerAskedFor)
    learn(from: recognition, role: !answersForThemselves)
    let intents = recognition.matches.map(\.intent)
    func keepsAsking(_ match: IntentMatch) -> Bool {
      guard asksIfSafe, let goto = current?.target(for: match.intent) else { return false }
      return !endsTheCheck(goto)
    }
    // A crisis goes where the current node sends it, if it names one: told again after "are you safe?"
    // ("no. theres pills next to me", "yes i took 20 pills"), it is not met as if for the first time. An
    // answer it opens with that keeps asking goes where that answer leads; one that would end the check
    // never does.
    func crisisTarget(_ crisis: IntentMatch) -> String? {
      guard let current, let sent = current.target(for: crisis.intent) else { return dialogue.intent(crisis.intent)?.goto }
      guard let answer = recognition.matches.first(where: opensWithAnAnswerAskedFor),
        let answered = current.target(for: answer.intent)
      else { return sent }
      // Only an answer that says "not safe" leads on; one that would end the check, or is only unclear
      // ("i think im gonna kill myself rn" opens like "i think so"), gives way to the crisis.
      let unclear = dialogue.settings.unclearSafeAnswer
      return endsTheCheck(answered) || answer.intent == unclear ? sent : answered
    }

    let whole = mostUrgentCrisis(in: recognition).map { theirs(ifToldOfSomeoneElse: $0, in: recognition) }
    if let crisis = whole ?? crisisAfterAnOpeningAnswer(in: recognition), let goto = crisisTarget(crisis) {
      let via = current?.target(for: crisis.intent) == nil ? "" : ", where node '\(state.node)' sends it"
      let after = whole == nil ? ", in the words after the answer it opens with" : ""
      return arrive(
        at: dialogue.node(goto), offers: offers(recognition, besides: goto), intents: intents, intent: crisis.intent,
        decision: "crisis first: intent '\(crisis.intent)' by pattern '\(crisis.pattern)' (\(crisis.patternLocation))\(after)\(via)",
        decidedBy: .crisisPattern)
    }
    // While the check is open, every other page carries its question ("Before anything else: are you safe
    // right now?") above the page's own. A reply of answers only that the page did not ask for answers the
    // check: where it leads, if it keeps the check open ("no", "not really"), or if it ends it plainly ("yes
    // im safe"); a bare "yes" on the page for money paid is asked again. Second safety read, session 25:
    // "i want to die" / "yes i paid him" / "no" was not understood, and "yes" three times never ended the
    // check. An answer the page did ask for is the page's ("i have not but im going to tonight" to "Has any
    // money been sent so far?").
    if state.inCrisis, !asksIfSafe, let check = checkPage, !recognition.matches.isEmpty,
      recognition.matches.allSatisfy({ $0.tier == .answer && current?.target(for: $0.intent) == nil }),
      let answer = recognition.matches.first(where: { check.target(for: $0.intent) != nil }),
      let goto = check.target(for: answer.intent)
    {
      // One that ends it, said in more than a word ("yes hes safe", "yes i am") and plainly, is the check's
      // answer too; a bare "yes" may answer the page's own question, and is asked again.
      if !endsTheCheck(goto)
        || (recognition.normalized.words.count > 1 && notAPlainYes(recognition, answeredBy: answer) == nil)
      {
        return arrive(
          at: dialogue.node(goto), offers: [], intents: intents, intent: answer.intent,
          decision: "the check is open and node '\(check.id)' expects intent '\(answer.intent)'", decidedBy: .expectedAnswer)
      }
      if let again = askAgain(from: check) {
        return arrive(
          at: dialogue.node(again.goto), offers: [], intents: intents, intent: again.intent,
          decision: "the check is open; intent '\(answer.intent)' would end it, but node '\(state.node)' asked something else",
          decidedBy: .askedAgain)
      }
    }
    if let (number, goto) = chosenOption(recognition.normalized, besides: recognition.matches) {
      return arrive(
        at: dialogue.node(goto), offers: [], intents: intents, decision: "option \(number) of those shown last",
        decidedBy: .option)
    }
    // Within a tier: what this node expects, then the longer match, then the intent written first.
    // Who is writing is learnt from every match, so a parent's "my daughter is 16 and someone made
    // nudes of her with an AI app" gets the fake-images reply in a parent's words; an intent that only
    // tells who is writing no longer comes first (on 13 untuned rounds, +0.9 points of accuracy).
    // A short reply that opens with the answer this node asked for ("yes 😭", "yes im ok, just
    // overwhelmed") answers the question, even when its other words also say something general; after
    // "are you safe?" a longer one does too ("yea now i am. mums here" is not a parent writing).
    let isShort = recognition.normalized.words.count <= 5
    // A topic that ends the words saying who is writing ("my mate is getting sextorted", "my son is being
    // blackmailed") is that writer's introduction: the friends' or parents' page, not the threat reply.
    // Told beside them, the topic still comes first ("my son is 14 and someone is threatening to post his
    // pics", "im 31 and feel pathetic, grown man getting played").
    let writers = recognition.matches.filter { $0.tier == .writer }
    func endsAWritersWords(_ match: IntentMatch) -> Bool {
      writers.contains { $0.start <= match.start && match.end == $0.end && $0.score > match.score }
    }
    func rankedTier(_ match: IntentMatch) -> Tier {
      if opensWithAnAnswerAskedFor(match) && (isShort || asksIfSafe) { return .general }
      return match.tier == .general && endsAWritersWords(match) ? .writer : match.tier
    }
    let ranked = recognition.matches.sorted { a, b in
      let expectsA = current?.target(for: a.intent) != nil
      let expectsB = current?.target(for: b.intent) != nil
      return (keepsAsking(a) ? 0 : 1, rankedTier(a), expectsA ? 0 : 1, -a.score, a.order)
        < (keepsAsking(b) ? 0 : 1, rankedTier(b), expectsB ? 0 : 1, -b.score, b.order)
    }
    // An answer no one asked for, told in passing in a longer message ("gifted him 2000 vbucks and he still
    // wants more, im 14"), says less than the rest of it: the guess below reads the whole message first,
    // and the answer is taken only if the guess finds nothing.
    let wordCount = recognition.normalized.words.count
    func isInPassing(_ match: IntentMatch) -> Bool {
      match.tier == .answer && current?.target(for: match.intent) == nil && wordCount >= Self.longMessage
        && (match.end - match.start) * 2 < wordCount
    }
    var inPassing: IntentMatch?
    for match in ranked {
      if isInPassing(match) {
        if inPassing == nil { inPassing = match }
        continue
      }
      // An answer that would end the check but is not a plain yes is asked again: one of more than
      // `longest_safe_answer` words, or a yes whose other words read as a crisis ("yeah safe just tired
      // of it all").
      if let goto = current?.target(for: match.intent), asksIfSafe, endsTheCheck(goto), let again = askAgain(from: current),
        let reason = notAPlainYes(recognition, answeredBy: match)
      {
        return arrive(
          at: dialogue.node(again.goto), offers: [], intents: intents, intent: again.intent,
          decision: "node '\(state.node)' asked whether they are safe; intent '\(match.intent)' would end the check, but \(reason)",
          decidedBy: .askedAgain)
      }
      if !asksIfSafe, current?.target(for: match.intent) != nil, let (crisis, reason) = crisis(besides: match, in: recognition),
        let goto = dialogue.intent(crisis.intent)?.goto
      {
        return arrive(
          at: dialogue.node(goto), offers: [], intents: intents + [crisis.intent], intent: crisis.intent,
          decision: "node '\(state.node)' expects intent '\(match.intent)', but \(reason)", decidedBy: .guess)
      }
      if let goto = current?.target(for: match.intent) {
        return arrive(
          at: dialogue.node(goto), offers: offers(recognition, besides: goto), intents: intents, intent: match.intent,
          decision: "node '\(state.node)' expects intent '\(match.intent)' (tier \(match.tier.name)) by pattern '\(match.pattern)' (\(match.patternLocation))",
          decidedBy: .expectedAnswer)
      }
      // At the start, a topic the examples are sure is none ("my brother keeps threatening to tell mum i
      // was on my phone after 11") gets the list of what the helper can do instead (`nothingThreshold`).
      if state.node == dialogue.settings.start, match.tier == .general || match.tier == .writer,
        let sure = dialogue.recognizer.readsNothing(recognition.normalized)
      {
        return notUnderstood(
          intents: intents,
          decision: "intent '\(match.intent)' by pattern '\(match.pattern)' (\(match.patternLocation)), overruled: the examples are \(Int(sure * 100))% sure it is about none of the topics",
          decidedBy: .examplesOverrule)
      }
      // A pattern's reading that the examples firmly disagree with gives way to theirs, unless theirs
      // would only go over the topic of the last reply again ("i dont have 200 what do i do" just after
      // the money was talked about asks for the next steps, not for the money talk once more).
      if let overruled = dialogue.recognizer.overrule(match, in: recognition.normalized),
        let goto = dialogue.intent(overruled.intent)?.goto, goto != state.node,
        dialogue.node(goto)?.topic == nil || dialogue.node(goto)?.topic != current?.topic
      {
        return arrive(
          at: dialogue.node(goto), offers: offers(recognition, besides: goto), intents: intents + [overruled.intent],
          intent: overruled.intent,
          decision: "intent '\(match.intent)' by pattern '\(match.pattern)' (\(match.patternLocation)), overruled: intent '\(overruled.intent)' (tier \(overruled.tier.name)) by \(overruled.pattern)",
          decidedBy: .examplesOverrule)
      }
      if let goto = dialogue.intent(match.intent)?.goto {
        return arrive(
          at: dialogue.node(goto), offers: offers(recognition, besides: goto), intents: intents, intent: match.intent,
          decision: "intent '\(match.intent)' (tier \(match.tier.name), score \(match.score)) by pattern '\(match.pattern)' (\(match.patternLocation))",
          decidedBy: .pattern)
      }
    }
    // Nothing matched that leads anywhere from here (an answer no one asked for, "till", is not enough):
    // the last resort is a guess, for a message long enough to tell ("im so done with all of this"
    // rather than "ok"). Where "are you safe?" was just asked, only a crisis is guessed: an answer no
    // pattern understood ("not gonna answer that") is asked again, not taken for a topic that ends the
    // check.
    if wordCount >= 3,
      let guess = dialogue.recognizer.guess(recognition.normalized), !asksIfSafe || guess.tier == .crisis,
      let goto = dialogue.intent(guess.intent)?.goto
    {
      let why =
        recognition.matches.isEmpty
        ? "no pattern matched" : inPassing.map { "only an answer in passing, '\($0.intent)'" } ?? "no intent matched that leads anywhere from here"
      return arrive(
        at: dialogue.node(goto), offers: [], intents: intents + [guess.intent], intent: guess.intent,
        decision: "\(why); a guess: intent '\(guess.intent)' (tier \(guess.tier.name)) by \(guess.pattern)", decidedBy: .guess)
    }
    if let match = inPassing, let goto = dialogue.intent(match.intent)?.goto {
      return arrive(
        at: dialogue.node(goto), offers: offers(recognition, besides: goto), intents: intents, intent: match.intent,
        decision: "intent '\(match.intent)' (tier \(match.tier.name), score \(match.score)) by pattern '\(match.pattern)' (\(match.patternLocation)), in passing, and no guess",
        decidedBy: .pattern)
    }
    return notUnderstood(intents: intents)
  }

  /// The safe reply to a line that could not be read as text.
  public mutating func respondToUnreadable() -> Turn { saySetting(dialogue.settings.unreadable, decision: "unreadable input") }

  /// The safe reply to a message longer than the helper accepts.
  public mutating func respondToTooLong() -> Turn { saySetting(dialogue.settings.tooLong, decision: "message too long") }

  // MARK: Steps of a turn

  /// The crisis to answer first. Someone else's crisis told first, then the writer's own (`own_crisis`)
  /// in a later sentence ("my friend said i should talk to you. i want to die", "my brother said hell
  /// tell mum. i want to die"): the writer's own comes first, since its reply also covers the other
  /// person and the other way round it would not (safety read, round 20).
  private func mostUrgentCrisis(in recognition: Recognition) -> IntentMatch? {
    let crises = recognition.matches.filter { $0.tier == .crisis }
    guard let first = crises.first else { return nil }
    let (words, clauses) = (recognition.normalized.words, recognition.normalized.clauses)
    func clause(at index: Int) -> Int { clauses.isEmpty ? 0 : clauses[min(max(index, 0), clauses.count - 1)] }
    // Whether the writer is in the words from `index` to the end of the message: an "i", "me", "my",
    // "myself" or "mine", but not the "me" of someone telling them ("my friend told me …").
    // Before the crisis words, not with someone else named between ("i heard him say hes going to jump").
    // Nor an "i" quoted after "texted me" ("she's just texted me 'i cant do this anymore mum'": round 45).
    func writerIsIn(wordsFrom index: Int) -> Bool {
      let reporting = dialogue.settings.reportingWords
      return words.indices.contains { $0 >= index && dialogue.settings.writersOwnWords.contains(words[$0])
        && !(words[$0] == "me" && $0 > 0 && reporting.contains(words[$0 - 1]))
        && !(words[$0] == "i" && $0 > 1 && words[$0 - 1] == "me" && reporting.contains(words[$0 - 2]))
        && ($0 >= first.start || !words[$0..<first.start].contains(where: dialogue.settings.othersWords.contains)) }
    }
    guard isAboutSomeoneElse(first) else {
      // The writer's own crisis told of someone named just before it, in words that never bring the
      // writer in ("my friend keeps walking to the train tracks", "my bf took all his sertraline"), is
      // that person's: a method or a place says nothing of who is at risk, the subject does (safety
      // read, round 22). The writer anywhere after that person keeps it the writer's own ("my friend
      // knows i keep walking to the tracks", "my mate keeps walking to the tracks, last night i went
      // too", "… with me"; safety read, round 23).
      guard isOwnCrisis(first),
        let other = crises.first(where: {
          isAboutSomeoneElse($0) && $0.start < first.start && clause(at: $0.start) == clause(at: first.start)
        }),
        !writerIsIn(wordsFrom: other.start)
      else { return first }
      return other
    }
    // Said of oneself: the match starts with "i" or holds "myself" ("i … want to die", "kill myself"),
    // in a later sentence than the start of the other person's; not "she said she has razors. i can
    // hear her", nor a goodbye quoted from them ("my cousin texted 'tell mum i love her'"). In the same
    // sentence, only an "i" after the person that does not follow a word reporting what they said:
    // "my brother found out i took a load of his paracetamol", not "my cousin texted me i took them all".
    func saidOfOneself(_ match: IntentMatch) -> Bool {
      guard match.start < match.end, match.end <= words.count else { return false }
      // The writer in the words the own crisis adds after the other person's ("my best friend took a load
      // of her pills, so did i", "my friend keeps walking to the tracks with me"; safety read, round 23).
      // Not with someone else named after the writer ("… and i heard him say hes going to jump"), nor
      // quoted ("my cousin texted tell mum i love her").
      if match.end > first.end,
        (max(match.start, first.end)..<match.end).contains(where: { index in
          dialogue.settings.writersOwnWords.contains(words[index])
            && !words[index..<match.end].contains(where: dialogue.settings.othersWords.contains)
            && !words[max(0, index - 3)..<index].contains { $0 != "me" && dialogue.settings.reportingWords.contains($0) }
        })
      {
        return true
      }
      func isTheWritersI(_ index: Int) -> Bool {
        Self.writerAsSubject.contains(words[index]) && (index == 0 || !dialogue.settings.reportingWords.contains(words[index - 1]))
      }
      // An "i" up to four words before the crisis words, in the sentence they end in, with no one else
      // named between.
      func hasTheWritersIJustBefore(from earliest: Int) -> Bool {
        let nearest = max(earliest, match.start - 4)
        guard nearest <= match.start, let subject = (nearest...match.start).last(where: isTheWritersI),
          clause(at: subject) == clause(at: match.end - 1)
        else { return false }
        return !words[subject..<match.start].contains(where: dialogue.settings.othersWords.contains)
      }
      // Told before the other person's ("i took 30 pills and my mum is at the bridge not answering", "kms
      // tonight. my dad went to the bridge"): the writer's, with an "i" just before it or nothing before it
      // in the message (safety read, round 27).
      if match.start < first.start {
        // All of it before them ("i think my cousin is going to do something stupid" runs on past the
        // cousin), and nobody else named before them ("my" just before them is theirs).
        guard match.end <= first.start else { return false }
        var limit = first.start
        if limit > 0, dialogue.settings.writersOwnWords.contains(words[limit - 1]) { limit -= 1 }
        guard match.start < limit else { return false }
        let namesNoOneElse = !words[0..<limit].contains { word in
          (MessageIndex.subjects.contains(word) && !Self.writerAsSubject.contains(word))
            || dialogue.settings.reportingWords.contains(word)
        }
        return namesNoOneElse
          && (hasTheWritersIJustBefore(from: 0) || words[0..<match.start].allSatisfy { !MessageIndex.subjects.contains($0) })
      }
      if clause(at: match.end - 1) > clause(at: first.start) {
        if words[match.start] == "i" || words[match.start..<match.end].contains("myself") { return true }
        // In its own sentence, the writer's if an "i" stands up to four words before it ("… her phone is
        // off. ive taken 40 pills"), or if the sentence names no one before it ("… isnt back. overdosed",
        // "… im done. bye guys x"; safety read, round 26), unless it is quoted: after a word reporting
        // what someone said ("last text said 'its all my fault sorry'", "… says everyone would be better off").
        let sentenceStart = (0..<match.start).last { clause(at: $0) != clause(at: match.start) }.map { $0 + 1 } ?? 0
        let reporting = dialogue.settings.reportingWords
        // A sentence quoted after "texted", "said"… is theirs ("my cousin texted "tell mum i love her"");
        // not after "me" ("… not answering me. overdosed").
        if sentenceStart > 0, words[sentenceStart - 1] != "me", reporting.contains(words[sentenceStart - 1]) { return false }
        if hasTheWritersIJustBefore(from: sentenceStart) { return true }
        return sentenceStart > 0
          && !words[sentenceStart..<match.start].contains(where: MessageIndex.subjects.contains)
          && !words[sentenceStart..<match.end].contains(where: reporting.contains)
      }
      // The "i" may open the match or stand up to four words before it, with no one else named between
      // ("my friend knows i took all my pills", "my dad is on the roof drunk and i took pills", "… and i
      // just want to end it all"; not "… and i know he took pills"; safety reads, rounds 25 to 27).
      return hasTheWritersIJustBefore(from: first.start + 1)
    }
    return recognition.everyCrisisMatch.first { isOwnCrisis($0) && saidOfOneself($0) } ?? first
  }

  /// What the message tells, from every intent it matched; where two tell the same thing differently,
  /// the most urgent and longest match decides ("im a 40 year old man … how do i help my mate"). An intent
  /// about who is writing counts here as a general one: it gives way when choosing the reply, not when
  /// saying who writes ("one of my lads got caught on a video call" is told by a youth leader).
  private mutating func learn(from recognition: Recognition, role learnsRole: Bool) {
    func rank(_ match: IntentMatch) -> (Tier, Int, Int) { (match.tier == .writer ? .general : match.tier, -match.score, match.order) }
    // Words that say who is writing ("mate of mine is 19, scammer has a vid of him off a skype call") are
    // learnt last, so a topic's guess at the writer (a video call: an adult) never overrides them: on the
    // parts tuned on, 15 replies more in the writer's words (14 of them written before round 44), none fewer.
    func saysWhoWrites(_ match: IntentMatch) -> Bool {
      guard let intent = dialogue.intent(match.intent) else { return false }
      return match.tier == .writer
        || (intent.goto == nil && !intent.assignments.isEmpty && intent.assignments.allSatisfy { $0.slot == .role })
    }
    let ranked = recognition.matches.sorted(by: { rank($0) < rank($1) }).reversed()
    for match in ranked.filter({ !saysWhoWrites($0) }) + ranked.filter(saysWhoWrites) {
      guard let intent = dialogue.intent(match.intent) else { continue }
      apply(intent.assignments.filter { learnsRole || $0.slot != .role }, groups: match.groups)
    }
  }

  private mutating func apply(_ assignments: [SlotAssignment], groups: [String: String] = [:]) {
    for assignment in assignments {
      switch assignment.value {
      case .literal(let value): state.learned[assignment.slot] = value
      case .captured(let concept):
        if let group = groups[concept] { state.learned[assignment.slot] = group }
      }
    }
  }

  /// A crisis the examples are sure of in the words of a message besides the answer it holds ("nothing
  /// sent. wont need to. got them all lined up on my desk", just after "Has any money been sent so far?"):
  /// an answer the node asked for is taken before the last-resort guess, which would have read the whole
  /// message. On rounds 38 to 42 replayed, two crises were caught this way that were lost before, and no
  /// answer got a crisis page instead; on the parts tuned on, four did ("we were going to tonight. thats why
  /// im on here"). The examples' readings of abuse or danger sent "no. my coach said hed help me" to the
  /// abuse page, so of theirs only the writer's own crisis counts. Where only answers matched, the
  /// last-resort guess reads the rest too, any crisis (safety reads, session 25): of the crises the safety
  /// reads wrote, told after "yes and", "half of it." and the like, 19,056 of 20,268 reached a crisis page
  /// against 18,414 without it; on the parts tuned on, four answers did ("No thank god, we caught it before
  /// he did anything", from a parent), and 126 of 39,804 answers with everyday words after them.
  private func crisis(besides answer: IntentMatch, in recognition: Recognition) -> (match: IntentMatch, reason: String)? {
    let text = recognition.normalized
    let start = min(answer.start, text.words.count), end = min(max(answer.end, start), text.words.count)
    var rest = text
    rest.words = Array(text.words[..<start] + text.words[end...])
    rest.clauses = Array(text.clauses[..<start] + text.clauses[end...])
    guard rest.words.count >= Self.restOfAnAnswer else { return nil }
    // Where only answers matched, any crisis the last-resort guess finds in the rest, as it found it in the
    // whole message before an answer's pattern was written for its opening words ("half of it. hes
    // downstairs right now", "half of it. now he wants me to meet him"); not where a topic's pattern
    // explains the rest ("not yet, the amazon voucher is sitting in my basket").
    let onlyAnswers = recognition.matches.allSatisfy { $0.tier == .answer }
    guard let reading = dialogue.recognizer.examplesReading(rest).map(\.match).flatMap({ isOwnCrisis($0) ? $0 : nil })
      ?? (onlyAnswers ? dialogue.recognizer.guess(rest).flatMap({ $0.tier == .crisis ? $0 : nil }) : nil)
    else { return nil }
    // Told by a parent or a friend, it is their child's or friend's where "he", "she" or "they" is the
    // last person it names ("no he hasnt. i found he keeps looking up how long it takes"; second safety
    // read, session 24), not where the writer is ("yes. bye i guess. sorry for wasting ur time": safety
    // read, session 26). The examples' readings of abuse and danger are left to their patterns ("no. my
    // coach said hed help me").
    let people = dialogue.settings.othersWords.union(writersWords)
    if isOwnCrisis(reading), state.role == .parent || state.role == .friend, let theirs = someoneElsesCrisis,
      let named = rest.words.indices.last(where: { index in
        // not the "me" of someone telling them ("he texted me sorry for being a burden")
        people.contains(rest.words[index])
          && !(rest.words[index] == "me" && index > 0 && dialogue.settings.reportingWords.contains(rest.words[index - 1]))
      }),
      dialogue.settings.othersWords.contains(rest.words[named])
    {
      return (theirs, "the rest reads as a crisis, told by a \(state.role?.rawValue ?? "")")
    }
    return (reading, "the rest reads as a crisis: intent '\(reading.intent)' by \(reading.pattern)")
  }

  /// A crisis told after the answer a message opens with, read as a message of its own: a crisis pattern
  /// that holds a whole message ("^ nothing matters now $") finds it there too ("yes and nothing matters
  /// now", "no. nothing matters anymore"; second safety read, session 25). With the "yes ... times" money
  /// pattern narrowed, the first read's sweeps of crises told after an answer reached a crisis page 9,972
  /// of 10,134 and 19,554 of 20,268 times, against 9,675 and 19,044. Whose it is, as for a whole message.
  private func crisisAfterAnOpeningAnswer(in recognition: Recognition) -> IntentMatch? {
    let text = recognition.normalized
    var starts: [Int] = []
    if let answer = recognition.matches.filter({ $0.tier == .answer && $0.start == 0 }).max(by: { $0.end < $1.end }),
      let start = restAfter(answer, in: text)
    {
      starts.append(start)
    }
    // A short first sentence that reads as an answer or as money on its own, or holds an amount, is an
    // answer too ("yes 50. nothing matters now", "i did. …", "paid 100. …"; safety read, session 26); not
    // any short sentence ("cant tell my parents. they would kill me": second safety read).
    if let second = text.clauses.firstIndex(where: { $0 != text.clauses.first }), second <= Self.shortOpening,
      !starts.contains(second), text.words.count - second >= Self.restOfAnAnswer
    {
      let opening = text.part(0..<second)
      let read = dialogue.recognizer.recognize(opening).matches
      if opening.words.contains(where: { $0.allSatisfy(\.isNumber) })
        || (!read.isEmpty && read.allSatisfy { $0.tier == .answer || $0.tier == .payment || $0.tier == .writer })
      {
        starts.append(second)
      }
    }
    for start in starts where text.words.count - start >= Self.restOfAnAnswer {
      let rest = text.part(start..<text.words.count)
      let restRecognition = dialogue.recognizer.recognize(rest)
      if let crisis = mostUrgentCrisis(in: restRecognition) { return theirs(ifToldOfSomeoneElse: crisis, in: restRecognition) }
    }
    return nil
  }

  /// The writer's own crisis, told by a parent or a friend of someone else ("yes and hes been researching
  /// overdoses", "no. she says she wants to sleep forever"), is that person's: where "he", "she" or "they"
  /// is the subject of the crisis words and the sentence has none of the writer's own words (second
  /// safety read, session 25). Any "i", "me", "my" or "we" in it keeps it the writer's ("yes. she found me
  /// with the pills"), as does a crisis with a subject of its own ("since he posted them theres no point
  /// living"): the safety read of session 26 found a looser form of this rule sending a parent's own
  /// crisis to the page about their child.
  private func theirs(ifToldOfSomeoneElse crisis: IntentMatch, in recognition: Recognition) -> IntentMatch {
    let text = recognition.normalized
    guard isOwnCrisis(crisis), state.role == .parent || state.role == .friend, let theirs = someoneElsesCrisis,
      crisis.start < text.words.count
    else { return crisis }
    // Where a pattern already told someone else's crisis, `mostUrgentCrisis` has weighed whose it is
    // ("shes the one who wants to top herself not me. actually its both of us").
    guard !recognition.everyCrisisMatch.contains(where: isAboutSomeoneElse) else { return crisis }
    // The sentences the crisis words run through: "paid him and he still wants more. i honestly just want
    // to disappear forever" matches from "wants" to "forever".
    let last = text.clauses[min(max(crisis.end, crisis.start + 1), text.words.count) - 1]
    let sentence = text.words.indices.filter { (text.clauses[crisis.start]...last).contains(text.clauses[$0]) }
    guard !sentence.contains(where: { writersWords.contains(text.words[$0]) }) else { return crisis }
    // The subject of the crisis words: the word they open with, or the one before them past the words
    // that only carry the verb or report it ("he is been researching", "she said she will be gone").
    var subject = crisis.start
    if !dialogue.settings.othersWords.contains(text.words[subject]) {
      subject -= 1
      while subject >= (sentence.first ?? 0),
        Self.carriers.contains(text.words[subject]) || dialogue.settings.reportingWords.contains(text.words[subject])
      {
        subject -= 1
      }
    }
    guard subject >= (sentence.first ?? 0), dialogue.settings.othersWords.contains(text.words[subject]) else { return crisis }
    return theirs
  }

  /// Where the rest of a message begins after an answer it opens with, if punctuation or a joining word
  /// sets the answer apart ("yes and …", "half of it, 250. …"); "my sons not in danger or anything" opens
  /// with the words of a parent, not with an answer.
  private func restAfter(_ answer: IntentMatch, in text: NormalizedText) -> Int? {
    let end = min(answer.end, text.words.count)
    var start = end
    while start < text.words.count, dialogue.settings.connectingWords.contains(text.words[start]) { start += 1 }
    guard start > 0, start < text.words.count, start > end || text.clauses[start] != text.clauses[start - 1] else {
      return nil
    }
    return start
  }

  /// Every word by which the writer puts themselves in what they tell: `writers_own_words`, "we", "us", "our".
  private var writersWords: Set<String> {
    dialogue.settings.writersOwnWords.union(Self.writerAsSubject).union(Self.writerAsObject)
  }

  /// The node of the writer's own crisis (`own_crisis`).
  private var ownCrisisNode: String? { dialogue.settings.ownCrisis.flatMap { dialogue.intent($0)?.goto } }

  /// The writer's own crisis: `own_crisis`, or an intent that leads where it leads.
  private func isOwnCrisis(_ match: IntentMatch) -> Bool {
    match.intent == dialogue.settings.ownCrisis || (ownCrisisNode != nil && dialogue.intent(match.intent)?.goto == ownCrisisNode)
  }

  /// Whether a match's page is about someone else's crisis.
  private func isAboutSomeoneElse(_ match: IntentMatch) -> Bool { page(of: match)?.aboutSomeoneElse == true }

  /// The page a match's intent leads to.
  private func page(of match: IntentMatch) -> Node? { dialogue.intent(match.intent)?.goto.flatMap(dialogue.node) }

  /// The page that asks whether the person the check is about is safe: the writer's own crisis page, or
  /// someone else's.
  private var checkPage: Node? {
    let goto = state.crisisIsSomeoneElses ? someoneElsesCrisis.flatMap { dialogue.intent($0.intent)?.goto } : ownCrisisNode
    return goto.flatMap(dialogue.node)
  }

  /// The first crisis intent whose page is about someone else.
  private var someoneElsesCrisis: IntentMatch? {
    guard let (order, intent) = dialogue.intents.enumerated().first(where: { _, intent in
      intent.tier == .crisis && intent.goto.flatMap(dialogue.node)?.aboutSomeoneElse == true
    }) else { return nil }
    return IntentMatch(
      intent: intent.id, order: order, tier: .crisis, score: 0, start: 0, end: 0, pattern: "who is writing",
      patternLocation: intent.location, groups: [:])
  }

  /// Where a node sends an answer to "are you safe?" that is not clear (`unclear_safe_answer`), if it
  /// asks that question.
  private func askAgain(from node: Node?) -> (intent: String, goto: String)? {
    guard let unclear = dialogue.settings.unclearSafeAnswer, let goto = node?.target(for: unclear) else { return nil }
    return (unclear, goto)
  }

  /// Why an answer to "are you safe?" is not a plain yes, if it is not.
  private func notAPlainYes(_ recognition: Recognition, answeredBy match: IntentMatch) -> String? {
    let answer = recognition.normalized
    if let longest = dialogue.settings.longestSafeAnswer, answer.words.count > longest {
      return "an answer of \(answer.words.count) words is not a plain yes (longest_safe_answer: \(longest))"
    }
    // "yes 2", "yes the second one", "yes 1 or 2", where option 2 is "No, I'm not safe": any number may be
    // the answer; an unsure word ("yes ig") leaves it unsure (safety reads, session 24).
    let options = shownOptions()
    let numbers = answer.words.compactMap(optionNumber)
    if let number = numbers.first(where: { options.indices.contains($0 - 1) && !endsTheCheck(options[$0 - 1].goto) }) {
      return "option \(number) beside it would not end the check"
    }
    if let unsure = answer.words.first(where: dialogue.settings.unsureOptionWords.contains) {
      return "'\(unsure)' leaves it unsure"
    }
    // A yes that goes on to news with a page of its own at risk ("yes and he posted them anyway") is not
    // a plain yes, as "yes but hes posted them" is not (safety read, session 25).
    if let news = recognition.matches.first(where: { other in
      other.start >= match.end && other.tier != .answer && other.tier != .writer
        && (page(of: other)?.risk ?? .none) > .none
    }) {
      return "it goes on to '\(news.intent)'"
    }
    // Only the words after the yes are read: "yes im safe sorry" holds the words of a thousand
    // goodbyes, but what follows "yes im safe" is just "sorry".
    let rest = answer.part(min(match.end, answer.words.count)..<answer.words.count)
    if let reading = dialogue.recognizer.examplesReading(rest)?.match, reading.tier == .crisis {
      return "the rest reads as a crisis: intent '\(reading.intent)' by \(reading.pattern)"
    }
    // What the guess would make of the rest alone, had no pattern matched: "yes im safe, cleaning up
    // the blood" holds telling words of a crisis that no pattern names.
    if let guess = dialogue.recognizer.guess(rest), guess.tier == .crisis {
      return "the rest could be a crisis: intent '\(guess.intent)' by \(guess.pattern)"
    }
    return nil
  }

  /// The writer as the subject of what they tell: "i", and "we" when they are in it with someone ("we are
  /// both going to jump"; not "me": "my cousin asked me how many pills"). Grammar, not content, as are
  /// the two lists below; the content's word lists are in settings.yaml.
  private static let writerAsSubject: Set<String> = ["i", "we"]
  /// ... and in the words after: "they would be better off without us".
  private static let writerAsObject: Set<String> = ["us", "our"]
  /// Words between a subject and the crisis words that only carry the verb or say what it is looking
  /// into: "he is been researching overdoses", "she wont be around", "he said theres no point", "hes been
  /// asking which veins" ("hell" is "he'll" as the texting map leaves it).
  private static let carriers: Set<String> = [
    "is", "was", "are", "were", "been", "be", "has", "had", "have", "will", "would", "could", "might", "keeps", "kept",
    "just", "now", "still", "always", "really", "literally", "even", "again", "also", "not", "there", "theres",
    "wont", "cant", "doesnt", "dont", "isnt", "didnt", "never", "going", "gonna", "to", "want", "wants", "wanna",
    "hell", "shell", "researching", "asking", "looking", "googling", "searching", "up", "about", "into", "which",
  ]
  /// A message of at least this many words says more than an answer told in passing in it.
  private static let longMessage = 6
  /// Words besides an answer, at least this many, are read for a crisis (`crisis(besides:in:)`,
  /// `crisisAfterAnOpeningAnswer`).
  private static let restOfAnAnswer = 3
  /// A first sentence of at most this many words that reads as an answer or money may be one, and what
  /// follows it a message of its own (`crisisAfterAnOpeningAnswer`).
  private static let shortOpening = 4

  /// Whether arriving at this node ends the "are you safe?" check.
  private func endsTheCheck(_ goto: String) -> Bool { dialogue.node(goto)?.marksSafe == true }

  /// The option a word names by number or place: "2", "second".
  private func optionNumber(_ word: String) -> Int? {
    Int(word) ?? dialogue.settings.ordinals.firstIndex(of: word).map { $0 + 1 }
  }

  /// "2", "option 2", "the second one", or an option's own words.
  private func chosenOption(_ text: NormalizedText, besides matches: [IntentMatch]) -> (Int, String)? {
    guard !state.offered.isEmpty else { return nil }
    let words = text.words
    // "2", "number 2", "the 2nd one", "the second one", "3 pls": one number, and at most a few words
    // that only point at it.
    let numbers = words.compactMap(optionNumber)
    // "1 and 3": two or three options at once are taken in the order they were shown, the first of
    // them now (the options come most urgent first); never in a crisis, where "1 and 2" is both "yes,
    // I'm safe" and "no".
    // In a crisis a "no" beside the number is never only pointing at it, and an unsure word leaves the
    // choice unsure: "1 honestly no" and "prob 1" to "are you safe?" are not the first option, "yes" (safety
    // read, session 24).
    let unsure = state.inCrisis
      && words.contains { MessageIndex.answeringNo.contains($0) || dialogue.settings.unsureOptionWords.contains($0) }
    if !unsure, numbers.count == 1 || (numbers.count <= 3 && !state.inCrisis), words.count <= 3 + numbers.count,
      words.allSatisfy({ optionNumber($0) != nil || dialogue.settings.optionWords.contains($0) || (numbers.count > 1 && $0 == "and") }),
      numbers.allSatisfy({ state.offered.indices.contains($0 - 1) }), let first = numbers.min()
    {
      return (first, state.offered[first - 1])
    }
    // A number first, as a sentence of its own, picks its option when what follows tells nothing a
    // pattern knows ("3. on snap and insta both?", "2, ambulance is coming": round 45; not "2. also he
    // just said hes gonna send everything to my little sister"); in a crisis, only an option that does not
    // end the check ("1. im fine i guess" is not a plain yes).
    if words.count > 1, let number = Int(words[0]), state.offered.indices.contains(number - 1),
      text.clauses.count == words.count, text.clauses[1] != text.clauses[0],
      !matches.contains(where: { $0.start > 0 && $0.tier <= .general }),
      !state.inCrisis || !endsTheCheck(state.offered[number - 1])
    {
      return (number, state.offered[number - 1])
    }
    guard !words.isEmpty, words.count <= dialogue.longestLabel else { return nil }
    for (index, option) in shownOptions().enumerated() {
      for label in option.labels
      where (dialogue.labelWords[label] ?? dialogue.recognizer.normalizer.normalize(label).words) == words {
        return (index + 1, option.goto)
      }
    }
    return nil
  }

  /// The options shown last, each with every way it can be written, and its target.
  private func shownOptions() -> [(labels: [String], goto: String)] {
    let options = dialogue.node(state.node)?.options ?? []
    return state.offered.compactMap { goto in
      let choice =
        options.first { $0.goto == goto } ?? dialogue.intents.lazy.compactMap(\.offerChoice).first { $0.goto == goto }
      return choice.map { (labels: $0.allLabels, goto: goto) }
    }
  }

  /// Other concerns in the same message, offered as the first options so none is dropped.
  private func offers(_ recognition: Recognition, besides goto: String) -> [Choice] {
    var seen: Set<String> = [goto]
    var result: [Choice] = []
    for match in recognition.matches where match.tier <= .writer {
      guard let choice = dialogue.intent(match.intent)?.offerChoice, !seen.contains(choice.goto) else { continue }
      seen.insert(choice.goto)
      result.append(choice)
      if result.count == 2 { break }
    }
    return result
  }

  private mutating func arrive(
    at node: Node?, offers: [Choice], intents: [String], intent: String? = nil, decision: String, decidedBy: Turn.DecidedBy
  ) -> Turn {
    guard let node else { return notUnderstood(intents: intents) }
    // While someone may not be safe, a goodbye does not end the conversation ("gn", "night everyone"
    // can be one): where "are you safe?" was just asked, the check asks again, as for an answer that is
    // not clear; elsewhere the goodbye is said with the check, and the conversation stays open.
    if node.ends, state.inCrisis, let again = askAgain(from: dialogue.node(state.node)), again.goto != node.id {
      return arrive(
        at: dialogue.node(again.goto), offers: [], intents: intents, intent: again.intent,
        decision: decision + "; it would end the conversation while they may not be safe, so the check asks again",
        decidedBy: decidedBy)
    }
    if node.resets {
      // "start over" forgets the topic, never that someone may be in danger.
      let kept = state
      state = SessionState(node: node.id, hostCountry: state.hostCountry)
      (state.inCrisis, state.crisisIsSomeoneElses, state.askedCountry) =
        (kept.inCrisis, kept.crisisIsSomeoneElses, kept.askedCountry)
    }
    // Money in play on a crisis page: named now, or talked about before this crisis began.
    let moneyInPlay =
      node.risk == .high && !node.saysDontPay
      && (intents.contains { dialogue.intent($0)?.tier == .payment }
        || (!state.inCrisis && state.topics.contains { dialogue.moneyTopics.contains($0) }))
    apply(node.assignments)
    if let topic = node.topic, !state.topics.contains(topic) { state.topics.append(topic) }
    if node.risk == .high {
      // The person's own danger is never replaced by worry about someone else.
      if !state.inCrisis || state.crisisIsSomeoneElses { state.crisisIsSomeoneElses = node.aboutSomeoneElse }
      state.inCrisis = true
    }
    // Someone else being safe never ends the person's own crisis.
    if node.marksSafe && (!node.aboutSomeoneElse || state.crisisIsSomeoneElses) {
      (state.inCrisis, state.crisisIsSomeoneElses) = (false, false)
    }
    state.node = node.id

    var replies: [String] = []
    // The writer's own check stays first until they are safe, even when a later turn is about someone
    // else in danger ("i took pills" → "2" → "my mum is at the bridge not answering"; safety read, round 27).
    if state.inCrisis && (node.risk != .high || (node.aboutSomeoneElse && !state.crisisIsSomeoneElses)) {
      replies += renderer.render(crisisCheck)
    }
    let lines = node.lines(for: state.role)
    // Without a country, ask for it once, right after the first lines that had to give international help.
    var askAfter: Int?
    if state.country == nil, !state.askedCountry, let last = lines.lastIndex(where: Renderer.givesHelplines) {
      askAfter = last
      state.askedCountry = true
    }
    for (index, line) in lines.enumerated() {
      // Before the page's question, which stays its last line.
      if moneyInPlay, index == lines.count - 1, let money = dialogue.settings.crisisAndMoney(for: state.role) {
        replies += renderer.render(money)
      }
      replies += renderer.render(line)
      if index == askAfter { replies.append(dialogue.settings.askCountry) }
    }
    // Another concern comes first in the list, except after a crisis reply: there, "are you safe?"
    // must stay the first question, and the other concern waits below it.
    let options: [Choice]
    if node.risk == .high {
      options = node.options + offers.filter { offer in !node.options.contains { $0.goto == offer.goto } }
    } else {
      if !offers.isEmpty { replies.append(dialogue.settings.alsoMentioned) }
      options = offers + node.options.filter { option in !offers.contains { $0.goto == option.goto } }
    }
    state.offered = options.map(\.goto)
    let risk = state.inCrisis ? Risk.high : node.risk
    return Turn(
      replies: replies, options: labels(options), node: node.id, intent: intent, intents: intents, risk: risk,
      handoff: risk == .high, ends: node.ends && !state.inCrisis, decision: decision, decidedBy: decidedBy)
  }

  /// Nothing recognised: say so kindly, and keep the person where they were if that node expects answers.
  private mutating func notUnderstood(
    intents: [String], decision: String? = nil, decidedBy: Turn.DecidedBy = .fallback
  ) -> Turn {
    guard let fallback = dialogue.node(dialogue.settings.fallback) else {
      return saySetting(dialogue.settings.unreadable, decision: "no fallback node")
    }
    let current = dialogue.node(state.node)
    let staysHere = current.map { !$0.options.isEmpty || !$0.on.isEmpty } ?? false
    let options = (current?.options.isEmpty == false ? current?.options : nil) ?? fallback.options
    if !staysHere { state.node = fallback.id }
    var replies: [String] = []
    if state.inCrisis { replies += renderer.render(crisisCheck) }
    replies += renderer.render(fallback.lines(for: state.role))
    state.offered = options.map(\.goto)
    let risk = state.inCrisis ? Risk.high : (current?.risk ?? .none)
    return Turn(
      replies: replies, options: labels(options), node: fallback.id, intent: nil, intents: intents, risk: risk,
      handoff: risk == .high, ends: false,
      decision: decision ?? "fallback: no intent matched that leads anywhere from '\(current?.id ?? "?")'",
      decidedBy: decidedBy)
  }

  /// Fills helplines for this person's country, age and role.
  private var renderer: Renderer {
    Renderer(dialogue: dialogue, country: state.country, ageGroup: state.ageGroup, forParent: state.role == .parent)
  }

  /// Option labels in the words of whoever is writing.
  private func labels(_ options: [Choice]) -> [String] { options.map { $0.label(for: state.role) } }

  /// The question asked on every turn until the person says they (or the one they worry about) are safe.
  private var crisisCheck: [String] {
    state.crisisIsSomeoneElses ? dialogue.settings.crisisCheckSomeoneElse : dialogue.settings.crisisCheck
  }

  private mutating func saySetting(_ line: String, decision: String) -> Turn {
    var replies: [String] = []
    if state.inCrisis { replies += renderer.render(crisisCheck) }
    replies += renderer.render(line)
    let current = dialogue.node(state.node)
    let options = current?.options ?? []
    state.offered = options.map(\.goto)
    let risk = state.inCrisis ? Risk.high : (current?.risk ?? .none)
    return Turn(
      replies: replies, options: labels(options), node: state.node, intent: nil, intents: [], risk: risk,
      handoff: risk == .high, ends: false, decision: decision, decidedBy: .other)
  }
}
