import Foundation

extension Dialogue {
  /// Loads and checks content from its files; every problem is reported at once.
  ///
  /// - Parameters:
  ///   - files: the files under `Dialogues/`, paths relative to it. Other files are ignored.
  ///   - checkingSamples: whether each intent's `samples:` and `not:` are recognised as they say. They
  ///     test the patterns rather than keep a reply safe, and are most of the loading time, so the
  ///     helper leaves them to `sayno check` (and CI); every other check runs at every start.
  /// - Throws: `ContentErrors`, listing each problem as `file:line:col: error: …`.
  public init(files: [ContentFile], checkingSamples: Bool = true) throws(ContentErrors) {
    var loader = DialogueLoader(checkingSamples: checkingSamples)
    let dialogue = loader.load(files.sorted { $0.path < $1.path })
    guard let dialogue, loader.errors.isEmpty else {
      throw ContentErrors(errors: loader.errors.sorted())
    }
    self = dialogue
  }
}

/// Reads each kind of content file into the model, then checks that the whole hangs together.
struct DialogueLoader {
  let checkingSamples: Bool
  private(set) var errors: [ContentError] = []

  init(checkingSamples: Bool) { self.checkingSamples = checkingSamples }
  private var texting: [String: [String]] = [:]
  private var sayings: [String: [[String]]] = [:]
  private var concepts: [Concept] = []
  private var conceptIndex: [String: Int] = [:]
  private var knownWords: Set<String> = []

  static let placeholders = Helpline.Service.allCases.map(\.rawValue) + ["country"]

  mutating func load(_ files: [ContentFile]) -> Dialogue? {
    func inFolder(_ folder: String) -> [ContentFile] {
      files.filter { $0.path.hasPrefix(folder + "/") && ($0.path.hasSuffix(".yaml") || $0.path.hasSuffix(".yml")) }
    }
    let settingsFile = files.first { $0.path == "settings.yaml" }
    if let file = files.first(where: { $0.path == "texting.yaml" }), let tree = parse(file) { readTexting(tree) }
    if let file = files.first(where: { $0.path == "words.txt" }) { readWords(file) }
    var directories: [CountryDirectory] = []
    for file in inFolder("helplines") {
      if let tree = parse(file), let directory = readDirectory(tree) { directories.append(directory) }
    }
    if let file = files.first(where: { $0.path == "concepts.yaml" }), let tree = parse(file) { readConcepts(tree) }
    addCountryConcept(directories)
    var intents: [Intent] = []
    for file in inFolder("intents") {
      if let tree = parse(file) { intents += readList(tree, kind: "intent") { $0.readIntent($1) } }
    }
    var nodes: [Node] = []
    for file in inFolder("nodes") {
      if let tree = parse(file) { nodes += readList(tree, kind: "node") { $0.readNode($1) } }
    }
    guard let settingsFile else {
      errors.append(
        ContentError(Location(file: "settings.yaml"), "settings.yaml is missing; it names the 'start' and 'fallback' nodes"))
      return nil
    }
    guard let settingsTree = parse(settingsFile), let settings = readSettings(settingsTree) else { return nil }
    var guards: ContentGuards?
    if let file = files.first(where: { $0.path == "guards.yaml" }) {
      if let tree = parse(file) { guards = readGuards(tree) }
    } else {
      errors.append(
        ContentError(
          Location(file: "guards.yaml"),
          "guards.yaml is missing; it lists the phrases no reply may say, like 'phrases: {payment: [\"go ahead and pay\"]}'"))
    }
    guard let guards else { return nil }
    if !directories.contains(where: { $0.code == Dialogue.internationalCode }) {
      errors.append(
        ContentError(
          Location(file: "helplines/international.yaml"),
          "there are no international helplines; add helplines/international.yaml with 'country: \(Dialogue.internationalCode)'"))
    }
    let examples = readExamples(inFolder("eval/" + EvaluationSet.tuningFolder), intents: intents)
    let dialogue = Dialogue(
      settings: settings, intents: intents, nodes: nodes, concepts: concepts, texting: texting,
      directories: directories, guards: guards, knownWords: knownWords, examples: examples,
      fingerprint: SavedState.checksum(files.map { $0.path + "\u{0}" + $0.text }.joined(separator: "\u{0}")))
    // The checks run only on content that reads cleanly: one broken file (a texting map with a key
    // written twice) would otherwise come back as dozens of samples that no longer match.
    if errors.isEmpty { errors += DialogueChecks(dialogue: dialogue, checkingSamples: checkingSamples).problems() }
    return dialogue
  }

