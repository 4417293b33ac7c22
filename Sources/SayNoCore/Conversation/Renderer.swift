/// Fills helpline placeholders in a node's lines from the directory, for one person's country and age.
struct Renderer: Sendable {
  let dialogue: Dialogue
  let country: String?
  let ageGroup: String?
  /// A parent, teacher or carer also gets the lines for adults worried about a child, listed first.
  var forParent = false
  /// A placeholder alone on a line lists at most this many services, so a reply stays short.
  static let listedAtMost = 3

  func render(_ lines: [String]) -> [String] { lines.flatMap(render) }

  func render(_ line: String) -> [String] {
    let names = Self.placeholders(in: line)
    guard !names.isEmpty else { return [line] }
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    if names.count == 1, trimmed == "{\(names[0])}", let service = Helpline.Service(rawValue: names[0]) {
      return helplines(service).prefix(Self.listedAtMost).map(\.say)
    }
    var result = line
    for name in names {
      let value: String
      if let service = Helpline.Service(rawValue: name) {
        value = helplines(service).first?.short ?? ""
      } else {
        value = (country.flatMap(dialogue.directory) ?? dialogue.directory(Dialogue.internationalCode))?.name ?? ""
      }
      result = result.replacingOccurrences(of: "{\(name)}", with: value)
    }
    return [result]
  }

  /// The services of one kind for this country and age; the international ones when the country has none.
  func helplines(_ service: Helpline.Service) -> [Helpline] {
    func fits(_ line: Helpline) -> Bool {
      guard line.services.contains(service) else { return false }
      switch (ageGroup, line.audience) {
      case (_, .parents): return forParent
      case ("under18", .adults), ("adult", .under18): return false
      default: return true
      }
    }
    let international = dialogue.directory(Dialogue.internationalCode)?.lines ?? []
    if let country, country != Dialogue.internationalCode, let directory = dialogue.directory(country) {
      var found = directory.lines.filter(fits)
      if forParent {
        // A parent's own lines (the NSPCC helpline) come before the child's, which the list may cut.
        let rank: [Helpline.Audience: Int] = [.parents: 0, .all: 1, .under18: 2, .adults: 3]
        found = found.enumerated().sorted { (rank[$0.element.audience] ?? 1, $0.offset) < (rank[$1.element.audience] ?? 1, $1.offset) }
          .map(\.element)
      }
      // A country may list a worldwide service under its own id (US-3 is Take It Down): say it once.
      let worldwide = international.filter { line in
        line.everywhere && fits(line) && !found.contains { $0.short == line.short }
      }
      if !found.isEmpty { return found + worldwide }
    }
    let found = international.filter(fits)
    return found.isEmpty ? international.filter { $0.services.contains(service) } : found
  }

  /// A line with its placeholders left out, to measure how it reads.
  static func withoutPlaceholders(_ line: String) -> String {
    placeholders(in: line).reduce(line) { $0.replacingOccurrences(of: "{\($1)}", with: "") }
  }

  /// Whether a line names a helpline, which depends on the country.
  static func givesHelplines(_ line: String) -> Bool {
    placeholders(in: line).contains { Helpline.Service(rawValue: $0) != nil }
  }

  /// The names between braces in a line: "call {emergency} now" → ["emergency"].
  static func placeholders(in line: String) -> [String] {
    // Read as bytes: most lines have no brace at all, and this runs for every line of every reply.
    var names: [String] = []
    var rest = line.utf8[...]
    while let open = rest.firstIndex(of: UInt8(ascii: "{")),
      let close = rest[open...].firstIndex(of: UInt8(ascii: "}"))
    {
      names.append(String(decoding: rest[rest.index(after: open)..<close], as: UTF8.self))
      rest = rest[rest.index(after: close)...]
    }
    return names
  }
}
