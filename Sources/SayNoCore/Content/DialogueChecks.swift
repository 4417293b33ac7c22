import Foundation

/// The checks that need the whole content: references, reachability, and each intent's own samples.
struct DialogueChecks {
  let dialogue: Dialogue
  var checkingSamples = true

  func problems() -> [ContentError] {
    let texts = replyTexts()
    return duplicates() + references() + meanings() + reachability() + waysOnward()
      + (checkingSamples ? samples() : []) + helplines()
      + unlistedContacts(in: texts) + guardedPhrases(in: texts) + guardSamples() + readingGrades()
  }

  private func duplicates() -> [ContentError] {
    var problems: [ContentError] = []
    func check(_ items: [(id: String, location: Location)], kind: String) {
      var seen: [String: Location] = [:]
      for item in items {
        if let first = seen[item.id] {
          problems.append(ContentError(item.location, "duplicate \(kind) id '\(item.id)' (first at \(first))"))
        } else {
          seen[item.id] = item.location
        }
      }
    }
    check(dialogue.nodes.map { ($0.id, $0.location) }, kind: "node")
    check(dialogue.intents.map { ($0.id, $0.location) }, kind: "intent")
    check(dialogue.directories.map { ($0.code, $0.location) }, kind: "country")
    check(dialogue.directories.flatMap { $0.lines.map { ($0.id, $0.location) } }, kind: "helpline")
    return problems
  }

  /// An intent without a `goto` means something only where a node's `on:` expects it ("yes" after
  /// "have you paid?"), or by what it learns (`set:`, "my son is 14" tells who is writing); with none
  /// of these, it could never change a reply.
  private func meanings() -> [ContentError] {
    let expected = Set(dialogue.nodes.flatMap { $0.on.map(\.intent) })
    return dialogue.intents.filter { $0.goto == nil && !expected.contains($0.id) && $0.assignments.isEmpty }.map {
      ContentError($0.location, "intent '\($0.id)' has no 'goto', no 'set:' and no node's 'on:' expects it; add 'goto: <node>'")
    }
  }