  /// The labelled messages the recogniser learns from when no pattern matched, each by the intent that
  /// must decide its reply (nil for a message about none of them). Answers in the middle of a
  /// conversation (`after:`) are left out: "i did" means a payment only after "have you sent money?".
  private mutating func readExamples(_ files: [ContentFile], intents: [Intent]) -> [(text: String, intent: String?)] {
    let set: EvaluationSet
    do {
      set = try EvaluationSet(files: [], tuning: files)
    } catch {
      errors += error.errors
      return []
    }
    let known = Set(intents.map(\.id))
    var examples: [(text: String, intent: String?)] = []
    for example in set.examples where example.after == nil {
      guard let intent = example.intents.first else { continue }
      guard intent != EvaluationSet.notUnderstood else {
        examples.append((example.text, nil))
        continue
      }
      guard known.contains(intent) else {
        errors.append(
          ContentError(example.location, "intent '\(intent)' is not defined; name one from intents/, like 'intents: [payment.demand]'"))
        continue
      }
      examples.append((example.text, intent))
    }
    return examples
  }

  private mutating func parse(_ file: ContentFile) -> YAMLTree? {
    switch YAMLTree.parse(file) {
    case .success(let tree):
      if tree == nil { errors.append(ContentError(Location(file: file.path), "the file is empty")) }
      return tree
    case .failure(let error):
      errors.append(error)
      return nil
    }
  }

  // MARK: Words

  /// The words a piece of content stands for, as a message's words would be after normalising.
  private func words(of text: String) -> [String] {
    Normalizer.textingWords(of: text, texting: texting, sayings: sayings)
  }

  private mutating func readTexting(_ tree: YAMLTree) {
    guard let pairs = tree.map else {
      errors.append(ContentError(tree.location, "texting.yaml must map short forms to words, like 'u: you'"))
      return
    }
    for pair in pairs {
      let key = Normalizer.tokenize(pair.key).map(\.word)
      guard !key.isEmpty, let meaning = pair.value.scalar, !meaning.isEmpty else {
        errors.append(ContentError(
          pair.keyLocation, "texting: '\(pair.key)' must be a word or saying mapped to its meaning, like 'u: you'"))
        continue
      }
      let typed = key.joined(separator: " ")
      if texting[typed] != nil {
        errors.append(ContentError(pair.keyLocation, "texting: '\(pair.key)' is mapped twice"))
      }
      texting[typed] = Normalizer.tokenize(meaning).map(\.word)
    }
    sayings = Normalizer.sayings(in: texting)
  }

