/// Everything SayNo can understand and say, loaded from `Dialogues/` and checked.
///
/// A `Dialogue` is immutable once built; every session of a process shares one.
public struct Dialogue: Sendable {
  public var settings: Settings
  public var intents: [Intent]
  public var nodes: [Node]
  public var concepts: [Concept]
  /// Texting spellings and emoji, each mapped to the words it stands for.
  public var texting: [String: [String]]
  public var directories: [CountryDirectory]
  /// What no reply may say, and how hard a victim's reply may be to read.
  public var guards: ContentGuards
  /// Identifies this exact content, so a saved session is never restored into different content.
  public var fingerprint: String

  let nodeIndex: [String: Int]
  let intentIndex: [String: Int]
  let directoryIndex: [String: Int]
  let recognizer: Recognizer
  /// Each option label as the words a person would type to pick it, normalised once.
  let labelWords: [String: [String]]
  /// The most words any label has: a longer message cannot be a label typed out.
  let longestLabel: Int
  /// The topics of the nodes that money leads to (what was asked, what was paid): a crisis page says
  /// `crisis_and_money` when one of them came before it.
  let moneyTopics: Set<String>

  init(
    settings: Settings, intents: [Intent], nodes: [Node], concepts: [Concept],
    texting: [String: [String]], directories: [CountryDirectory], guards: ContentGuards, knownWords: Set<String>,
    examples: [(text: String, intent: String?)] = [], fingerprint: String
  ) {
    self.guards = guards
    self.fingerprint = fingerprint
    self.settings = settings
    self.intents = intents
    self.nodes = nodes
    self.concepts = concepts
    self.texting = texting
    self.directories = directories
    nodeIndex = Dictionary(nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    intentIndex = Dictionary(intents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    directoryIndex = Dictionary(
      directories.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
    let optionLabels = nodes.flatMap { $0.options.flatMap(\.allLabels) }
    // A guess cannot tell whose crisis it is, so it never leads to the help for someone else's; and it
    // never says that someone is safe, which would end the crisis check.
    let unguessableNodes = Set(nodes.filter { $0.aboutSomeoneElse || $0.marksSafe }.map(\.id))
    recognizer = Recognizer(
      intents: intents, concepts: concepts, texting: texting, knownWords: knownWords, optionLabels: optionLabels,
      unguessable: Set(intents.filter { $0.goto.map(unguessableNodes.contains) ?? false }.map(\.id)),
      examples: examples)
    let labels = optionLabels + intents.compactMap(\.offerChoice).flatMap(\.allLabels)
    labelWords = Dictionary(
      labels.map { [recognizer] in ($0, recognizer.normalizer.normalize($0).words) }, uniquingKeysWith: { first, _ in first })
    longestLabel = labelWords.values.map(\.count).max() ?? 0
    moneyTopics = Set(
      intents.filter { $0.tier == .payment }.compactMap { intent in nodes.first { $0.id == intent.goto }?.topic })
  }

  public func node(_ id: String) -> Node? { nodeIndex[id].map { nodes[$0] } }
  public func intent(_ id: String) -> Intent? { intentIndex[id].map { intents[$0] } }
  public func directory(_ code: String) -> CountryDirectory? { directoryIndex[code].map { directories[$0] } }

  /// How a message is understood, out of any context.
  public func recognize(_ text: String) -> Recognition { recognizer.recognize(text) }

  /// The international entries, used when the country is unknown or has no entry of a kind.
  public static let internationalCode = "ZZ"
}

/// Where a conversation starts, and the few lines that belong to no node.
public struct Settings: Sendable {
  public var start: String
  public var fallback: String
  /// Said first on every turn while the person may be in danger, until they say they are safe.
  public var crisisCheck: [String]
  /// Said instead while the danger is to someone else the person is worried about (a child, a friend).
  public var crisisCheckSomeoneElse: [String]
  /// Asked once, after the first reply that gives helplines, while the country is unknown.
  public var askCountry: String
  /// Said when a message held a second concern that is offered as the next option.
  public var alsoMentioned: String
  /// Said on a crisis page, before its question, when money is in play: named in the same message, or
  /// talked about before the crisis began ("he wants 200 by tonight and i just want to die"). The crisis
  /// comes first, but paying must not be left looking like a way out.
  public var crisisAndMoney: String?
  /// The same in a role's words (`crisis_and_money_to`): a friend is not the one asked to pay.
  public var crisisAndMoneyTo: [Role: String]

  /// `crisisAndMoney` in this role's words, if it has its own.
  public func crisisAndMoney(for role: Role?) -> String? { role.flatMap { crisisAndMoneyTo[$0] } ?? crisisAndMoney }
  /// Said when a line cannot be read as text (invalid UTF-8).
  public var unreadable: String
  /// Said when a message is longer than the helper accepts.
  public var tooLong: String
  /// An answer to "are you safe?" of more words than this is not taken as a plain yes ("yes im at
  /// home, he has a key tho"): the node's `unclearSafeAnswer` applies instead, and it asks again.
  public var longestSafeAnswer: Int?
  /// The intent a node that asks "are you safe?" maps to the node that asks again ("hedge").
  public var unclearSafeAnswer: String?
  /// The writer's own crisis (`own_crisis`), which comes first when it is told after someone else's ("my
  /// friend said i should talk to you. i want to die").
  public var ownCrisis: String?
  /// The words by which a writer puts themselves in what they tell ("i", "me", "my"), which keep a crisis
  /// told beside someone else's the writer's own.
  public var writersOwnWords: Set<String>
  /// Words after which an "i" or "me" is someone else's, quoted: "she texted me i took them all".
  public var reportingWords: Set<String>
  /// Words that name someone else, between which and a crisis an "i" is not the one at risk: "i know
  /// he took pills".
  public var othersWords: Set<String>
  /// Words around an option's number that only point at it or soften it ("option 2", "3 pls", "2 tbh").
  public var optionWords: Set<String>
  /// Words that leave a choice unsure ("prob 1", "1 maybe", "yes ig"): in a crisis, a number or a yes with
  /// one of them is not taken as an answer.
  public var unsureOptionWords: Set<String>
  /// Words that only join what follows to an answer ("yes and …", "no but …"): after them, the rest of
  /// a message that opens with an answer is read as a message of its own.
  public var connectingWords: Set<String>
  /// "first", "second"…: the option each names, in order.
  public var ordinals: [String]
  var location: Location
}

/// How urgent a recognised intent is: the ladder every turn climbs, whatever the node. `writer` is for an
/// intent about who is writing ("im 34 and a grown man"): what the rest of the message is about comes first,
/// in that writer's words.
public enum Tier: Int, Sendable, Comparable, CaseIterable {
  case crisis, payment, general, writer, answer

  public init?(name: String) {
    guard let tier = Tier.allCases.first(where: { $0.name == name }) else { return nil }
    self = tier
  }

  public var name: String { String(describing: self) }
  public static func < (a: Tier, b: Tier) -> Bool { a.rawValue < b.rawValue }
}

/// Who is writing: the advice differs for each.
public enum Role: String, Sendable, CaseIterable, Codable {
  case young, friend, parent, adult
}

/// How worried a bridge should be about this session.
public enum Risk: String, Sendable, Comparable, CaseIterable, Codable {
  case none, elevated, high
  public static func < (a: Risk, b: Risk) -> Bool {
    allCases.firstIndex(of: a) ?? 0 < allCases.firstIndex(of: b) ?? 0
  }
}

/// Something the helper learns from a message or a node: `role: parent`, or `age: "@age"` from a concept's group.
public struct SlotAssignment: Sendable, Hashable {
  public enum Value: Sendable, Hashable {
    case literal(String)
    /// The group of this concept that the winning pattern matched.
    case captured(concept: String)
  }
  public var slot: Slot
  public var value: Value
}

/// What a session can learn. Nothing here ever holds a person's own words.
public enum Slot: String, Sendable, CaseIterable, Codable, CodingKeyRepresentable {
  case role, age, country, paid, posted
}

/// A way of recognising what a message is about.
public struct Intent: Sendable {
  public var id: String
  public var tier: Tier
  public var goto: String?
  /// The option label used to offer this intent next when another concern was answered first.
  public var offer: String?
  /// Other words for the offer, by role, as for an option's `label_to`.
  public var offerTo: [Role: String]
  public var assignments: [SlotAssignment]
  public var patterns: [Pattern]
  public var samples: [Located<String>]

  /// The intent as an option offered next, when it has an offer and somewhere to go.
  var offerChoice: Choice? {
    guard let offer, let goto else { return nil }
    return Choice(label: offer, labelTo: offerTo, goto: goto, location: location)
  }
  public var counterSamples: [Located<String>]
  public var location: Location
}

/// A string with the place it was written.
public struct Located<Value: Sendable>: Sendable {
  public var value: Value
  public var location: Location
}

/// A point in the conversation: what is said there and where it can go next.
public struct Node: Sendable {
  public var id: String
  public var risk: Risk
  public var topic: String?
  public var assignments: [SlotAssignment]
  public var say: [String]
  public var sayTo: [Role: [String]]
  public var options: [Choice]
  /// What a message means here: intent id → node id, in the order written.
  public var on: [(intent: String, node: String, location: Location)]
  public var resets: Bool
  public var ends: Bool
  /// Reaching this node means the person said they are safe, so the crisis check stops.
  public var marksSafe: Bool
  /// A crisis node about someone else in danger (a child, a friend), not the person writing.
  public var aboutSomeoneElse: Bool
  /// The page says not to pay itself (`says_dont_pay`), so `crisis_and_money` is not added to it.
  public var saysDontPay = false
  public var location: Location

  func lines(for role: Role?) -> [String] {
    if let role, let lines = sayTo[role] { return lines }
    return say
  }

  func target(for intent: String) -> String? { on.first { $0.intent == intent }?.node }
}

/// One choice offered under a reply.
public struct Choice: Sendable {
  public var label: String
  /// Other words for a role: a parent reads "My child is scared of getting in trouble".
  public var labelTo: [Role: String] = [:]
  public var goto: String
  public var location: Location

  public func label(for role: Role?) -> String { role.flatMap { labelTo[$0] } ?? label }
  /// Every way this option is written, for picking it by its words.
  var allLabels: [String] { [label] + Role.allCases.compactMap { labelTo[$0] } }
}

/// A named set of words and phrases that mean the same thing, used in patterns as `@name`.
public struct Concept: Sendable {
  public var name: String
  /// Each phrase as normalised words, with its group when the concept has groups.
  public var phrases: [(words: [String], group: String?)]
  public var location: Location
}

/// The checked helplines of one country (or `ZZ`, the international fallback).
public struct CountryDirectory: Sendable {
  public var code: String
  /// How the country is named inside a sentence: "the UK".
  public var name: String
  /// What people type for it: "uk", "england", "london".
  public var names: [String]
  public var lines: [Helpline]
  public var location: Location
}

/// One checked service, with the source that confirmed it.
public struct Helpline: Sendable {
  /// Who a line is for; `parents` means adults worried about a child (the NSPCC helpline).
  public enum Audience: String, Sendable, CaseIterable { case all, under18, adults, parents }
  public enum Service: String, Sendable, CaseIterable { case emergency, crisis, support, report, removal }

  public var id: String
  public var name: String
  public var audience: Audience
  public var services: [Service]
  /// A few words used inside a sentence.
  public var short: String
  /// A whole sentence, said on its own line.
  public var say: String
  public var status: String
  public var source: String
  public var quote: String
  public var recheck: Bool
  /// An international service that works from any country (Take It Down, StopNCII): listed after the country's own.
  public var everywhere: Bool
  public var location: Location
}
