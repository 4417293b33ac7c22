/// What one conversation has learned so far. It never holds anything the person typed.
public struct SessionState: Sendable, Codable, Equatable {
  /// The node the conversation is at.
  public var node: String
  /// What was learned, by slot: role, age group, country, whether money was paid, whether images were posted.
  public var learned: [Slot: String]
  /// Set when the person may be in danger; cleared only when they say they are safe.
  public var inCrisis: Bool
  /// The danger is to someone the person is worried about, not to the person writing.
  public var crisisIsSomeoneElses: Bool
  /// The helper has asked which country the person is in; it asks only once.
  public var askedCountry: Bool
  /// Topics already talked about, in the order they came up.
  public var topics: [String]
  /// Where each option shown last leads, so that "2" means the second of them.
  public var offered: [String]
  /// The country the host (bridge or command line) gave; it survives "start over".
  public var hostCountry: String?

  public init(node: String, hostCountry: String? = nil) {
    self.node = node
    learned = [:]
    inCrisis = false
    crisisIsSomeoneElses = false
    askedCountry = false
    topics = []
    offered = []
    self.hostCountry = hostCountry
    if let hostCountry { learned[.country] = hostCountry }
  }

  /// The state just after `question`'s node was shown, for testing an answer on its own (`sayno eval`,
  /// `sayno explain --after`): its options on screen, and in crisis if it is a crisis node, as when a
  /// conversation arrives there.
  public init(answering question: Node, hostCountry: String? = nil) {
    self.init(node: question.id, hostCountry: hostCountry)
    offered = question.options.map(\.goto)
    if question.risk == .high { (inCrisis, crisisIsSomeoneElses) = (true, question.aboutSomeoneElse) }
  }

  /// Who is writing: as they said, or else implied by the age they gave. An age under 18 wins over
  /// "adult" learned from the situation (a 16-year-old recorded on a video call is still young).
  public var role: Role? {
    if let said = learned[.role].flatMap(Role.init(rawValue:)) {
      return said == .adult && learned[.age] == "under18" ? .young : said
    }
    switch learned[.age] {
    case "under18": return .young
    case "adult": return .adult
    default: return nil
    }
  }
  public var country: String? { learned[.country] }

  /// The age group to choose helplines for: said outright, or implied by who is writing.
  public var ageGroup: String? {
    if let age = learned[.age] { return age }
    switch learned[.role].flatMap(Role.init(rawValue:)) {
    case .young, .parent: return "under18"
    case .adult: return "adult"
    case .friend, nil: return nil
    }
  }
}