  private mutating func readWords(_ file: ContentFile) {
    knownWords.reserveCapacity(20_000)
    for line in file.text.utf8.split(separator: UInt8(ascii: "\n")) {
      if line.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) }) {
        knownWords.insert(String(decoding: line, as: UTF8.self))  // the usual line: one plain word
        continue
      }
      let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces)
      if text.isEmpty || text.hasPrefix("#") { continue }
      knownWords.formUnion(Normalizer.tokenize(text).map(\.word))
    }
  }

  // MARK: Concepts

  private mutating func readConcepts(_ tree: YAMLTree) {
    guard let pairs = tree.map else {
      errors.append(ContentError(tree.location, "concepts.yaml must map each concept name to its words, like 'images: [pics, nudes]'"))
      return
    }
    for pair in pairs {
      var phrases: [(words: [String], group: String?)] = []
      if let list = pair.value.list {
        phrases = readPhrases(list, concept: pair.key, group: nil)
      } else if let groups = pair.value.map {
        for group in groups {
          guard let list = group.value.list else {
            errors.append(ContentError(group.keyLocation, "group '\(group.key)' of concept '\(pair.key)' must be a list of words"))
            continue
          }
          phrases += readPhrases(list, concept: pair.key, group: group.key)
        }
      } else {
        errors.append(ContentError(pair.value.location, "concept '\(pair.key)' must be a list like '[pics, nudes]' or groups of lists"))
        continue
      }
      addConcept(Concept(name: pair.key, phrases: phrases, location: pair.keyLocation))
    }
  }

  private mutating func readPhrases(_ list: [YAMLTree], concept: String, group: String?) -> [(words: [String], group: String?)] {
    list.compactMap { item in
      guard let text = item.scalar, case let phrase = words(of: text), !phrase.isEmpty else {
        errors.append(ContentError(item.location, "concept '\(concept)' has an item with no words"))
        return nil
      }
      return (phrase, group)
    }
  }

  private mutating func addConcept(_ concept: Concept) {
    if let existing = conceptIndex[concept.name] {
      errors.append(ContentError(concept.location, "concept '\(concept.name)' is defined twice (first at \(concepts[existing].location))"))
      return
    }
    conceptIndex[concept.name] = concepts.count
    concepts.append(concept)
  }

  /// Country names come from the helplines, so a new country file is understood at once.
  private mutating func addCountryConcept(_ directories: [CountryDirectory]) {
    let phrases = directories.flatMap { directory in
      directory.names.map { (words: words(of: $0), group: Optional(directory.code)) }.filter { !$0.words.isEmpty }
    }
    addConcept(Concept(name: "country", phrases: phrases, location: Location(file: "helplines")))
  }

  // MARK: Lists of intents and nodes

  private mutating func readList<Item>(
    _ tree: YAMLTree, kind: String, read: (inout Self, YAMLTree) -> Item?
  ) -> [Item] {
    guard let items = tree.list else {
      errors.append(ContentError(tree.location, "this file must be a list of \(kind)s, each starting with '- \(kind): <id>'"))
      return []
    }
    var result: [Item] = []
    for item in items { if let read = read(&self, item) { result.append(read) } }
    return result
  }

  private mutating func readIntent(_ tree: YAMLTree) -> Intent? {
    let id = tree.map?.first { $0.key == "intent" }?.value.scalar ?? "?"
    var fields = FieldReader(
      tree, what: "intent '\(id)'",
      allowed: ["intent", "tier", "goto", "offer", "offer_to", "set", "patterns", "samples", "not"])
    defer { errors += fields.errors }
    guard let idText = fields.string("intent", required: true, example: "payment.demand") else { return nil }
    var tier = Tier.general
    if let tierText = fields.string("tier", required: true, example: "general") {
      if let parsed = Tier(name: tierText.value) {
        tier = parsed
      } else {
        fields.fail(tierText.location, "tier '\(tierText.value)' of intent '\(id)' must be one of: \(Tier.allCases.map(\.name).joined(separator: ", "))")
      }
    }
    let goto = fields.string("goto", example: "node.id")
    var patterns: [Pattern] = []
    for source in fields.strings("patterns", example: "@pay ... or @post") {
      if let pattern = compilePattern(source) { patterns.append(pattern) }
    }
    if fields.value("patterns") == nil || patterns.isEmpty && fields.value("patterns")?.list?.isEmpty == true {
      fields.fail(tree.location, "intent '\(id)' has no pattern; add 'patterns:' with lines like '  - \"@pay ... or @post\"'")
    }
    let assignments = readAssignments(&fields, patterns: patterns)
    let offerTo = roleTexts("offer_to", in: &fields)
    return Intent(
      id: idText.value, tier: tier, goto: goto?.value, offer: fields.string("offer")?.value, offerTo: offerTo,
      assignments: assignments, patterns: patterns,
      samples: fields.strings("samples"), counterSamples: fields.strings("not"), location: idText.location)
  }

  private mutating func compilePattern(_ source: Located<String>) -> Pattern? {
    var terms: [Pattern.Term] = []
    var named: [String] = []
    var failed = false
    func fail(_ message: String) {
      errors.append(ContentError(source.location, "pattern '\(source.value)': \(message)"))
      failed = true
    }
    for raw in source.value.split(whereSeparator: \.isWhitespace).map(String.init) {
      switch raw {
      case "...", "…": continue
      case _ where raw.hasPrefix("..") && raw.dropFirst(2).allSatisfy(\.isNumber):
        // At most this many words before the next term: "sorry ..0 mum ..0 bye $" is "sorry mum. bye",
        // not "sorry mums calling bye". A larger gap ("..4") would otherwise be read as a word that no
        // message holds, and the pattern would never match.
        guard let gap = Int(raw.dropFirst(2)), gap <= 3 else {
          fail("'\(raw)': a gap is at most '..3' words; for any gap, leave the terms apart ('safer ... in')")
          continue
        }
        let isBetweenTerms = terms.last.map { $0 != .start } ?? false
        if !isBetweenTerms { fail("'\(raw)' stands between two terms, like 'sorry ..0 mum'") }
        terms.append(.within(gap))
      case "^": terms.append(.start)
      case "$": terms.append(.end)
      case "#": terms.append(.number)
      default:
        if raw.split(whereSeparator: { $0 == "|" || $0 == "+" }).contains(where: { $0 == "$" || $0 == "^" }) {
          // "out $|for+good" reads as one term that must match a word "$"; the anchor never applies.
          fail("'\(raw)' puts '^' or '$' inside a term; they stand alone, with spaces: 'just+want+out $' (for a dollar sign, write 'dollars')")
        } else if raw.hasPrefix("@") && !raw.contains("+") && !raw.contains("|") {
          let name = String(raw.dropFirst())
          if let index = conceptIndex[name] {
            terms.append(.concept(index))
          } else {
            let hint = FieldReader.closest(to: name, in: Array(conceptIndex.keys).sorted()).map { "; did you mean '@\($0)'?" } ?? ""
            fail("unknown concept '@\(name)'\(hint)")
          }
        } else if raw.contains("+") || raw.contains("(") || raw.contains(")") {
          // Words next to each other, or one of several such phrases: "end+it+all", "want+to|wanna",
          // "(my|our)+(son|daughter)+(is|was)", "@my_child+(is|was)". A word the texting map expands
          // ("im" → "i am") simply adds its words to the phrase.
          // A concept with groups in it ("i+am+@age") is learnt from, as when it stands alone.
          switch adjacentPhrases(raw) {
          case .success(let phrases):
            named += phrases.flatMap(\.words).filter { $0 != "#" }
            let stems = phrases.map { $0.words.map(WordStem.of) }
            let groups = phrases.compactMap(\.group)
            if groups.isEmpty {
              terms.append(.phrase(Pattern.Phrases(stems)))
            } else if groups.count == phrases.count, Set(groups.map(\.concept)).count == 1 {
              terms.append(.phrase(Pattern.Phrases(stems), learns: Pattern.Learns(concept: groups[0].concept, groups: groups.map(\.name))))
            } else {
              fail("'\(raw)' holds a concept with groups in only some of its phrases; write one pattern for each")
            }
          case .failure(let problem):
            fail(problem.message)
          }
        } else if raw.contains("|") {
          let pieces = raw.split(separator: "|").map(String.init)
          let alternatives = pieces.map { words(of: $0) }
          if pieces.contains(where: { $0.hasPrefix("@") || $0.hasPrefix("#") }) {
            fail("'\(raw)' mixes a concept or '#' into alternatives; write one pattern for each instead")
          } else if alternatives.contains(where: \.isEmpty) {
            fail("'\(raw)' has an alternative with no letters or digits; terms are \(Pattern.syntax)")
          } else if alternatives.contains(where: { $0.count != 1 }) {
            // An alternative the texting map expands ("wana" → "want to") is matched as a phrase.
            if pieces.contains(where: { $0.hasSuffix("*") }) {
              fail("'\(raw)' mixes beginnings ('*') with an alternative of several words; write two patterns")
            } else {
              named += alternatives.flatMap { $0 }
              terms.append(.phrase(Pattern.Phrases(alternatives.map { $0.map(WordStem.of) })))
            }
          } else {
            let isPrefix = pieces.map { $0.hasSuffix("*") }
            let whole = zip(alternatives, isPrefix).filter { !$0.1 }.map { $0.0[0] }
            named += whole
            terms.append(
              .anyOf(whole.map(WordStem.of), prefixes: zip(alternatives, isPrefix).filter { $0.1 }.map { $0.0[0] }))
          }
        } else if raw.hasSuffix("*") {
          let stem = Normalizer.tokenize(String(raw.dropLast())).map(\.word)
          if stem.count == 1 { terms.append(.prefix(stem[0])) } else { fail("'\(raw)' must be one word's beginning followed by '*'") }
        } else {
          let pieces = words(of: raw)
          if pieces.isEmpty { fail("'\(raw)' has no letters or digits; terms are \(Pattern.syntax)") }
          named += pieces
          terms += pieces.map { .word(WordStem.of($0)) }
        }
      }
    }
    if !failed, let last = terms.last(where: { $0 != .end }), case .within = last {
      fail("'..N' stands between two terms, like 'sorry ..0 mum'; at the end of a pattern it limits nothing")
    }
    if !failed && terms.allSatisfy({ $0 == .start || $0 == .end }) { fail("it has no words; terms are \(Pattern.syntax)") }
    return failed ? nil : Pattern(terms: terms, namedWords: named, source: source.value, location: source.location)
  }

  /// Why a '+' term could not be read.
  private struct PhraseProblem: Error { var message: String }

  /// One phrase a '+' term stands for, and the group it tells of a concept with groups, if it holds one.
  private struct PhraseOption {
    var words: [String]
    var group: (concept: Int, name: String)?
  }

  /// The phrases a '+' term stands for, or why it cannot be read.
  private func adjacentPhrases(_ raw: String) -> Result<[PhraseOption], PhraseProblem> {
    guard !raw.contains("*") else {
      return .failure(PhraseProblem(message: "'\(raw)' joins words with '+'; it can hold whole words, '#', '(a|b)' or '@concept', not beginnings ('*')"))
    }
    return phrases(of: raw[...]).mapError { PhraseProblem(message: "'\(raw)' \($0.message)") }
  }

  /// Alternatives split by '|' outside brackets, each of pieces joined by '+'. A piece is a word, '#', a
  /// concept ('@my_child', its phrases), or brackets, read the same way one level down
  /// ('(is|was|young+lad)'). Every combination of the pieces is one phrase; at most one of its pieces
  /// may be a concept with groups ('i+am+@age'), whose group the phrase then tells.
  private func phrases(of text: Substring) -> Result<[PhraseOption], PhraseProblem> {
    func problem(_ message: String) -> Result<[PhraseOption], PhraseProblem> { .failure(PhraseProblem(message: message)) }
    let unpaired = "has brackets that do not pair up; write '(is|was)+here'"
    guard let alternatives = Self.split(text, on: "|") else { return problem(unpaired) }
    var phrases: [PhraseOption] = []
    for alternative in alternatives {
      guard let pieces = Self.split(alternative, on: "+") else { return problem(unpaired) }
      var combinations = [PhraseOption(words: [])]
      for piece in pieces {
        let options: [PhraseOption]
        if piece.hasPrefix("(") && piece.hasSuffix(")") {
          switch self.phrases(of: piece.dropFirst().dropLast()) {
          case .success(let inner): options = inner
          case .failure(let failure): return .failure(failure)
          }
        } else if piece.hasPrefix("@") {
          guard let index = conceptIndex[String(piece.dropFirst())] else { return problem("names an unknown concept '\(piece)'") }
          options = concepts[index].phrases.map { phrase in
            PhraseOption(words: phrase.words, group: phrase.group.map { (concept: index, name: $0) })
          }
        } else if piece.contains("(") || piece.contains(")") {
          return problem("puts a bracket inside a word; brackets hold whole alternatives, like '(is|was)+here'")
        } else {
          options = [PhraseOption(words: piece == "#" ? ["#"] : words(of: String(piece)))]
        }
        if options.contains(where: \.words.isEmpty) {
          return problem("has a phrase with no letters or digits; write words next to each other as 'end+it+all'")
        }
        if combinations.contains(where: { $0.group != nil }) && options.contains(where: { $0.group != nil }) {
          return problem("joins two concepts with groups; one phrase can tell only one thing to learn")
        }
        combinations = combinations.flatMap { head in
          options.map { PhraseOption(words: head.words + $0.words, group: head.group ?? $0.group) }
        }
        if combinations.count > 5_000 { return problem("stands for more than 5,000 phrases; split it into several patterns") }
      }
      phrases += combinations
    }
    return .success(phrases)
  }

  /// Splits on a separator outside brackets; nil when the brackets do not pair up or nest.
  private static func split(_ text: Substring, on separator: Character) -> [Substring]? {
    var parts: [Substring] = []
    var depth = 0
    var start = text.startIndex
    for index in text.indices {
      switch text[index] {
      case "(": depth += 1
      case ")": depth -= 1
      case separator where depth == 0:
        parts.append(text[start..<index])
        start = text.index(after: index)
      default: break
      }
      if depth < 0 || depth > 1 { return nil }
    }
    return depth == 0 ? parts + [text[start...]] : nil
  }

  private mutating func readAssignments(_ fields: inout FieldReader, patterns: [Pattern]?) -> [SlotAssignment] {
    guard let tree = fields.value("set") else { return [] }
    guard let pairs = tree.map else {
      fields.fail(tree.location, "'set' must map what is learned to its value, like 'set: {role: parent}'")
      return []
    }
    var result: [SlotAssignment] = []
    for pair in pairs {
      guard let slot = Slot(rawValue: pair.key) else {
        fields.fail(pair.keyLocation, "'set' can learn \(Slot.allCases.map(\.rawValue).joined(separator: ", ")), not '\(pair.key)'")
        continue
      }
      guard let text = pair.value.scalar, !text.isEmpty else {
        fields.fail(pair.value.location, "'\(pair.key)' in 'set' needs a value, like '\(pair.key): yes'")
        continue
      }
      if text.hasPrefix("@") {
        let concept = String(text.dropFirst())
        let grouped = conceptIndex[concept].map { concepts[$0].phrases.contains { $0.group != nil } } ?? false
        let used = patterns?.contains { pattern in
          pattern.terms.contains { term in
            switch term {
            case .concept(let index): index == conceptIndex[concept]
            case .phrase(_, let learns?): learns.concept == conceptIndex[concept]
            default: false
            }
          }
        } ?? false
        if !grouped {
          fields.fail(pair.value.location, "'\(text)' must name a concept with groups, like 'age: {under18: [...], adult: [...]}'")
        } else if !used {
          fields.fail(pair.value.location, "'\(text)' is learned, but no pattern of \(fields.what) uses '\(text)'")
        }
        result.append(SlotAssignment(slot: slot, value: .captured(concept: concept)))
        continue
      }
      if slot == .role && Role(rawValue: text) == nil {
        fields.fail(pair.value.location, "role '\(text)' must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
      }
      result.append(SlotAssignment(slot: slot, value: .literal(text)))
    }
    return result
  }

  private mutating func readNode(_ tree: YAMLTree) -> Node? {
    let id = tree.map?.first { $0.key == "node" }?.value.scalar ?? "?"
    let what = "node '\(id)'"
    var fields = FieldReader(
      tree, what: what,
      allowed: ["node", "risk", "topic", "set", "say", "say_to", "options", "on", "reset", "end", "safe", "someone_else", "says_dont_pay"])
    defer { errors += fields.errors }
    guard let idText = fields.string("node", required: true, example: "payment.demand") else { return nil }
    var risk = Risk.none
    if let riskText = fields.string("risk") {
      if let parsed = Risk(rawValue: riskText.value) {
        risk = parsed
      } else {
        fields.fail(riskText.location, "risk '\(riskText.value)' must be one of: none, elevated, high")
      }
    }
    let say = fields.strings("say", required: true, example: "That sounds really frightening.")
    var sayTo: [Role: [String]] = [:]
    var allLines = say
    if let tree = fields.value("say_to") {
      for pair in tree.map ?? [] {
        guard let role = Role(rawValue: pair.key) else {
          fields.fail(pair.keyLocation, "say_to: '\(pair.key)' must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
          continue
        }
        let lines = fields.lines(of: pair.value, key: "say_to: \(pair.key)")
        allLines += lines
        sayTo[role] = lines.map(\.value)
      }
      if tree.map == nil { fields.fail(tree.location, "'say_to' must map a role to its lines, like 'say_to: {parent: [...]}'") }
    }
    for line in allLines { checkPlaceholders(line, in: &fields) }
    var options: [Choice] = []
    if let tree = fields.value("options") {
      for item in tree.list ?? [] {
        var option = FieldReader(item, what: "an option of \(what)", allowed: ["label", "label_to", "goto"])
        let labelTo = roleTexts("label_to", in: &option)
        if let label = option.string("label", required: true, example: "I already paid"),
          let goto = option.string("goto", required: true, example: "payment.paid")
        {
          options.append(Choice(label: label.value, labelTo: labelTo, goto: goto.value, location: label.location))
        }
        fields.errors.append(contentsOf: option.errors)
      }
      if tree.list == nil { fields.fail(tree.location, "'options' must be a list of '- label: … / goto: …'") }
    }
    var on: [(intent: String, node: String, location: Location)] = []
    if let tree = fields.value("on") {
      for pair in tree.map ?? [] {
        if let node = pair.value.scalar, !node.isEmpty {
          on.append((pair.key, node, pair.keyLocation))
        } else {
          fields.fail(pair.value.location, "'\(pair.key)' under 'on' must name a node, like '\(pair.key): payment.paid'")
        }
      }
      if tree.map == nil { fields.fail(tree.location, "'on' must map an intent to a node, like 'on: {yes: payment.paid}'") }
    }
    return Node(
      id: idText.value, risk: risk, topic: fields.string("topic")?.value,
      assignments: readAssignments(&fields, patterns: nil), say: say.map(\.value), sayTo: sayTo,
      options: options, on: on, resets: fields.bool("reset"), ends: fields.bool("end"), marksSafe: fields.bool("safe"),
      aboutSomeoneElse: fields.bool("someone_else"), saysDontPay: fields.bool("says_dont_pay"), location: idText.location)
  }

  /// A field mapping roles to one line each (`label_to`, `offer_to`): `{parent: "…", friend: "…"}`.
  private func roleTexts(_ key: String, in fields: inout FieldReader) -> [Role: String] {
    guard let tree = fields.value(key) else { return [:] }
    guard let pairs = tree.map else {
      fields.fail(tree.location, "'\(key)' must map a role to one line, like '\(key): {parent: \"…\"}'")
      return [:]
    }
    var texts: [Role: String] = [:]
    for pair in pairs {
      guard let role = Role(rawValue: pair.key) else {
        fields.fail(pair.keyLocation, "\(key): '\(pair.key)' must be one of: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
        continue
      }
      if let text = pair.value.scalar, !text.isEmpty {
        texts[role] = text
      } else {
        fields.fail(pair.value.location, "\(key): \(pair.key) must be one line of text")
      }
    }
    return texts
  }

  private func checkPlaceholders(_ line: Located<String>, in fields: inout FieldReader) {
    for name in Renderer.placeholders(in: line.value) where !Self.placeholders.contains(name) {
      fields.fail(line.location, "unknown placeholder '{\(name)}'; use one of: \(Self.placeholders.map { "{\($0)}" }.joined(separator: ", "))")
    }
  }

  // MARK: Settings and helplines

  private mutating func readSettings(_ tree: YAMLTree) -> Settings? {
    var fields = FieldReader(
      tree, what: "settings", allowed: [
        "start", "fallback", "crisis_check", "crisis_check_someone_else", "ask_country", "also_mentioned", "unreadable",
        "too_long", "longest_safe_answer", "unclear_safe_answer", "own_crisis", "writers_own_words", "reporting_words", "others_words",
        "option_words", "unsure_option_words", "connecting_words", "ordinals", "crisis_and_money", "crisis_and_money_to",
      ])
    defer { errors += fields.errors }
    let start = fields.string("start", required: true, example: "welcome")
    let fallback = fields.string("fallback", required: true, example: "not_understood")
    let crisisCheck = fields.strings("crisis_check", required: true, example: "Are you safe right now?")
    let also = fields.string("also_mentioned", required: true, example: "You also told me something else.")
    let askCountry = fields.string("ask_country", required: true, example: "Which country are you in?")
    let unreadable = fields.string("unreadable", required: true, example: "Sorry, I couldn't read that.")
    let tooLong = fields.string("too_long", required: true, example: "That message is too long for me.")
    let crisisAndMoney = fields.string("crisis_and_money")
    let crisisCheckOther = fields.strings(
      "crisis_check_someone_else", required: true, example: "Is the person you're worried about safe right now?")
    for line in crisisCheck + crisisCheckOther { checkPlaceholders(line, in: &fields) }
    let longest = fields.string("longest_safe_answer")
    let longestSafeAnswer = longest.flatMap { Int($0.value) }
    if let longest, longestSafeAnswer == nil {
      fields.fail(longest.location, "'longest_safe_answer' must be a number of words, like 'longest_safe_answer: 9'")
    }
    let unclearSafeAnswer = fields.string("unclear_safe_answer")
    if (longest == nil) != (unclearSafeAnswer == nil), let given = longest?.location ?? unclearSafeAnswer?.location {
      fields.fail(given, "'longest_safe_answer' and 'unclear_safe_answer' work together; give both, like 'longest_safe_answer: 9' and 'unclear_safe_answer: hedge'")
    }
    // Compared with the words of a message after the texting map, so each must be one such word.
    func words(_ key: String, example: String) -> [String] {
      fields.strings(key).compactMap { line in
        let tokens = Normalizer.tokenize(line.value).map(\.word)
        if tokens.count == 1 { return tokens[0] }
        fields.fail(line.location, "'\(key)' holds single words, like '\(key): [\(example)]'; '\(line.value)' is not one word")
        return nil
      }
    }
    let ownCrisis = fields.string("own_crisis")
    let writersOwnWords = words("writers_own_words", example: "i, me, my")
    let reportingWords = words("reporting_words", example: "said, texted, told")
    if let ownCrisis, writersOwnWords.isEmpty || reportingWords.isEmpty {
      fields.fail(ownCrisis.location, "'own_crisis' decides whose a crisis is by the writer's own words; give them with 'writers_own_words: [i, me, my, myself, mine]' and 'reporting_words: [said, texted, told]'")
    }
    let othersWords = words("others_words", example: "he, she, they")
    let optionWords = words("option_words", example: "option, number, the")
    let unsureOptionWords = words("unsure_option_words", example: "maybe, guess")
    let connectingWords = words("connecting_words", example: "and, but, so")
    let ordinals = words("ordinals", example: "first, second, third")
    guard let start, let fallback, let also, let askCountry, let unreadable, let tooLong else { return nil }
    return Settings(
      start: start.value, fallback: fallback.value, crisisCheck: crisisCheck.map(\.value),
      crisisCheckSomeoneElse: crisisCheckOther.map(\.value), askCountry: askCountry.value, alsoMentioned: also.value,
      crisisAndMoney: crisisAndMoney?.value, crisisAndMoneyTo: roleTexts("crisis_and_money_to", in: &fields),
      unreadable: unreadable.value, tooLong: tooLong.value, longestSafeAnswer: longestSafeAnswer,
      unclearSafeAnswer: unclearSafeAnswer?.value, ownCrisis: ownCrisis?.value, writersOwnWords: Set(writersOwnWords),
      reportingWords: Set(reportingWords), othersWords: Set(othersWords), optionWords: Set(optionWords), unsureOptionWords: Set(unsureOptionWords),
      connectingWords: Set(connectingWords), ordinals: ordinals,
      location: start.location)
  }

  private mutating func readGuards(_ tree: YAMLTree) -> ContentGuards? {
    var fields = FieldReader(tree, what: "guards.yaml", allowed: ["negations", "phrases", "max_grade", "catches", "passes"])
    defer { errors += fields.errors }
    let negations = fields.strings("negations", required: true, example: "dont").map { Normalizer.tokenize($0.value).map(\.word) }
    var phrases: [ContentGuards.Phrase] = []
    if let tree = fields.value("phrases") {
      for pair in tree.map ?? [] {
        for line in fields.lines(of: pair.value, key: "phrases: \(pair.key)", example: "go ahead and pay") {
          phrases.append(.init(kind: pair.key, text: line.value, words: Normalizer.tokenize(line.value).map(\.word)))
        }
      }
      if tree.map == nil { fields.fail(tree.location, "'phrases' must map a kind to its phrases, like 'payment: [\"go ahead and pay\"]'") }
    } else {
      fields.fail(tree.location, "guards.yaml has no 'phrases'; add 'phrases: {payment: [\"go ahead and pay\"]}'")
    }
    var maxGrade = 7.0
    if let grade = fields.string("max_grade") {
      if let value = Double(grade.value) { maxGrade = value } else { fields.fail(grade.location, "'max_grade' must be a number, like 'max_grade: 7'") }
    }
    return ContentGuards(
      phrases: phrases, negations: negations, maxGrade: maxGrade, catches: fields.strings("catches"),
      passes: fields.strings("passes"), location: tree.location)
  }

  private mutating func readDirectory(_ tree: YAMLTree) -> CountryDirectory? {
    var fields = FieldReader(tree, what: "the helpline file", allowed: ["country", "name", "names", "lines"])
    defer { errors += fields.errors }
    guard let code = fields.string("country", required: true, example: "GB"),
      let name = fields.string("name", required: true, example: "the UK")
    else { return nil }
    let validCode =
      code.value.count == 2 && code.value.unicodeScalars.allSatisfy { $0.properties.isUppercase && $0.isASCII }
    if !validCode { fields.fail(code.location, "country '\(code.value)' must be a two-letter ISO code in capitals, like 'GB'") }
    var lines: [Helpline] = []
    for item in fields.value("lines")?.list ?? [] {
      let id = item.map?.first { $0.key == "id" }?.value.scalar ?? "?"
      var line = FieldReader(
        item, what: "helpline '\(id)'",
        allowed: ["id", "name", "for", "does", "short", "say", "status", "source", "quote", "recheck", "checked", "everywhere"])
      let status = line.string("status", required: true, example: "VERIFIED")
      if let status, status.value.uppercased().hasPrefix("UNVERIFIED") {
        line.fail(status.location, "helpline '\(id)' is UNVERIFIED and must never be shown; remove it")
      }
      let audienceText = line.string("for", required: true, example: "all")
      let audience = audienceText.flatMap { Helpline.Audience(rawValue: $0.value) }
      if let audienceText, audience == nil {
        line.fail(audienceText.location, "'for' must be one of: all, under18, adults")
      }
      var services: [Helpline.Service] = []
      for service in line.strings("does", required: true, example: "support") {
        if let parsed = Helpline.Service(rawValue: service.value) {
          services.append(parsed)
        } else {
          line.fail(service.location, "'\(service.value)' in 'does' must be one of: \(Helpline.Service.allCases.map(\.rawValue).joined(separator: ", "))")
        }
      }
      let fieldsRead = (
        line.string("id", required: true, example: "GB-6"), line.string("name", required: true),
        line.string("short", required: true), line.string("say", required: true),
        line.string("source", required: true, example: "https://… (the page that confirmed it)"),
        line.string("quote", required: true, example: "the exact words on that page")
      )
      let recheck = line.bool("recheck")
      let everywhere = line.bool("everywhere")
      fields.errors.append(contentsOf: line.errors)
      guard let idText = fieldsRead.0, let lineName = fieldsRead.1, let short = fieldsRead.2, let say = fieldsRead.3,
        let source = fieldsRead.4, let quote = fieldsRead.5, let status, let audience
      else { continue }
      lines.append(
        Helpline(
          id: idText.value, name: lineName.value, audience: audience, services: services, short: short.value,
          say: say.value, status: status.value, source: source.value, quote: quote.value, recheck: recheck,
          everywhere: everywhere,
          location: idText.location))
    }
    return CountryDirectory(
      code: code.value, name: name.value, names: fields.strings("names").map(\.value), lines: lines,
      location: code.location)
  }
}