  private func unknownNode(_ id: String, at location: Location, from what: String) -> ContentError? {
    guard dialogue.node(id) == nil else { return nil }
    let hint = FieldReader.closest(to: id, in: dialogue.nodes.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
    return ContentError(location, "\(what) links to unknown node '\(id)'\(hint)")
  }

  private func references() -> [ContentError] {
    var problems: [ContentError] = []
    let settings = dialogue.settings
    problems += [unknownNode(settings.start, at: settings.location, from: "settings 'start'")].compactMap { $0 }
    problems += [unknownNode(settings.fallback, at: settings.location, from: "settings 'fallback'")].compactMap { $0 }
    if let unclear = settings.unclearSafeAnswer, dialogue.intent(unclear) == nil {
      problems.append(
        ContentError(settings.location, "settings 'unclear_safe_answer' names unknown intent '\(unclear)'; write one from intents/, like 'hedge'"))
    }
    if let own = settings.ownCrisis, dialogue.intent(own)?.tier != .crisis {
      problems.append(
        ContentError(settings.location, "settings 'own_crisis' must name a crisis intent, not '\(own)'; write one from intents/crisis.yaml, like 'crisis.suicide'"))
    }
    for intent in dialogue.intents {
      if let goto = intent.goto, let problem = unknownNode(goto, at: intent.location, from: "intent '\(intent.id)'") {
        problems.append(problem)
      }
    }
    for node in dialogue.nodes {
      for option in node.options {
        if let problem = unknownNode(option.goto, at: option.location, from: "an option of node '\(node.id)'") {
          problems.append(problem)
        }
      }
      for rule in node.on {
        if let problem = unknownNode(rule.node, at: rule.location, from: "'on: \(rule.intent)' of node '\(node.id)'") {
          problems.append(problem)
        }
        if dialogue.intent(rule.intent) == nil {
          let hint = FieldReader.closest(to: rule.intent, in: dialogue.intents.map(\.id)).map { "; did you mean '\($0)'?" } ?? ""
          problems.append(ContentError(rule.location, "node '\(node.id)' expects unknown intent '\(rule.intent)'\(hint)"))
        }
      }
    }
    return problems
  }

  /// Every node must be reachable from the start, the fallback or an intent, through options and `on:`.
  private func reachability() -> [ContentError] {
    var reached: Set<String> = [dialogue.settings.start, dialogue.settings.fallback]
    reached.formUnion(dialogue.intents.compactMap(\.goto))
    var queue = Array(reached)
    while let id = queue.popLast() {
      guard let node = dialogue.node(id) else { continue }
      for next in node.options.map(\.goto) + node.on.map(\.node) where !reached.contains(next) {
        reached.insert(next)
        queue.append(next)
      }
    }
    return dialogue.nodes.filter { !reached.contains($0.id) }.map {
      ContentError($0.location, "node '\($0.id)' is never reached; link it from an option, an 'on:' or an intent's 'goto'")
    }
  }

  private func waysOnward() -> [ContentError] {
    dialogue.nodes.filter { !$0.ends && $0.options.isEmpty && $0.on.isEmpty }.map {
      ContentError(
        $0.location, "node '\($0.id)' has no way onward; add 'options:' or 'on:' (or 'end: true' if the conversation ends here)")
    }
  }

  private func samples() -> [ContentError] {
    var problems: [ContentError] = []
    for intent in dialogue.intents {
      for sample in intent.samples where dialogue.recognize(sample.value).match(intent.id) == nil {
        problems.append(
          ContentError(sample.location, "sample '\(sample.value)' is not recognised as intent '\(intent.id)'; add a pattern that matches it"))
      }
      for sample in intent.counterSamples {
        if let match = dialogue.recognize(sample.value).match(intent.id) {
          problems.append(
            ContentError(
              sample.location,
              "'\(sample.value)' is listed under 'not' but is recognised as intent '\(intent.id)' by pattern '\(match.pattern)' (\(match.patternLocation))"))
        }
      }
    }
    return problems
  }

  private func helplines() -> [ContentError] {
    dialogue.directories.flatMap { directory in
      directory.lines.filter { $0.services.isEmpty }.map {
        ContentError($0.location, "helpline '\($0.id)' says nothing under 'does'; add e.g. 'does: [support]'")
      }
    }
  }

  /// A reply may only give a phone number, text number, web or e-mail address that the checked
  /// helplines give: everything else must come through a placeholder such as `{crisis}`.
  private func unlistedContacts(in texts: [ReplyText]) -> [ContentError] {
    let listed = Set(dialogue.directories.flatMap { $0.lines.flatMap { Self.contacts(in: $0.say + " " + $0.short).map(\.key) } })
    return texts.flatMap { text in
      Self.contacts(in: text.text).filter { !listed.contains($0.key) }.map {
        ContentError(
          text.location,
          "\(text.where) gives '\($0.written)', which is not in helplines/; write a placeholder such as {support} or {crisis} instead")
      }
    }
  }

  /// The phone numbers (three digits or more, spaces and dashes ignored) and the web or e-mail
  /// addresses in a text, in a form that compares alike wherever they were written.
  static func contacts(in text: String) -> [(written: String, key: String)] {
    var found: [(written: String, key: String)] = []
    // Most lines hold neither a digit nor a dot inside a word ("site.org"): nothing to look at.
    var previous: UInt8 = 0
    var worthLooking = false
    for byte in text.utf8 {
      let isLetter = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
      if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (previous == UInt8(ascii: ".") && isLetter) {
        worthLooking = true
        break
      }
      previous = byte
    }
    guard worthLooking else { return found }
    let characters = Array(text)
    var index = 0
    // Numbers: a digit, then digits, spaces and dashes, ending on a digit ("+44 800-1111").
    while index < characters.count {
      guard characters[index].isASCII, characters[index].isNumber else {
        index += 1
        continue
      }
      var start = index
      if start > 0 && characters[start - 1] == "+" { start -= 1 }
      var end = index
      var probe = index
      while probe < characters.count, characters[probe].isASCII,
        characters[probe].isNumber || characters[probe] == " " || characters[probe] == "-"
      {
        if characters[probe].isNumber { end = probe }
        probe += 1
      }
      let written = String(characters[start...end])
      let digits = written.filter(\.isNumber)
      if digits.count >= 3 { found.append((written, digits)) }
      index = end + 1
    }
    // Addresses: words with a dot inside that end in two or more letters ("childline.org.uk", "a@b.com").
    for token in text.lowercased().split(whereSeparator: { $0 == " " || $0 == "," || $0 == "(" || $0 == ")" || $0 == "\"" }) {
      var word = Substring(token)
      while let last = word.last, ".:;!?".contains(last) { word = word.dropLast() }
      let host = word.split(separator: "/", maxSplits: 1).first ?? word
      let parts = host.split(separator: ".", omittingEmptySubsequences: false)
      guard parts.count >= 2, let tld = parts.last, tld.count >= 2, tld.allSatisfy({ $0.isASCII && $0.isLetter }),
        parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_@%+".contains($0)) } })
      else { continue }
      let written = String(word)
      found.append((written, written.hasPrefix("www.") ? String(written.dropFirst(4)) : written))
    }
    return found
  }

  /// A text a person can be shown, with where it was written.
  typealias ReplyText = (text: String, where: String, location: Location)

  /// Every text a person can be shown.
  private func replyTexts() -> [ReplyText] {
    let settings = dialogue.settings
    var texts: [ReplyText] =
      (settings.crisisCheck + settings.crisisCheckSomeoneElse
        + [settings.askCountry, settings.alsoMentioned, settings.unreadable, settings.tooLong]
        + (settings.crisisAndMoney.map { [$0] } ?? []) + settings.crisisAndMoneyTo.values.sorted())
      .map { ($0, "settings", settings.location) }
    for node in dialogue.nodes {
      let lines = node.say + Role.allCases.compactMap { node.sayTo[$0] }.flatMap { $0 } + node.options.flatMap(\.allLabels)
      texts += lines.map { ($0, "node '\(node.id)'", node.location) }
    }
    texts += dialogue.intents.flatMap { intent in
      (intent.offerChoice?.allLabels ?? []).map { ($0, "intent '\(intent.id)'", intent.location) }
    }
    return texts
  }

  private func guardedPhrases(in texts: [ReplyText]) -> [ContentError] {
    texts.compactMap { text in
      dialogue.guards.violation(in: text.text).map {
        ContentError(
          text.location,
          "\(text.where) says '\($0.text)' (guards.yaml, \($0.kind)) in \"\(text.text)\"; no reply may say this, unless right after \"don't\"")
      }
    }
  }

  /// guards.yaml's own tests: it must flag each line under `catches` and let each under `passes` through.
  private func guardSamples() -> [ContentError] {
    let guards = dialogue.guards
    return guards.catches.filter { guards.violation(in: $0.value) == nil }.map {
      ContentError($0.location, "'\($0.value)' is listed under 'catches' but no phrase in guards.yaml catches it; add one")
    }
      + guards.passes.compactMap { line in
        guards.violation(in: line.value).map {
          ContentError(line.location, "'\(line.value)' is listed under 'passes' but phrase '\($0.text)' (\($0.kind)) catches it")
        }
      }
  }

  private func readingGrades() -> [ContentError] {
    let limit = dialogue.guards.maxGrade
    return dialogue.readingGrades().filter { $0.grade > limit }.map {
      ContentError(
        $0.location,
        "node '\($0.node)' (\($0.role)) reads at grade \(String(format: "%.1f", $0.grade)), above max_grade \(limit) in guards.yaml; use shorter sentences and plainer words"
      )
    }
  }
}
